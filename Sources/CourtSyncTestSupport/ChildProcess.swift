import Foundation
import Synchronization

/// A program started as a child process that the test does not wait for at once: it can be read
/// while it runs (standard output and error go to files), signalled (SIGTERM, SIGKILL) and awaited
/// without blocking a thread of the concurrency pool (which an in-process server may need).
public final class ChildProcess: Sendable {
    /// How a child ended.
    public struct Exit: Sendable, Hashable, CustomStringConvertible {
        /// The exit status, or the signal number when ``bySignal`` is set.
        public let status: Int32
        /// True when a signal ended the process.
        public let bySignal: Bool

        /// True when the process exited normally with status 0.
        public var succeeded: Bool { !bySignal && status == 0 }

        public var description: String { bySignal ? "killed by signal \(status)" : "exit status \(status)" }
    }

    /// Why waiting for a child failed.
    public struct TimedOut: Error, CustomStringConvertible {
        public let command: String
        public let seconds: Double
        public let stderr: String

        public var description: String { "\(command) did not finish within \(seconds) s; stderr:\n\(stderr)" }
    }

    public let executable: URL
    public let arguments: [String]
    /// The child's process id.
    public let pid: Int32
    private let scratch: TemporaryDirectory
    // Kept so the child's Process object lives as long as this value; used only in `init`.
    private let process: Process
    private let ended = ExitBox()

    /// Starts `executable` with `arguments`; standard input is /dev/null.
    ///
    /// - Parameters:
    ///   - environment: variables set (or, with a nil value, removed) on top of this process's.
    ///   - directory: the working directory (default: this process's).
    public init(
        _ executable: URL, _ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil
    ) throws {
        self.executable = executable
        self.arguments = arguments
        scratch = TemporaryDirectory("courtsync-child")
        let out = scratch.file("stdout")
        let err = scratch.file("stderr")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        defer {  // the child has its own copies
            try? outHandle.close()
            try? errHandle.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        let ended = self.ended
        process.terminationHandler = { finished in
            let exit = Exit(status: finished.terminationStatus, bySignal: finished.terminationReason == .uncaughtSignal)
            ended.value.withLock { $0 = exit }
        }
        try process.run()
        self.process = process
        pid = process.processIdentifier
    }

    /// Starts the `courtsync` executable built for these tests (see ``CommandRunner/locate(_:filePath:)``).
    public static func courtsync(
        _ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil,
        filePath: String = #filePath
    ) throws -> ChildProcess {
        let executable = try CommandRunner.locate("courtsync", filePath: filePath)
        return try ChildProcess(
            executable, arguments, environment: environment.merging(["COURTSYNC_DATA_DIR": nil]) { a, _ in a },
            in: directory)
    }

    /// Runs the `courtsync` executable to completion without blocking a thread.
    public static func runCourtsync(
        _ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil,
        timeout: Duration = .seconds(60), filePath: String = #filePath
    ) async throws -> CommandResult {
        let child = try courtsync(arguments, environment: environment, in: directory, filePath: filePath)
        return try await child.result(timeout: timeout)
    }

    /// Runs a program found on the `PATH` to completion without blocking a thread.
    public static func runTool(
        _ name: String, _ arguments: [String], timeout: Duration = .seconds(30)
    ) async throws -> CommandResult {
        guard let executable = Self.which(name) else {
            throw CommandRunnerError.executableNotFound(name: name, searched: Self.searchPath)
        }
        return try await ChildProcess(executable, arguments).result(timeout: timeout)
    }

    /// The program `name` on the `PATH`, or nil.
    public static func which(_ name: String) -> URL? {
        for directory in searchPath {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private static var searchPath: [String] {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
    }

    /// How the child ended, or nil while it runs.
    public var exit: Exit? { ended.value.withLock { $0 } }

    /// What the child has written to standard output so far.
    public var stdout: String { (try? String(contentsOfFile: scratch.file("stdout"), encoding: .utf8)) ?? "" }

    /// What the child has written to standard error so far.
    public var stderr: String { (try? String(contentsOfFile: scratch.file("stderr"), encoding: .utf8)) ?? "" }

    /// Sends `signal` (e.g. `SIGTERM`, `SIGKILL`) to the child, if it still runs.
    public func send(_ signal: Int32) {
        if exit == nil { kill(pid, signal) }
    }

    /// Waits for the child to end; after `timeout` it is killed and ``TimedOut`` thrown.
    @discardableResult
    public func wait(timeout: Duration = .seconds(60)) async throws -> Exit {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let exit { return exit }
            if clock.now >= deadline {
                send(SIGKILL)
                throw TimedOut(command: command, seconds: seconds(timeout), stderr: stderr)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits for the child to end and returns what it printed, as ``CommandRunner`` does.
    public func result(timeout: Duration = .seconds(60)) async throws -> CommandResult {
        let exit = try await wait(timeout: timeout)
        return CommandResult(
            arguments: arguments, status: exit.status, terminatedBySignal: exit.bySignal,
            stdoutData: (try? Data(contentsOf: URL(fileURLWithPath: scratch.file("stdout")))) ?? Data(),
            stderrData: (try? Data(contentsOf: URL(fileURLWithPath: scratch.file("stderr")))) ?? Data())
    }

    /// Waits until a line of standard output starts with `prefix` and returns the rest of that
    /// line; nil when the child ended first or `timeout` passed.
    public func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(30)) async -> String? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let lines = stdout.split(separator: "\n", omittingEmptySubsequences: true)
            if let line = lines.first(where: { $0.hasPrefix(prefix) }) {
                return String(line.dropFirst(prefix.count))
            }
            if exit != nil, !stdout.contains(prefix) { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Kills the child (SIGKILL) if it still runs and waits for it; for clean-up paths.
    public func terminate() async {
        send(SIGKILL)
        _ = try? await wait(timeout: .seconds(10))
    }

    private var command: String { ([executable.lastPathComponent] + arguments).joined(separator: " ") }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// How a child ended, shared with its termination handler.
private final class ExitBox: Sendable {
    let value = Mutex<ChildProcess.Exit?>(nil)
}
