import CourtSyncModel
import GRDB

/// A synced record type the store can read and write (GRDB's Codable record support maps the
/// model's snake_case coding keys to columns).
public protocol StoredRecord: SyncedRecord, FetchableRecord, EncodableRecord {}

extension StoredRecord {
    public static var databaseTableName: String { table }

    /// The record's columns as a field set, as capture records them.
    public var fieldSet: FieldSet {
        get throws {
            var fields = FieldSet()
            for (name, value) in try databaseDictionary { fields[name] = FieldValue(value) }
            return fields
        }
    }
}

extension CourtCase: StoredRecord {}
extension Party: StoredRecord {}
extension Lawyer: StoredRecord {}
extension LawFirm: StoredRecord {}
extension Representation: StoredRecord {}
extension Hearing: StoredRecord {}
extension Mediation: StoredRecord {}
extension DocumentService: StoredRecord {}
extension FileReviewRequest: StoredRecord {}

extension ChangeWriter {
    /// Inserts a record; fails if its key exists.
    public func insert<R: StoredRecord>(_ record: R) throws {
        try insert(into: R.table, record.fieldSet)
    }

    /// Writes the columns of `record` that differ from the stored row; false when none did.
    @discardableResult
    public func update<R: StoredRecord>(_ record: R) throws -> Bool {
        try update(R.table, key: record.key, record.fieldSet)
    }

    /// Inserts or updates a record. Returns what was done, nil when nothing changed.
    @discardableResult
    public func upsert<R: StoredRecord>(_ record: R) throws -> ChangeOperation? {
        try upsert(into: R.table, record.fieldSet)
    }

    /// Reads a record inside the transaction.
    public func fetch<R: StoredRecord>(_ type: R.Type, key: String) throws -> R? {
        let table = try Self.table(R.table)
        return try R.fetchOne(db, sql: "SELECT * FROM \(table.name) WHERE \(table.keyColumn) = ?", arguments: [key])
    }
}
