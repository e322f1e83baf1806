/// One column value as it travels in a change record: SQLite's storage classes minus BLOB.
///
/// Encodes to JSON as `null`, a number or a string, so an NDJSON change line stays readable
/// and a client in another language needs no special decoder.
public enum FieldValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public init(_ value: String?) {
        self = value.map(FieldValue.text) ?? .null
    }

    public init(_ value: Int?) {
        self = value.map { .integer(Int64($0)) } ?? .null
    }

    public init(_ value: Int64?) {
        self = value.map(FieldValue.integer) ?? .null
    }

    public init(_ value: Bool) {
        self = .integer(value ? 1 : 0)
    }

    public var isNull: Bool { self == .null }

    public var textValue: String? {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .null: nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .integer(let i): Int(i)
        case .real(let d): Int(exactly: d)
        case .text(let s): Int(s)
        case .null: nil
        }
    }

    public var boolValue: Bool { intValue.map { $0 != 0 } ?? false }

    public var description: String {
        switch self {
        case .null: "null"
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let i = try? container.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? container.decode(Double.self) {
            self = .real(d)
        } else if let b = try? container.decode(Bool.self) {
            self = .integer(b ? 1 : 0)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .integer(let i): try container.encode(i)
        case .real(let d): try container.encode(d)
        case .text(let s): try container.encode(s)
        }
    }
}

/// A row as a set of named column values: the unit that capture records and apply writes.
public typealias FieldSet = [String: FieldValue]
