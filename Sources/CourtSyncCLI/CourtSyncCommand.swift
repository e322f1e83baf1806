import ArgumentParser

/// `courtsync`: the command-line front of a courtsync node.
public struct CourtSyncCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "courtsync",
        abstract: "A sync node for a federation of courts and a bar association.",
        discussion: """
            Each node holds one court's cases (or the bar association's lawyer registry) in SQLite and
            records every write as field-level changes for its peers.
            Exit status: 0 on success, 1 on failure (with a one-line reason and a hint),
            64 on a usage error, 65 when input data is invalid.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, CaseCommand.self, LawyerCommand.self, ImportCommand.self, ChangesCommand.self,
            CheckCommand.self, GenerateCommand.self, ServeCommand.self, SyncCommand.self, StatusCommand.self, CertsCommand.self,
            ConflictsCommand.self, StatsCommand.self, LawyerCasesCommand.self, DemoCommand.self,
        ]
    )

    public init() {}
}
