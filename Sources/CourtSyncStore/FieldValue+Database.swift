import CourtSyncModel
import Foundation
import GRDB

extension FieldValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        }
    }

    init(_ dbValue: DatabaseValue) {
        switch dbValue.storage {
        case .null: self = .null
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let data): self = .text(data.base64EncodedString())
        }
    }
}

extension Row {
    /// The catalog columns of `table` as a field set (the row must select them by name).
    func fieldSet(_ table: SyncTable) -> FieldSet {
        var fields = FieldSet(minimumCapacity: table.columns.count)
        for column in table.columns {
            fields[column.name] = FieldValue(self[column.name] as DatabaseValue)
        }
        return fields
    }
}
