import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync init")
struct InitCommandTests {
    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test("creates a district node: data directory 0700, database, its court row as change 1")
    func createsDistrictNode() throws {
        let scratch = TemporaryDirectory("courtsync-cli-init")
        let dataDir = scratch.file("srv/gd0304")
        let result = try run("init", "--data-dir", dataDir, "--node-id", "gd0304", "--role", "district", "--court", "粤0304")
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Created node gd0304 (district, 粤0304 深圳市福田区人民法院)"), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(FileManager.default.fileExists(atPath: dataDir + "/courtsync.sqlite"))
        #expect(try permissions(dataDir) == 0o700)

        let changes = try courtsync().run(["changes", "--data-dir", dataDir, "--format", "json"]).jsonLines()
        #expect(changes.count == 1)
        #expect(change(changes[0])["table"] as? String == "courts")
        #expect(change(changes[0])["key"] as? String == "粤0304")
        #expect(change(changes[0])["origin"] as? String == "gd0304")
        let cases = try courtsync().run(["case", "list", "--data-dir", dataDir, "--format", "json"]).jsonArray()
        #expect(cases.isEmpty)
    }

    @Test("creates an intermediate node and a bar node")
    func intermediateAndBar() throws {
        let scratch = TemporaryDirectory("courtsync-cli-init")
        let intermediate = try run(
            "init", "--data-dir", scratch.file("gd03"), "--node-id", "gd03", "--role", "intermediate", "--court", "粤03")
        #expect(intermediate.succeeded, "\(intermediate)")
        #expect(intermediate.stdout.contains("(intermediate, 粤03 "), "\(intermediate)")
        let bar = try run("init", "--data-dir", scratch.file("bar"), "--node-id", "szbar", "--role", "bar")
        #expect(bar.succeeded, "\(bar)")
        #expect(bar.stdout.contains("(bar, bar association)"), "\(bar)")
        // The bar node has no court row, so its change log starts empty.
        let changes = try courtsync().run(["changes", "--data-dir", scratch.file("bar"), "--format", "json"])
        #expect(changes.succeeded && changes.stdoutLines.isEmpty, "\(changes)")
    }

    @Test("init on an existing node fails with Error: and Hint: and leaves the node as it was")
    func initTwiceFails() throws {
        let node = try CLINode.district()
        try node.addCase("(2024)粤0304民初1号")
        let before = try node.changes().count
        let again = try node.run("init", "--node-id", "gd0304", "--role", "district", "--court", "粤0304")
        expectFailure(again, status: 1, mentions: ["already exists", "courtsync.sqlite"])
        #expect(again.stdout.isEmpty, "\(again)")
        #expect(try node.changes().count == before)
        #expect(try node.caseNumbers() == ["（2024）粤0304民初1号"])
    }

    struct BadInit: Sendable, CustomTestStringConvertible {
        let label: String
        let arguments: [String]
        let status: Int32
        let mentions: [String]
        var testDescription: String { label }
    }

    static let badInits: [BadInit] = [
        BadInit(label: "node id with upper case and a space", arguments: ["--node-id", "GD 03", "--role", "district", "--court", "粤0304"],
                status: 64, mentions: ["--node-id", "GD 03"]),
        BadInit(label: "district without --court", arguments: ["--node-id", "gd0304", "--role", "district"],
                status: 64, mentions: ["--court is required"]),
        BadInit(label: "bar with --court", arguments: ["--node-id", "szbar", "--role", "bar", "--court", "粤0304"],
                status: 64, mentions: ["--court", "bar association node has no court code"]),
        BadInit(label: "unknown court code", arguments: ["--node-id", "gd0399", "--role", "district", "--court", "粤0399"],
                status: 1, mentions: ["--court", "粤0399", "not a court code"]),
        BadInit(label: "basic court for an intermediate node",
                arguments: ["--node-id", "gd0304", "--role", "intermediate", "--court", "粤0304"],
                status: 1, mentions: ["--court", "粤0304 is a court of level basic"]),
        BadInit(label: "intermediate court for a district node",
                arguments: ["--node-id", "gd03", "--role", "district", "--court", "粤03"],
                status: 1, mentions: ["--court", "粤03 is a court of level intermediate"]),
        BadInit(label: "unknown role", arguments: ["--node-id", "gd0304", "--role", "supreme", "--court", "粤0304"],
                status: 64, mentions: ["--role"]),
    ]

    @Test("bad arguments fail clearly and create nothing", arguments: badInits)
    func badArguments(_ bad: BadInit) throws {
        let scratch = TemporaryDirectory("courtsync-cli-init")
        let dataDir = scratch.file("node")
        let result = try courtsync().run(["init", "--data-dir", dataDir] + bad.arguments)
        // Usage errors (64) come from the argument parser with a usage line instead of a hint.
        expectFailure(result, status: bad.status, mentions: bad.mentions, hint: bad.status != 64)
        if bad.status == 64 { #expect(result.stderr.contains("Usage: courtsync init"), "\(result)") }
        #expect(!FileManager.default.fileExists(atPath: dataDir), "\(result)")
    }

    @Test("a data directory that already exists is made private (0700) like a new one")
    func existingDirectoryIsMadePrivate() throws {
        let scratch = TemporaryDirectory("courtsync-cli-init")
        let dataDir = scratch.file("gd0304")
        try FileManager.default.createDirectory(
            atPath: dataDir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        let result = try run("init", "--data-dir", dataDir, "--node-id", "gd0304", "--role", "district", "--court", "粤0304")
        #expect(result.succeeded, "\(result)")
        let mode = try permissions(dataDir)
        #expect(mode == 0o700, "data directory mode is \(String(mode, radix: 8))")
        #expect(try permissions(dataDir + "/courtsync.sqlite") == 0o600)
    }

    @Test("the hint for an unknown court code names a command that lists the courts")
    func unknownCourtHintWorks() throws {
        let scratch = TemporaryDirectory("courtsync-cli-init")
        let result = try run(
            "init", "--data-dir", scratch.file("node"), "--node-id", "gd0399", "--role", "district", "--court", "粤0399")
        expectFailure(result, status: 1, mentions: ["粤0399"])
        let hint = try #require(result.stderrLines.first { $0.hasPrefix("Hint: ") })
        // The hint quotes a command in backticks: `courtsync …`.
        let quoted = try #require(hint.split(separator: "`").dropFirst().first, "no command in: \(hint)")
        let words = quoted.split(separator: " ").map(String.init)
        try #require(words.first == "courtsync")
        let hinted = try courtsync().run(Array(words.dropFirst()))
        #expect(hinted.status == 0, "\(hinted)")
        #expect(hinted.stdout.contains("粤0304"), "\(hinted)")
    }
}
