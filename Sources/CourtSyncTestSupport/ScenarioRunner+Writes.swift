import CourtSyncModel
import CourtSyncStore

/// Local writes, normalised as the CLI's editor would, and recorded with the versions they got.
extension ScenarioRunner {
    static func normalise(_ table: String, _ fields: FieldSet) throws -> FieldSet {
        try Catalog.table(named: table)!.normalise(fields, partial: true, context: ScenarioFederation.context).fields
    }

    /// A whole row: every catalog column, NULL (or 0 for flags) where not given, as a record writes it.
    static func fullRow(_ table: String, _ fields: FieldSet) -> FieldSet {
        var row = fields
        for column in Catalog.table(named: table)!.columns where row[column.name] == nil {
            row[column.name] = column.rule == .boolean || column.name == "suspended_days" ? .integer(0) : .null
        }
        return row
    }

    static func caseNumber(_ table: String, _ fields: FieldSet, key: String) -> String? {
        guard let column = Catalog.table(named: table)?.caseColumn else { return nil }
        return table == "cases" ? key : fields[column]?.textValue
    }

    /// Inserts a row at `id` and records each field written.
    func insert(_ id: String, _ table: String, _ given: FieldSet) throws {
        let fields = try Self.normalise(table, Self.fullRow(table, given))
        let keyColumn = Catalog.table(named: table)!.keyColumn
        let key = fields[keyColumn]!.textValue!
        try fed.store(id).write { try $0.insert(into: table, fields) }
        let versions = try fed.store(id).fieldVersions(table: table, key: key)
        for (column, value) in fields where column != keyColumn {
            writes.append(RecordedWrite(
                node: id, field: FieldKey(table: table, key: key, column: column),
                caseNumber: Self.caseNumber(table, fields, key: key), value: value,
                version: versions[column]!, step: step))
        }
        trace.append("\(step): \(id) insert \(table) \(key)")
    }

    /// Updates columns of a row at `id`; returns the writes recorded (none when nothing changed or
    /// a field policy refused the local write).
    @discardableResult
    func update(_ id: String, _ table: String, key: String, _ given: FieldSet) throws -> [RecordedWrite] {
        let fields = try Self.normalise(table, given)
        let store = fed.store(id)
        let changed: Bool
        do {
            changed = try store.write { try $0.update(table, key: key, fields) }
        } catch let error as StoreError {
            if case .policy = error {
                trace.append("\(step): \(id) update \(table) \(key) \(fields.keys.sorted()) refused by policy")
                return []
            }
            throw error
        }
        guard changed else { return [] }
        let versions = try store.fieldVersions(table: table, key: key)
        guard let newest = fields.keys.compactMap({ versions[$0] }).max() else { return [] }
        let caseNumber = try store.snapshot { try $0.caseNumber(table: table, key: key) }
        var recorded: [RecordedWrite] = []
        for (column, value) in fields where versions[column] == newest {
            let field = FieldKey(table: table, key: key, column: column)
            updated.insert(field)
            recorded.append(RecordedWrite(
                node: id, field: field, caseNumber: caseNumber, value: value, version: newest, step: step))
        }
        writes += recorded
        let shown = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        trace.append("\(step): \(id) update \(table) \(key) \(shown)")
        return recorded
    }

    func delete(_ id: String, _ table: String, key: String) throws {
        let store = fed.store(id)
        try store.write { try $0.delete(from: table, key: key) }
        guard let version = try store.tombstone(table: table, key: key) else { return }
        deletes.append(RecordedDelete(node: id, table: table, key: key, version: version))
        trace.append("\(step): \(id) delete \(table) \(key) @\(version)")
    }

    /// Rows of a table at a node.
    func rows(_ id: String, _ table: String, where keep: (StoredRow) -> Bool = { _ in true }) throws -> [StoredRow] {
        try fed.store(id).allRows(table: table).filter(keep)
    }

    func pick(_ rows: [StoredRow]) -> StoredRow? {
        rows.isEmpty ? nil : rng.pick(rows)
    }
}
