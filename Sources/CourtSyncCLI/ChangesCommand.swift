import ArgumentParser
import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import Foundation

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes", abstract: "Inspect the change log: every write this node holds, in order.")

    @OptionGroup var node: NodeOptions
    @Option(help: "Show changes after this position.") var after: Int64 = 0
    @Option(help: "How many to show.") var limit = 50
    @Option(help: "Only changes made at this node id.") var origin: String?
    @Option(help: "Only changes to this table.") var table: String?
    @Option(help: "Only changes to the row with this key.") var key: String?
    @Option(help: "table or json (one JSON object per line).") var format: OutputFormat = .table

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            let changes = try store.changes(
                ChangeFilter(after: after, limit: limit, origin: origin, table: table, key: key))
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                for logged in changes {
                    print(String(decoding: try encoder.encode(LoggedChangeJSON(logged)), as: UTF8.self))
                }
                return
            }
            var out = TextTable(
                headers: ["pos", "origin", "seq", "hlc", "op", "table", "key", "fields"], rightAligned: [0, 2])
            for logged in changes {
                let c = logged.change
                let fields = c.operation == .delete ? "-" : c.fields.keys.sorted().joined(separator: ",")
                out.append([
                    String(logged.position), c.origin, String(c.originSequence), c.hlc.description,
                    c.operation.rawValue, c.table, c.key, String(fields.prefix(60)),
                ])
            }
            print(out.render())
            let counts = try store.changeCounts()
            print("\(changes.count) shown; \(counts.total) changes held, \(counts.local) made here")
        }
    }
}

/// A logged change as one JSON line: the change record plus its position.
private struct LoggedChangeJSON: Encodable {
    let position: Int64
    let local: Bool
    let change: ChangeRecord

    init(_ logged: LoggedChange) {
        position = logged.position
        local = logged.isLocal
        change = logged.change
    }
}
