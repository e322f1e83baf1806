import CourtSyncModel
import CourtSyncStore

/// Checks and applies a page received from a peer (pushed to this node or pulled from it), inside
/// the caller's transaction: every item is validated with the catalog's rules and checked against
/// write authority; the first violation refuses the whole page (``RefusedBatch``) and, since the
/// caller's transaction then rolls back, nothing of it is applied.
public struct InboundVerifier {
    /// This node.
    public let local: NodeIdentity
    /// The peers this node knows, by node id: roles and courts come from here, never from the page.
    public let peers: [String: PeerInfo]
    public let context: ValidationContext
    /// Values already checked in this verifier's batches (case numbers repeat in every row of a case).
    let cache = NormalisationCache()

    public init(local: NodeIdentity, peers: [PeerInfo], context: ValidationContext) {
        self.local = local
        self.peers = Dictionary(peers.map { ($0.nodeID, $0) }, uniquingKeysWith: { a, _ in a })
        self.context = context
    }

    public func apply(_ page: FeedPage, from sender: PeerInfo, writer: ChangeWriter) throws -> ApplySummary {
        var summary = ApplySummary()
        // Every node must order registry writes the same way: the bar association's node ids.
        writer.policy.registryOwners.formUnion(peers.values.filter { $0.role == .bar }.map(\.nodeID))
        let conflictsBefore = writer.conflictsRecorded
        for (index, item) in page.items.enumerated() {
            do {
                try apply(item, from: sender, writer: writer, summary: &summary)
            } catch let refused as RefusedBatch {
                throw RefusedBatch(refused.reason, item: index)
            } catch let invalid as ValidationError {
                throw RefusedBatch("invalid value: \(invalid.field): \(invalid.reason)", item: index)
            } catch let error as StoreError {
                throw RefusedBatch(error.description, item: index)
            }
        }
        summary.conflicts = writer.conflictsRecorded - conflictsBefore
        return summary
    }

    private func apply(_ item: FeedItem, from sender: PeerInfo, writer: ChangeWriter, summary: inout ApplySummary) throws {
        switch item {
        case .change(var change, let caseNumber):
            let author = try author(of: change.origin, sender: sender, table: change.table)
            let table = try table(change.table)
            change.key = try normaliseKey(change.key, table)
            change.fields = try normalise(change.fields, table)
            let columns = change.operation == .delete ? table.columnNames : Array(change.fields.keys)
            try checkRow(table, key: change.key, caseNumber: caseNumber, fields: change.fields, writer: writer,
                         author: author, columns: columns)
            switch try writer.apply(change) {
            case .applied: summary.applied += 1
            case .duplicate: summary.duplicates += 1
            case .superseded: summary.superseded += 1
            }
        case .snapshot(let tableName, let key, let caseNumber, let fields, let versions):
            let table = try table(tableName)
            let key = try normaliseKey(key, table)
            let fields = try normalise(fields, table)
            guard Set(versions.keys).isSubset(of: Set(fields.keys)) else {
                throw RefusedBatch("snapshot of \(tableName) carries versions for columns it does not send")
            }
            try checkRow(table, key: key, caseNumber: caseNumber, fields: fields, writer: writer,
                         author: sender, columns: Array(fields.keys))
            try writer.applySnapshot(table: tableName, key: key, fields: fields, versions: versions)
            summary.snapshots += 1
        case .retraction(let tableName, let key, let caseNumber, let columns):
            let table = try table(tableName)
            try checkRow(table, key: key, caseNumber: caseNumber, fields: [:], writer: writer,
                         author: sender, columns: columns ?? table.columnNames)
            try writer.applyRetraction(table: tableName, key: key, columns: columns)
            summary.retractions += 1
        }
    }

    /// Who wrote a change: its origin, which must be the sender or a node the sender may relay.
    private func author(of origin: String, sender: PeerInfo, table: String) throws -> PeerInfo {
        if origin == sender.nodeID { return sender }
        // Registry changes travel through the registry's hubs: the bar association, and a node
        // allowed to relay the bar (the intermediate court). Authority is still the origin's own.
        let registryHub = sender.role == .bar || sender.relays.contains { peers[$0]?.role == .bar }
        let relayable = sender.relays.contains(origin) || (ScopeRules.registryTables.contains(table) && registryHub)
        // A peer never needs to send this node its own changes (feeds leave them out), so a change
        // claiming this node as origin is refused like any other origin the sender may not relay.
        guard origin != local.nodeID, relayable else {
            throw RefusedBatch("\(sender.nodeID) sent a change claiming origin \(origin), which it may not relay")
        }
        if let info = peers[origin] { return info }
        // A court this node does not sync with directly is known from the reference data.
        if let court = context.reference.court(nodeID: origin), court.level == .basic || court.level == .intermediate {
            return PeerInfo(nodeID: origin, role: court.level == .basic ? .district : .intermediate, courtCode: court.code)
        }
        throw RefusedBatch("a change from unknown origin \(origin) (not in peers/)")
    }

    private func table(_ name: String) throws -> SyncTable {
        guard let table = Catalog.table(named: name) else { throw RefusedBatch("unknown table \(name)") }
        return table
    }

    private func normaliseKey(_ key: String, _ table: SyncTable) throws -> String {
        let rule = table.column(table.keyColumn)!.rule
        let normalised = try cache.normalise(.text(key), rule: rule, field: table.keyColumn, context: context)
        guard let text = normalised.textValue, text == key else {
            throw RefusedBatch("key of \(table.name) is not in canonical form")
        }
        return text
    }

    private func normalise(_ fields: FieldSet, _ table: SyncTable) throws -> FieldSet {
        try table.normalise(fields, partial: true, context: context, cache: cache).fields
    }

    /// The row must belong to the case it claims, and the author must be allowed to write it.
    private func checkRow(
        _ table: SyncTable, key: String, caseNumber: String?, fields: FieldSet, writer: ChangeWriter,
        author: PeerInfo, columns: [String]
    ) throws {
        var rowCourt: String?
        if table.name == "courts" {
            rowCourt = key
        } else if let caseColumn = table.caseColumn {
            let claimed = table.keyColumn == caseColumn ? key : caseNumber
            guard let claimed else { throw RefusedBatch("a row of \(table.name) names no case") }
            if let given = fields[caseColumn]?.textValue, given != claimed {
                throw RefusedBatch("a row of \(table.name) names two different cases")
            }
            if table.keyColumn != caseColumn, let stored = try writer.caseNumber(table: table.name, key: key),
                stored != claimed
            {
                throw RefusedBatch("a row of \(table.name) claims to belong to another case than the one it does")
            }
            rowCourt = WriteAuthority.courtCode(ofCaseNumber: claimed)
        }
        let authority = WriteAuthority(writer: author.identity, reference: context.reference)
        if let refusal = authority.refusal(table: table.name, rowCourt: rowCourt, columns: columns, fields: fields) {
            throw RefusedBatch("\(author.nodeID) may not write this: \(refusal)")
        }
    }
}
