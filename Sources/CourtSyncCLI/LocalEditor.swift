import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore

/// Checks and writes a clerk's edits: values by the catalog's rules, whole rows by the record
/// checks, and the node's write authority; then writes them with capture in one transaction.
struct LocalEditor {
    let store: NodeStore
    let context: ValidationContext

    var authority: WriteAuthority { WriteAuthority(writer: store.identity, reference: context.reference) }

    static func table(_ name: String) -> SyncTable { Catalog.table(named: name)! }

    /// Normalises a key given on the command line (a case number becomes canonical).
    func normaliseKey(_ key: String, table: SyncTable) throws -> String {
        let rule = table.column(table.keyColumn)!.rule
        let (value, _) = try rule.normalise(.text(key), field: table.keyColumn, context: context)
        guard let text = value.textValue else { throw StoreError.missingKey(table: table.name) }
        return text
    }

    /// Inserts a new row; returns the normalised fields and any warnings.
    @discardableResult
    func insert(_ tableName: String, _ raw: FieldSet) throws -> (fields: FieldSet, warnings: [String]) {
        let table = Self.table(tableName)
        let (fields, warnings) = try table.normalise(raw, partial: false, context: context)
        try table.checkRecord(fields, context: context)
        let key = fields[table.keyColumn]!.textValue!
        try checkAuthority(table, key: key, fields: fields, columns: Array(fields.keys))
        try store.write { try $0.insert(into: tableName, fields) }
        return (fields, warnings)
    }

    /// Updates some columns of an existing row; false when nothing changed.
    func update(_ tableName: String, key rawKey: String, _ raw: FieldSet, force: Bool = false) throws -> Bool {
        let table = Self.table(tableName)
        let key = try normaliseKey(rawKey, table: table)
        let (changes, _) = try table.normalise(raw, partial: true, context: context)
        if changes[table.keyColumn] != nil {
            throw ValidationError(field: table.keyColumn, value: rawKey, reason: "a row's key cannot change")
        }
        return try store.write { writer in
            guard var row = try writer.fields(of: tableName, key: key) else {
                throw StoreError.notFound(table: tableName, key: key)
            }
            let changed = force ? changes : changes.filter { row[$0.key] != $0.value }
            guard !changed.isEmpty else { return false }
            row.merge(changed) { _, new in new }
            try table.checkRecord(row, context: context)
            try checkAuthority(table, key: key, fields: row, columns: Array(changed.keys))
            return try writer.update(tableName, key: key, changed, force: force)
        }
    }

    func checkAuthority(_ table: SyncTable, key: String, fields: FieldSet, columns: [String]) throws {
        let court = WriteAuthority.rowCourt(table: table, key: key, fields: fields)
        if let refusal = authority.refusal(table: table.name, rowCourt: court, columns: columns, fields: fields) {
            throw CLIFailure(
                "not allowed on this node: \(refusal)",
                hint: "each row is written by the node that owns it; nothing was written")
        }
    }
}
