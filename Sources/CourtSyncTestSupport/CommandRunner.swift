import Foundation

/// What one run of an executable produced.
public struct CommandResult: Sendable, CustomStringConvertible {
    /// The arguments the executable was run with (without the executable itself).
    public let arguments: [String]
    /// The exit status, or the signal number when ``terminatedBySignal`` is set.
    public let status: Int32
    /// True when the process was killed by a signal (for example after a time-out).
    public let terminatedBySignal: Bool
    /// Raw bytes written to standard output.
    public let stdoutData: Data
    /// Raw bytes written to standard error.
    public let stderrData: Data

    /// Standard output decoded as UTF-8.
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error decoded as UTF-8.
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// True when the process exited normally with status 0.
    public var succeeded: Bool { !terminatedBySignal && status == 0 }

    /// Non-empty lines of standard output.
    public var stdoutLines: [String] { Self.lines(stdout) }
    /// Non-empty lines of standard error.
    public var stderrLines: [String] { Self.lines(stderr) }

    /// Standard output parsed as one JSON document.
    public func json() throws -> Any {
        try JSONSerialization.jsonObject(with: stdoutData, options: [.fragmentsAllowed])
    }

    /// Standard output parsed as one JSON object.
    public func jsonObject() throws -> [String: Any] {
        guard let object = try json() as? [String: Any] else { throw CommandRunnerError.notJSON(self, "an object") }
        return object
    }

    /// Standard output parsed as one JSON array of objects.
    public func jsonArray() throws -> [[String: Any]] {
        guard let array = try json() as? [[String: Any]] else {
            throw CommandRunnerError.notJSON(self, "an array of objects")
        }
        return array
    }

    /// Standard output parsed as NDJSON: one JSON object per non-empty line.
    public func jsonLines() throws -> [[String: Any]] {
        try stdoutLines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CommandRunnerError.notJSON(self, "one JSON object per line")
            }
            return object
        }
    }

    /// A summary for test failure messages.
    public var description: String {
        let how = terminatedBySignal ? "killed by signal \(status)" : "exit status \(status)"
        return """
            courtsync \(arguments.joined(separator: " ")) → \(how)
            --- stdout ---
            \(Self.clip(stdout))
            --- stderr ---
            \(Self.clip(stderr))
            """
    }

    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    private static func clip(_ text: String, limit: Int = 4000) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "\n… (\(text.count - limit) more characters)"
    }
}

/// Why an executable could not be run, or its output not read.
public enum CommandRunnerError: Error, CustomStringConvertible {
    case executableNotFound(name: String, searched: [String])
    case timedOut(arguments: [String], seconds: Double)
    case notJSON(CommandResult, String)

    public var description: String {
        switch self {
        case .executableNotFound(let name, let searched):
            return "the \(name) executable was not found; build it first with `swift build` "
                + "(searched: \(searched.joined(separator: ", ")))"
        case .timedOut(let arguments, let seconds):
            return "\(arguments.joined(separator: " ")) did not finish within \(seconds) s and was killed"
        case .notJSON(let result, let expected):
            return "standard output is not \(expected):\n\(result)"
        }
    }
}

/// Runs a built executable (by default `courtsync`) as a child process with no standard input,
/// capturing standard output and standard error through temporary files, so that any amount of
/// output can be read without a pipe filling up and blocking the child.
public struct CommandRunner: Sendable {
    /// The executable run.
    public let executable: URL
    /// Environment variables set (or, with a nil value, removed) on top of this process's.
    public var environment: [String: String?]
    /// Seconds after which a run is killed and reported as a failure.
    public var timeout: Double

    public init(executable: URL, environment: [String: String?] = [:], timeout: Double = 60) {
        self.executable = executable
        self.environment = environment
        self.timeout = timeout
    }

    /// A runner for the `courtsync` executable built next to the running test binary.
    ///
    /// Looks, in order, at `$COURTSYNC_EXECUTABLE`, the directory of the test binary (or test
    /// bundle) in `.build/<triple>/debug/`, and `.build/debug/` of the package found by walking up
    /// from `filePath`. `COURTSYNC_DATA_DIR` is removed from the child's environment so that a
    /// developer's setting cannot leak into a test.
    public static func courtsync(filePath: String = #filePath) throws -> CommandRunner {
        CommandRunner(executable: try locate("courtsync", filePath: filePath),
                      environment: ["COURTSYNC_DATA_DIR": nil])
    }

    /// Finds a product executable built by SwiftPM; see ``courtsync(filePath:)``.
    public static func locate(_ name: String, filePath: String = #filePath) throws -> URL {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["COURTSYNC_EXECUTABLE"], name == "courtsync" {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        var buildDirectories: [URL] = []
        if let main = Bundle.main.executableURL { buildDirectories.append(main.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            buildDirectories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let argument = CommandLine.arguments.first, argument.contains("/") {
            buildDirectories.append(URL(fileURLWithPath: argument).deletingLastPathComponent())
        }
        candidates += buildDirectories.map { $0.appendingPathComponent(name) }
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                candidates.append(directory.appendingPathComponent(".build/debug/\(name)"))
                break
            }
            directory.deleteLastPathComponent()
        }
        var seen = Set<String>()
        for candidate in candidates where seen.insert(candidate.standardizedFileURL.path).inserted {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        throw CommandRunnerError.executableNotFound(name: name, searched: candidates.map(\.path))
    }

    /// Runs the executable with `arguments` and waits for it to exit.
    ///
    /// - Parameters:
    ///   - environment: variables set (or, with a nil value, removed) for this run only.
    ///   - directory: the working directory (default: this process's).
    /// - Throws: ``CommandRunnerError/timedOut(arguments:seconds:)`` when the run takes longer than
    ///   ``timeout``; errors from launching the process.
    public func run(
        _ arguments: [String], environment extra: [String: String?] = [:], in directory: URL? = nil
    ) throws -> CommandResult {
        let scratch = TemporaryDirectory("courtsync-run")
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {  // the child has its own copies of these descriptors
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment.merging(extra, uniquingKeysWith: { _, new in new }) {
            env[key] = value
        }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 5)
            throw CommandRunnerError.timedOut(arguments: arguments, seconds: timeout)
        }
        return CommandResult(
            arguments: arguments, status: process.terminationStatus,
            terminatedBySignal: process.terminationReason == .uncaughtSignal,
            stdoutData: try Data(contentsOf: outURL), stderrData: try Data(contentsOf: errURL))
    }
}
