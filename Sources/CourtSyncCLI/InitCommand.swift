import ArgumentParser
import CourtSyncModel
import CourtSyncStore
import CourtSyncTransport
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a node: its data directory and database.")

    @OptionGroup var node: NodeOptions

    @Option(name: .customLong("node-id"), help: "ASCII node id, as in the node's certificate (e.g. gd0304).")
    var nodeID: String

    @Option(help: "district, intermediate or bar.")
    var role: NodeRole

    @Option(help: "Court code (法院代字) of a court node, e.g. 粤0304; omit for the bar association.")
    var court: String?

    func validate() throws {
        do {
            try NodeIdentity.validateNodeID(nodeID, field: "--node-id")
        } catch {
            throw ArgumentParser.ValidationError(error.description)
        }
        if role == .bar, court != nil {
            throw ArgumentParser.ValidationError("--court: the bar association node has no court code")
        }
        if role != .bar, court == nil {
            throw ArgumentParser.ValidationError("--court is required for a \(role) node (e.g. --court 粤0304)")
        }
    }

    func run() throws {
        try reportingFailures {
            let reference = try node.reference()
            var courtRow: ReferenceData.Court?
            if let court {
                guard let found = reference.court(code: court) else {
                    throw CLIFailure(
                        "--court: \"\(court)\" is not a court code in courts.tsv",
                        hint: "list the court codes with `courtsync check courts`")
                }
                let expected: ReferenceData.Court.Level = role == .district ? .basic : .intermediate
                guard found.level == expected else {
                    throw CLIFailure(
                        "--court: \(court) is a court of level \(found.level.rawValue), not \(expected.rawValue)",
                        hint: "a \(role) node holds the data of a court of level \(expected.rawValue)")
                }
                courtRow = found
            }
            let directory = URL(fileURLWithPath: node.resolvedDataDirectory)
            _ = try NodeSetup.create(
                directory: directory, identity: NodeIdentity(nodeID: nodeID, role: role, courtCode: court), court: courtRow)
            let what = courtRow.map { "\($0.code) \($0.name)" } ?? "bar association"
            print("Created node \(nodeID) (\(role), \(what)) in \(directory.path)")
        }
    }
}

extension NodeRole: ExpressibleByArgument {}

/// A node's data directory as `courtsync init` makes it.
enum NodeSetup {
    /// Creates the directory (mode 0700: it holds personal data), the database with the node's
    /// court row, a commented courtsync.yaml (`config`, else the template) and the peers/ and tls/
    /// folders.
    static func create(
        directory: URL, identity: NodeIdentity, court: ReferenceData.Court?, config: String? = nil
    ) throws -> NodeStore {
        // Only the node's user may read it, even when an administrator created it beforehand.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        let store = try NodeStore.create(
            at: directory.appendingPathComponent(NodeStore.databaseFileName).path, identity: identity)
        if let court {
            try store.write { writer in
                try writer.insert(into: "courts", [
                    "code": .text(court.code), "name": .text(court.name),
                    "level": .text(court.level.rawValue), "parent": FieldValue(court.parent),
                ])
            }
        }
        let configPath = directory.appendingPathComponent(NodeConfig.fileName).path
        if !FileManager.default.fileExists(atPath: configPath) {
            try (config ?? NodeConfig.template(nodeID: identity.nodeID)).write(toFile: configPath, atomically: true, encoding: .utf8)
        }
        for folder in ["peers", "tls"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        return store
    }
}
