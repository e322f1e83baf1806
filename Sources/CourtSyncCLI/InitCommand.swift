import ArgumentParser
import CourtSyncModel
import CourtSyncStore
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
                        hint: "use a code such as 粤0304; see the courts list with `courtsync check case-number`")
                }
                let expected: ReferenceData.Court.Level = role == .district ? .basic : .intermediate
                guard found.level == expected else {
                    throw CLIFailure(
                        "--court: \(court) is a \(found.level.rawValue) court, not a \(expected.rawValue) court",
                        hint: "a \(role) node holds a \(expected.rawValue) court's data")
                }
                courtRow = found
            }
            let directory = URL(fileURLWithPath: node.resolvedDataDirectory)
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let identity = NodeIdentity(nodeID: nodeID, role: role, courtCode: court)
            let store = try NodeStore.create(at: node.databasePath, identity: identity)
            if let courtRow {
                try store.write { writer in
                    try writer.insert(into: "courts", [
                        "code": .text(courtRow.code), "name": .text(courtRow.name),
                        "level": .text(courtRow.level.rawValue), "parent": FieldValue(courtRow.parent),
                    ])
                }
            }
            let what = courtRow.map { "\($0.code) \($0.name)" } ?? "bar association"
            print("Created node \(nodeID) (\(role), \(what)) in \(directory.path)")
        }
    }
}

extension NodeRole: ExpressibleByArgument {}
