import CourtSyncModel
import GRDB
import GRDBSQLite

/// SQLite's "copy the bytes now" destructor for bound text and blobs.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement driven through SQLite's C API, for the capture and apply hot paths and the
/// statistics scans.
///
/// GRDB prepares and caches the statement (`Database.cachedStatement`); values are bound straight
/// from ``FieldValue`` without building `StatementArguments`, which measured as the largest single
/// cost of capture when done through GRDB. It runs only inside a GRDB transaction (the writer's, or
/// a read of the statistics), so GRDB's transaction handling is unchanged.
struct RawStatement {
    let handle: SQLiteStatement
    /// Catalog positions of the columns this statement binds, in order.
    let columns: [Int]

    init(_ statement: Statement, columns: [Int] = []) {
        handle = statement.sqliteStatement
        self.columns = columns
    }

    func begin() {
        sqlite3_reset(handle)
    }

    func bind(_ value: FieldValue, at index: Int32) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let i): sqlite3_bind_int64(handle, index, i)
        case .real(let d): sqlite3_bind_double(handle, index, d)
        case .text(let s): bind(s, at: index)
        }
    }

    func bind(_ text: String, at index: Int32) {
        var text = text
        text.withUTF8 { buffer in
            _ = sqlite3_bind_text(handle, index, buffer.baseAddress, Int32(buffer.count), transient)
        }
    }

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(blob: [UInt8], at index: Int32) {
        blob.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), transient)
        }
    }

    func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Binds the statement's columns from a row's values, starting at parameter `first`.
    /// Returns the next free parameter index.
    @discardableResult
    func bindColumns(_ values: [FieldValue], from first: Int32 = 1) -> Int32 {
        var index = first
        for column in columns {
            bind(values[column], at: index)
            index += 1
        }
        return index
    }

    /// Runs a statement that returns no rows.
    func run(_ db: Database) throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw Self.error(db, code: code, handle: handle) }
        sqlite3_reset(handle)
    }

    /// Steps once; true when a row is available.
    func step(_ db: Database) throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw Self.error(db, code: code, handle: handle)
        }
    }

    func finish() {
        sqlite3_reset(handle)
    }

    func value(at column: Int32) -> FieldValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        default:
            guard let bytes = sqlite3_column_text(handle, column) else { return .null }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }

    func int64(at column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func text(at column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func blob(at column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// A GRDB error for a failed step, with SQLite's extended code and message (never arguments).
    static func error(_ db: Database, code: Int32, handle: SQLiteStatement) -> DatabaseError {
        sqlite3_reset(handle)
        let connection = db.sqliteConnection
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message)
    }
}
