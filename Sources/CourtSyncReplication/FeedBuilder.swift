import CourtSyncModel
import CourtSyncStore

/// Builds a reader's page of this node's feed from the change log, projected by ``ScopeRules``.
///
/// Scope is judged on the node's current state, not the state when a change was made, so the
/// same page read twice converges to the same result. Changes that can move rows into or out of a
/// reader's scope (a case sealed or put before the intermediate court on appeal, counsel of record
/// added or withdrawn, a lawyer registered) are followed by a snapshot of each affected row the
/// reader may now see, or a retraction of each it may no longer see. Snapshots and retractions are
/// idempotent, so re-reading a page after a crash is harmless.
public struct FeedBuilder {
    public let rules: ScopeRules
    /// Roles of the nodes this node knows (its peers), to tell relayable origins.
    public let roles: [String: NodeRole]

    public init(server: NodeIdentity, reader: PeerInfo, peers: [PeerInfo]) {
        rules = ScopeRules(server: server, reader: reader)
        var roles = Dictionary(peers.map { ($0.nodeID, $0.role) }, uniquingKeysWith: { a, _ in a })
        roles[server.nodeID] = server.role
        self.roles = roles
    }

    /// Up to `limit` items after `cursor`, scanning at most `scanLimit` log positions.
    public func page(_ snapshot: StoreSnapshot, after cursor: Int64, limit: Int, scanLimit: Int = 5000) throws -> FeedPage {
        var items: [FeedItem] = []
        var scopes: [String: CaseScope?] = [:]
        func scope(_ caseNumber: String?) throws -> CaseScope? {
            guard let caseNumber else { return nil }
            if let known = scopes[caseNumber] { return known }
            let found = try snapshot.caseScope(caseNumber)
            scopes[caseNumber] = found
            return found
        }
        var next = cursor
        let changes = try snapshot.changes(after: cursor, limit: min(scanLimit, max(limit, 1)))
        for logged in changes {
            if items.count >= limit { break }
            next = logged.position
            let change = logged.change
            if rules.serves(origin: change.origin, table: change.table, originRole: roles[change.origin]),
                let projected = try project(logged, scope: scope(logged.caseNumber))
            {
                items.append(projected)
            }
            items += try refreshes(after: logged, snapshot, scope: scope)
        }
        let more = try snapshot.lastPosition() > next
        return FeedPage(items: items, next: next, more: more)
    }

    private func rowCourt(_ table: String, key: String, caseNumber: String?) -> String? {
        if table == "courts" { return key }
        return caseNumber.flatMap(WriteAuthority.courtCode(ofCaseNumber:))
    }

    private func project(_ logged: LoggedChange, scope: CaseScope?) throws -> FeedItem? {
        var change = logged.change
        let court = rowCourt(change.table, key: change.key, caseNumber: logged.caseNumber)
        guard let columns = rules.visibleColumns(table: change.table, rowCourt: court, scope: scope) else {
            // A deleted row the reader may hold a copy of from before (its case deleted too, or the
            // counsel that brought the case into the bar's scope removed) is deleted there too;
            // never for a sealed case, whose rows the reader was never given or has had retracted.
            if change.operation == .delete, logged.caseNumber != nil, rules.serves(court: court),
                couldHaveHeld(change.table), !(scope?.sealed ?? false)
            {
                change.previous = [:]
                return .change(change, caseNumber: logged.caseNumber)
            }
            return nil
        }
        if change.operation != .delete {
            change.fields = ScopeRules.project(change.fields, to: columns)
            if change.fields.isEmpty { return nil }
        }
        change.previous = change.previous.filter { columns.contains($0.key) }
        return .change(change, caseNumber: logged.caseNumber)
    }

    /// Snapshots or retractions for rows whose scope this change may have moved.
    private func refreshes(
        after logged: LoggedChange, _ snapshot: StoreSnapshot, scope: (String?) throws -> CaseScope?
    ) throws -> [FeedItem] {
        let change = logged.change
        var cases: [String] = []
        switch (change.table, rules.reader.role) {
        case ("cases", .bar), ("cases", .intermediate):
            // A new case is judged by its own insert; later changes of these columns move its rows,
            // and deleting the case takes the rows still under it out of the bar's scope.
            if change.operation == .update, change.fields["sealed"] != nil || change.fields["appeal_result"] != nil {
                cases = [change.key]
            } else if change.operation == .delete, rules.reader.role == .bar {
                cases = [change.key]
            }
        case ("representations", .bar):
            if let caseNumber = logged.caseNumber { cases = [caseNumber] }
        case ("lawyers", .bar):
            cases = try snapshot.caseNumbers(representedBy: change.key)
        default:
            return []
        }
        var items: [FeedItem] = []
        for caseNumber in cases {
            guard let court = WriteAuthority.courtCode(ofCaseNumber: caseNumber), rules.serves(court: court) else {
                continue
            }
            let caseScope = try scope(caseNumber)
            for table in Catalog.tables where table.caseColumn != nil {
                let rows = table.name == "cases"
                    ? try snapshot.row(table: "cases", key: caseNumber).map { [$0] } ?? []
                    : try snapshot.rows(table: table.name, caseNumber: caseNumber)
                let visible = rules.visibleColumns(table: table.name, rowCourt: court, scope: caseScope)
                // Columns the reader may have been sent before and may no longer keep.
                let hidden = visible.map { v in
                    table.columns.filter {
                        $0.sensitivity != .sealed && !v.contains($0.name) && !ownedByReader(table.name, $0.name)
                    }.map(\.name)
                } ?? []
                for row in rows {
                    if let visible {
                        let versions = row.versions.filter { visible.contains($0.key) }
                        items.append(.snapshot(
                            table: table.name, key: row.key, caseNumber: caseNumber,
                            fields: ScopeRules.project(row.fields, to: visible), versions: versions))
                        if !hidden.isEmpty, rules.reader.role == .intermediate {
                            items.append(.retraction(
                                table: table.name, key: row.key, caseNumber: caseNumber, columns: hidden))
                        }
                    } else if couldHaveHeld(table.name) {
                        items.append(.retraction(table: table.name, key: row.key, caseNumber: caseNumber, columns: nil))
                    }
                }
            }
        }
        return items
    }

    /// Columns the reader itself writes on the served court's rows (never cleared by a retraction).
    private func ownedByReader(_ table: String, _ column: String) -> Bool {
        rules.reader.role == .intermediate && table == "cases" && WriteAuthority.appealColumns.contains(column)
    }

    /// Whether the reader can ever have held rows of this table of a served case.
    private func couldHaveHeld(_ table: String) -> Bool {
        switch rules.reader.role {
        case .bar: ScopeRules.barCaseTables.contains(table)
        case .intermediate: true
        case .district: false
        }
    }
}
