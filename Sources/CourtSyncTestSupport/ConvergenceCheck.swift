import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore

/// The checks after a scenario's final sync: the same state of every row wherever it is in scope,
/// every deliberate race in the owner's conflict log, no conflict against a version nobody wrote,
/// and no authorised write lost unless a greater version (or a later delete) replaced it.
public struct ConvergenceCheck {
    public let runner: ScenarioRunner
    let policy = MergePolicy(registryOwners: ["szbar"])
    var fed: ScenarioFederation { runner.fed }

    public init(_ runner: ScenarioRunner) {
        self.runner = runner
    }

    public func all() throws -> [Discrepancy] {
        try convergence() + intermediateDigests() + raceConflicts() + spuriousConflicts() + lostWrites()
    }

    /// The node that owns a row: the court of its case, or the bar for the registry.
    func owner(_ table: String, caseNumber: String?) -> String? {
        if table == "lawyers" || table == "law_firms" { return fed.nodes["szbar"] == nil ? nil : "szbar" }
        return caseNumber.flatMap(ScenarioCourts.node(ofCaseNumber:)).flatMap { fed.nodes[$0] == nil ? nil : $0 }
    }

    static func caseNumber(_ table: SyncTable, _ row: StoredRow) -> String? {
        guard let column = table.caseColumn else { return nil }
        return row.fields[column]?.textValue ?? (table.keyColumn == column ? row.key : nil)
    }

    /// The columns of `row` (as its owner holds it) that `reader` may see, nil when out of scope.
    func visible(_ table: SyncTable, caseNumber: String?, owner: String, reader: String) throws -> Set<String>? {
        let scope = try caseNumber.flatMap { number in try fed.store(owner).snapshot { try $0.caseScope(number) } }
        let rules = ScopeRules(server: fed[owner].info.identity, reader: fed[reader].info)
        let court = caseNumber.flatMap(WriteAuthority.courtCode(ofCaseNumber:))
        return rules.visibleColumns(table: table.name, rowCourt: court, scope: scope)
    }

    static func show(_ row: StoredRow, _ column: String) -> String {
        "\(row.fields[column] ?? .null)@\(row.versions[column].map { "\($0)" } ?? "-")"
    }

    /// The case of every row of a table that some node knows it under: a copy that arrived field
    /// by field may lack its own `case_number`, and must still be compared with its owner's row.
    func knownCaseNumbers(_ table: SyncTable) throws -> [String: String] {
        var known: [String: String] = [:]
        for id in fed.ids {
            for row in try fed.store(id).allRows(table: table.name) {
                if let number = Self.caseNumber(table, row) { known[row.key] = number }
            }
        }
        return known
    }

    func rowsByKey(_ id: String, _ table: SyncTable) throws -> [String: StoredRow] {
        Dictionary(uniqueKeysWithValues: try fed.store(id).allRows(table: table.name).map { ($0.key, $0) })
    }

    /// 1. Every copy equals its owner's row on the columns the holder may see; nothing is held out
    /// of scope or after the owner deleted it; nothing in scope is missing.
    func convergence() throws -> [Discrepancy] {
        var found: [Discrepancy] = []
        for table in Catalog.tables {
            let held = try Dictionary(uniqueKeysWithValues: fed.ids.map { ($0, try rowsByKey($0, table)) })
            let known = try knownCaseNumbers(table)
            for holder in fed.ids {
                for (key, row) in held[holder]!.sorted(by: { $0.key < $1.key }) {
                    let number = Self.caseNumber(table, row) ?? known[key]
                    guard let owner = owner(table.name, caseNumber: number), owner != holder else { continue }
                    let what = "\(table.name) \(key) at \(holder)"
                    guard let source = held[owner]![key] else {
                        found.append(Discrepancy(
                            kind: .staleRow, table: table.name, node: holder, other: owner,
                            message: "\(what): its owner \(owner) no longer holds it", rows: ["\(table.name) \(key)"]))
                        continue
                    }
                    guard let columns = try visible(table, caseNumber: number, owner: owner, reader: holder) else {
                        found.append(Discrepancy(
                            kind: .outOfScope, table: table.name, node: holder, other: owner,
                            message: "\(what): out of \(holder)'s scope at \(owner) but still held",
                            rows: ["\(table.name) \(key)"]))
                        continue
                    }
                    // The key's version says only which change created the copy (rows may arrive field by
                    // field); it is never merged, so only its value is compared.
                    for column in columns.sorted()
                    where row.fields[column] != source.fields[column]
                        || (column != table.keyColumn && row.versions[column] != source.versions[column])
                    {
                        found.append(Discrepancy(
                            kind: .fieldMismatch, table: table.name, column: column, node: holder, other: owner,
                            message: "\(what).\(column) = \(Self.show(row, column)) but \(Self.show(source, column)) "
                                + "at \(owner)",
                            ownerOrigin: source.versions[column]?.origin, rows: ["\(table.name) \(key)"]))
                    }
                }
            }
            for owner in fed.ids {
                for (key, row) in held[owner]!.sorted(by: { $0.key < $1.key }) {
                    let number = Self.caseNumber(table, row) ?? known[key]
                    guard self.owner(table.name, caseNumber: number) == owner else { continue }
                    for reader in fed.ids where reader != owner && held[reader]![key] == nil {
                        guard try visible(table, caseNumber: number, owner: owner, reader: reader) != nil,
                            fed.connected(owner, reader) || (table.name == "lawyers" && fed.nodes["gd03"] != nil)
                        else { continue }
                        found.append(Discrepancy(
                            kind: .missingRow, table: table.name, node: reader, other: owner,
                            message: "\(table.name) \(key) of \(owner) is in \(reader)'s scope but \(reader) lacks it",
                            ownerOrigin: row.versions[table.keyColumn]?.origin, rows: ["\(table.name) \(key)"]))
                    }
                }
            }
        }
        return found
    }

    /// 1b. Per district: a canonical digest of its rows projected to what the intermediate court
    /// may see equals the same digest computed at the intermediate court.
    func intermediateDigests() throws -> [Discrepancy] {
        guard fed.nodes["gd03"] != nil else { return [] }
        var found: [Discrepancy] = []
        for district in fed.ids where fed[district].info.role == .district {
            var digests: [String: [String: String]] = [district: [:], "gd03": [:]]
            for table in Catalog.tables where table.caseColumn != nil {
                let source = try rowsByKey(district, table)
                let known = try knownCaseNumbers(table)
                for node in [district, "gd03"] {
                    for (key, row) in try rowsByKey(node, table).sorted(by: { $0.key < $1.key }) {
                        let number = Self.caseNumber(table, row) ?? known[key]
                        guard owner(table.name, caseNumber: number) == district else { continue }
                        let columns = source[key] == nil ? nil
                            : try visible(table, caseNumber: number, owner: district, reader: "gd03")
                        // As above: the key's value counts, not which change created the copy.
                        let projected = (columns ?? []).sorted().map {
                            $0 == table.keyColumn ? "\($0)=\(row.key)" : "\($0)=\(Self.show(row, $0))"
                        }
                        // Out of gd03's scope: the district's row is not part of the digest, a copy at gd03 is.
                        if columns == nil && node == district { continue }
                        digests[node]!["\(table.name) \(key)"] = "\(columns == nil ? "out" : "in") \(projected)"

                    }
                }
            }
            let (ours, theirs) = (digests[district]!, digests["gd03"]!)
            if ours != theirs {
                let rows = Set(ours.keys).union(theirs.keys).filter { ours[$0] != theirs[$0] }.sorted()
                found.append(Discrepancy(
                    kind: .digest, table: "", node: "gd03", other: district,
                    message: "digest of \(district)'s rows as gd03 may see them differs on \(rows.count) rows: "
                        + rows.prefix(3).map { "\($0): \(ours[$0] ?? "absent") vs \(theirs[$0] ?? "absent") at gd03" }
                            .joined(separator: "; "),
                    rows: rows))
            }
        }
        return found
    }

    /// 2. Every deliberate race is in the conflict log of the node that owns the row.
    func raceConflicts() throws -> [Discrepancy] {
        var found: [Discrepancy] = []
        for race in runner.races {
            let field = race.first.field
            guard let owner = owner(field.table, caseNumber: race.first.caseNumber) else { continue }
            let pair: Set<FieldVersion> = [race.first.version, race.second.version]
            let logged = try fed.store(owner).conflicts(ConflictFilter(table: field.table, limit: 100_000)).contains {
                $0.key == field.key && $0.field == field.column && [$0.localVersion, $0.remoteVersion] == pair
            }
            if !logged {
                found.append(Discrepancy(
                    kind: .missingConflict, table: field.table, column: field.column, node: owner, other: nil,
                    message: "\(race) is not in \(owner)'s conflict log"))
            }
        }
        return found
    }

    /// 2b. A conflict names two versions that were written to that field (no conflict against a
    /// version the field never had).
    func spuriousConflicts() throws -> [Discrepancy] {
        var written: [FieldKey: Set<FieldVersion>] = [:]
        for write in runner.writes { written[write.field, default: []].insert(write.version) }
        var found: [Discrepancy] = []
        for id in fed.ids {
            let conflicts = try fed.store(id).conflicts(ConflictFilter(limit: 100_000))
            for conflict in conflicts where conflict.rule != "delete-wins" {
                let field = FieldKey(table: conflict.table, key: conflict.key, column: conflict.field)
                let known = written[field] ?? []
                for version in [conflict.localVersion, conflict.remoteVersion] where !known.contains(version) {
                    found.append(Discrepancy(
                        kind: .spuriousConflict, table: conflict.table, column: conflict.field, node: id, other: nil,
                        message: "\(id) logged a conflict on \(field) against \(version), a version no write gave it "
                            + "(\(conflict.localValue)@\(conflict.localVersion) vs "
                            + "\(conflict.remoteValue)@\(conflict.remoteVersion))"))
                }
            }
        }
        return found
    }

    /// 3. No authorised write is lost at the owner unless a greater version replaced it or a later
    /// delete removed it.
    func lostWrites() throws -> [Discrepancy] {
        var found: [Discrepancy] = []
        for write in runner.writes {
            let field = write.field
            guard let owner = owner(field.table, caseNumber: write.caseNumber) else { continue }
            let store = fed.store(owner)
            let tombstone = try store.tombstone(table: field.table, key: field.key)
            let deletedLater = tombstone.map { $0 > write.version } ?? false
            let row = try store.allRows(table: field.table).first { $0.key == field.key }
            let kept: Bool
            var now = "row gone"
            if let row {
                let value = row.fields[field.column] ?? .null
                let version = row.versions[field.column]
                now = "\(value)@\(version.map { "\($0)" } ?? "-")"
                if value == write.value {
                    kept = true
                } else if let version {
                    kept = policy.wins(
                        VersionedValue(value, version), over: VersionedValue(write.value, write.version),
                        table: field.table, column: field.column)
                        || (version == tombstone && deletedLater)
                } else {
                    kept = false
                }
            } else {
                kept = deletedLater
            }
            if !kept {
                found.append(Discrepancy(
                    kind: .lostWrite, table: field.table, column: field.column, node: owner, other: write.node,
                    message: "\(write) lost at \(owner): now \(now)\(tombstone.map { ", tombstone @\($0)" } ?? "")"))
            }
        }
        return found
    }
}
