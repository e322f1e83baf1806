import ArgumentParser
import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import Foundation

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Review concurrent writes: both sides, the rule applied, the winner; resolve them.",
        discussion: "The rules are described in docs/CONFLICTS.md.",
        subcommands: [ConflictsList.self, ConflictsShow.self, ConflictsResolve.self])
}

struct ConflictsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List recorded conflicts.")

    @OptionGroup var node: NodeOptions
    @Option(help: "Only this table.") var table: String?
    @Option(help: "Only conflicts where this node id wrote one side.") var peer: String?
    @Flag(help: "Only open conflicts.") var open = false
    @Flag(help: "Only resolved conflicts.") var resolved = false
    @Option(help: "How many to show.") var limit = 50
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws {
        if open && resolved { throw ArgumentParser.ValidationError("give --open or --resolved, not both") }
    }

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            let conflicts = try store.conflicts(
                ConflictFilter(table: table, peer: peer, open: open ? true : resolved ? false : nil, limit: limit))
            if format == .json {
                print(try CaseListing.json(conflicts))
                return
            }
            var out = TextTable(headers: ["id", "table", "key", "field", "here", "arrived", "rule", "kept", "state"])
            for c in conflicts {
                out.append([
                    String(c.id), c.table, c.key, c.field, "\(c.localValue) @\(c.localVersion.origin)",
                    "\(c.remoteValue) @\(c.remoteVersion.origin)", c.rule, c.winner, c.isOpen ? "open" : "resolved",
                ])
            }
            print(out.render())
            let counts = try store.conflictCounts()
            print("\(conflicts.count) shown; \(counts.total) recorded, \(counts.open) open")
        }
    }
}

struct ConflictsShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show both sides of a conflict.")

    @OptionGroup var node: NodeOptions
    @Argument(help: "The conflict's id (from `conflicts list`).") var id: Int64
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() throws {
        try reportingFailures {
            guard let c = try node.openStore().conflict(id: id) else {
                throw CLIFailure("no conflict \(id) on this node", hint: "list them with `courtsync conflicts list`")
            }
            if format == .json {
                print(try CaseListing.json(c))
                return
            }
            print("""
                conflict \(c.id)   \(c.table) \(c.key)   field \(c.field)   detected \(c.detectedAt)
                  held here   \(c.localValue)   written at \(c.localVersion.origin), HLC \(c.localVersion.hlc)
                  arrived     \(c.remoteValue)   written at \(c.remoteVersion.origin), HLC \(c.remoteVersion.hlc)
                  rule        \(c.rule): kept the \(c.winner == "local" ? "value held here" : "value that arrived")
                  state       \(c.isOpen ? "open" : "resolved \(c.resolvedAt ?? ""): \(c.resolution ?? "")")
                """)
        }
    }
}

struct ConflictsResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve a conflict by writing the chosen value as a new version.",
        discussion: """
            The chosen value is written like any edit (checked, captured, synced), so every node that
            receives it marks the same conflict resolved. A value the field policies refuse (a stage
            moving backwards, a decided request returning to pending) is refused here too.
            """)

    @OptionGroup var node: NodeOptions
    @Argument(help: "The conflict's id.") var id: Int64
    @Option(help: "local (the value held here) or remote (the value that arrived).") var take: String?
    @Option(help: "A new value instead.") var value: String?

    func validate() throws {
        guard (take == nil) != (value == nil) else {
            throw ArgumentParser.ValidationError("give --take local|remote or --value VALUE")
        }
        if let take, take != "local", take != "remote" {
            throw ArgumentParser.ValidationError("--take is local or remote")
        }
    }

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            guard let c = try store.conflict(id: id) else {
                throw CLIFailure("no conflict \(id) on this node", hint: "list them with `courtsync conflicts list`")
            }
            let chosen: FieldValue = value.map(FieldValue.text) ?? (take == "local" ? c.localValue : c.remoteValue)
            let editor = LocalEditor(store: store, context: try node.context())
            _ = try editor.update(c.table, key: c.key, [c.field: chosen], force: true)
            try store.noteResolution(
                conflict: c.id, value != nil ? "resolved with a new value" : "resolved: took the \(take!) value")
            print("Resolved conflict \(c.id): \(c.table) \(c.key) \(c.field) = \(chosen); the new version syncs to the peers")
        }
    }
}
