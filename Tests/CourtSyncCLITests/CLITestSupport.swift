import CourtSyncTestSupport
import Foundation
import Testing

/// The `courtsync` executable, located once for the whole suite.
private let locatedCourtsync = Result { try CommandRunner.courtsync() }

/// A runner for the built `courtsync` executable; throws a clear error when it has not been built.
func courtsync() throws -> CommandRunner {
    try locatedCourtsync.get()
}

/// Runs `courtsync` with `arguments` outside any node (for `check`, `generate`, `init`).
func run(_ arguments: String..., in directory: URL? = nil) throws -> CommandResult {
    try courtsync().run(arguments, in: directory)
}

/// A node created by `courtsync init` in its own temporary directory.
struct CLINode {
    let directory: TemporaryDirectory
    let nodeID: String

    /// The node's data directory (a subdirectory that `init` creates).
    var dataDirectory: String { directory.file("node") }

    /// A district node (default: 福田, 粤0304).
    static func district(_ nodeID: String = "gd0304", court: String = "粤0304") throws -> CLINode {
        try CLINode(nodeID: nodeID, role: "district", court: court)
    }

    /// The bar association's node.
    static func bar(_ nodeID: String = "szbar") throws -> CLINode {
        try CLINode(nodeID: nodeID, role: "bar", court: nil)
    }

    init(nodeID: String, role: String, court: String?) throws {
        directory = TemporaryDirectory("courtsync-cli-\(nodeID)")
        self.nodeID = nodeID
        var arguments = ["init", "--data-dir", directory.file("node"), "--node-id", nodeID, "--role", role]
        if let court { arguments += ["--court", court] }
        let result = try courtsync().run(arguments)
        try #require(result.succeeded, "init failed: \(result)")
    }

    /// Runs a command on this node (its data directory given through `COURTSYNC_DATA_DIR`).
    func run(_ arguments: String...) throws -> CommandResult {
        try run(arguments)
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try courtsync().run(arguments, environment: ["COURTSYNC_DATA_DIR": dataDirectory], in: directory.url)
    }

    /// A file in the node's temporary directory (outside the data directory).
    func file(_ name: String) -> String { directory.file(name) }

    /// Writes a text file next to the data directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The whole change log, from `changes --format json`.
    func changes() throws -> [[String: Any]] {
        let result = try run("changes", "--format", "json", "--limit", "1000000")
        try #require(result.succeeded, "changes failed: \(result)")
        return try result.jsonLines()
    }

    /// How many changes the node holds (the number of lines `changes --format json` prints).
    func changeCount() throws -> Int { try changes().count }

    /// The canonical case numbers on the node, from `case list --format json`.
    func caseNumbers() throws -> Set<String> {
        let result = try run("case", "list", "--format", "json", "--limit", "1000")
        try #require(result.succeeded, "case list failed: \(result)")
        return Set(try result.jsonArray().compactMap { $0["case_number"] as? String })
    }

    /// One case as `case show --format json` prints it.
    func showCase(_ number: String) throws -> [String: Any] {
        let result = try run("case", "show", "--format", "json", number)
        try #require(result.succeeded, "case show failed: \(result)")
        return try result.jsonObject()
    }

    /// Adds a valid case (filed in its number's year) and requires success.
    @discardableResult
    func addCase(_ number: String, filed: String = "2024-03-02", extra: [String] = []) throws -> CommandResult {
        let result = try run(["case", "add", number, "--filed", filed, "--channel", "mobile", "--cause", "民间借贷纠纷"] + extra)
        try #require(result.succeeded, "case add failed: \(result)")
        return result
    }
}

/// The `change` object of a line of `changes --format json`.
func change(_ line: [String: Any]) -> [String: Any] {
    line["change"] as? [String: Any] ?? [:]
}

/// The names of the fields a logged change carries.
func changedFields(_ line: [String: Any]) -> Set<String> {
    Set((change(line)["fields"] as? [String: Any] ?? [:]).keys)
}

/// Checks that a run failed the documented way: a non-zero exit status (exactly `status` when
/// given), an `Error:` line on standard error containing every string of `mentions`, and, when
/// `hint` is set, a `Hint:` line.
func expectFailure(
    _ result: CommandResult, status: Int32? = nil, mentions: [String] = [], hint: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(!result.terminatedBySignal, "crashed: \(result)", sourceLocation: sourceLocation)
    #expect(result.status != 0, "expected failure: \(result)", sourceLocation: sourceLocation)
    if let status {
        #expect(result.status == status, "exit status: \(result)", sourceLocation: sourceLocation)
    }
    #expect(result.stderrLines.contains { $0.hasPrefix("Error: ") }, "no Error: line: \(result)",
            sourceLocation: sourceLocation)
    if hint {
        #expect(result.stderrLines.contains { $0.hasPrefix("Hint: ") }, "no Hint: line: \(result)",
                sourceLocation: sourceLocation)
    }
    for text in mentions {
        #expect(result.stderr.contains(text), "stderr does not mention \"\(text)\": \(result)",
                sourceLocation: sourceLocation)
    }
}
