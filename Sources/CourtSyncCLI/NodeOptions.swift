import ArgumentParser
import CourtSyncModel
import CourtSyncStore
import Foundation

/// Options shared by every command that works on a node's data.
struct NodeOptions: ParsableArguments {
    @Option(
        name: .customLong("data-dir"),
        help: "The node's data directory (default: $COURTSYNC_DATA_DIR, else ./courtsync-data).")
    var dataDirectory: String?

    @Option(
        name: .customLong("reference-dir"),
        help: "Directory with corrected courts.tsv and case_types.tsv (default: the bundled ones).")
    var referenceDirectory: String?

    var resolvedDataDirectory: String {
        dataDirectory ?? ProcessInfo.processInfo.environment["COURTSYNC_DATA_DIR"] ?? "courtsync-data"
    }

    var databasePath: String {
        URL(fileURLWithPath: resolvedDataDirectory).appendingPathComponent(NodeStore.databaseFileName).path
    }

    func reference() throws -> ReferenceData {
        guard let referenceDirectory else { return .bundled }
        return try ReferenceData.load(directory: URL(fileURLWithPath: referenceDirectory))
    }

    func openStore() throws -> NodeStore {
        try NodeStore.open(at: databasePath)
    }

    func context(strictLicences: Bool = true) throws -> ValidationContext {
        ValidationContext(reference: try reference(), currentYear: Self.currentYear, strictLicences: strictLicences)
    }

    /// The current year in China Standard Time (case numbers count years there).
    static var currentYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.component(.year, from: Date())
    }
}

/// Output format for listing commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs a command body and turns any error into a ``CLIFailure``.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw asCLIFailure(error)
    }
}

/// The async form of ``reportingFailures(_:)``.
func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw asCLIFailure(error)
    }
}

private func asCLIFailure(_ error: any Error) -> any Error {
    error is CLIFailure || error is ExitCode ? error : CLIFailure(error)
}

/// Writes a report to standard output, or atomically to the file `output` names; returns whether
/// it went to a file (the caller then says so on standard error).
func writeReport(_ data: Data, to output: String?) throws -> Bool {
    guard let output else {
        FileHandle.standardOutput.write(data)
        return false
    }
    do {
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
        throw CLIFailure(
            "cannot write \(output): \(error.localizedDescription)", hint: "check that the directory exists and is writable")
    }
    return true
}
