import ArgumentParser
import Foundation
import Logging

/// Entry point: parses the command line, runs the command, and reports failures as
/// `Error: <reason>` and `Hint: <hint>` on standard error with a non-zero exit status.
public enum CourtSyncMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        // Logs go to standard error, so standard output stays the commands' results.
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        do {
            var command = try CourtSyncCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let failure as CLIFailure {
            printError("Error: \(failure.description)")
            exit(failure.exitCode)
        } catch {
            CourtSyncCommand.exit(withError: error)
        }
    }
}
