/// The version of one field: the HLC of the write that set it and the node where it was made.
///
/// Versions form a total order (HLC first, then origin node id), the order the merge rule uses.
public struct FieldVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var hlc: HLCTimestamp
    public var origin: String

    public init(hlc: HLCTimestamp, origin: String) {
        self.hlc = hlc
        self.origin = origin
    }

    public static func < (lhs: FieldVersion, rhs: FieldVersion) -> Bool {
        (lhs.hlc, lhs.origin) < (rhs.hlc, rhs.origin)
    }

    public var description: String { "\(hlc)@\(origin)" }

    /// Encoded as a two-element array `[hlc, "origin"]` to keep change lines short.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        hlc = try container.decode(HLCTimestamp.self)
        origin = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(hlc)
        try container.encode(origin)
    }
}

/// What a change did to its row.
public enum ChangeOperation: String, Sendable, Hashable, Codable, CaseIterable {
    /// The row was created; `fields` holds every column.
    case insert
    /// Some columns changed; `fields` holds just those.
    case update
    /// The row was deleted; a tombstone with this change's version replaces it.
    case delete
}

/// One write to one row of a synced table, as captured at its origin node.
///
/// A change keeps its origin, origin sequence and HLC wherever it travels, so that any node can
/// relay it and every node can recognise one it already holds (same origin and sequence).
public struct ChangeRecord: Sendable, Hashable, Codable {
    /// Node id of the node where the write was made.
    public var origin: String
    /// 1, 2, 3… per origin, in the order the origin made its writes.
    public var originSequence: Int64
    /// Version timestamp of every field this change sets.
    public var hlc: HLCTimestamp
    public var table: String
    /// The row's global key: a canonical case number, a court code, a bar id or a UUID.
    public var key: String
    public var operation: ChangeOperation
    /// New values of the changed columns (every column for an insert, none for a delete).
    public var fields: FieldSet
    /// The versions this change overwrote at its origin, per field; absent for fields that had none.
    public var previous: [String: FieldVersion]
    /// Reserved for origin signatures (DESIGN.md §7); nil until they are implemented.
    public var signature: String?

    public init(
        origin: String, originSequence: Int64, hlc: HLCTimestamp, table: String, key: String,
        operation: ChangeOperation, fields: FieldSet, previous: [String: FieldVersion] = [:],
        signature: String? = nil
    ) {
        self.origin = origin
        self.originSequence = originSequence
        self.hlc = hlc
        self.table = table
        self.key = key
        self.operation = operation
        self.fields = fields
        self.previous = previous
        self.signature = signature
    }

    /// The version every field of this change carries.
    public var version: FieldVersion { FieldVersion(hlc: hlc, origin: origin) }

    enum CodingKeys: String, CodingKey {
        case origin
        case originSequence = "origin_seq"
        case hlc, table, key
        case operation = "op"
        case fields
        case previous = "prev"
        case signature = "sig"
    }
}
