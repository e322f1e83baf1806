import CourtSyncModel

/// A field of a row: where a write landed.
public struct FieldKey: Sendable, Hashable, CustomStringConvertible {
    public var table: String
    public var key: String
    public var column: String

    public var description: String { "\(table) \(key).\(column)" }
}

/// A local write a scenario made: the value and the version it got at the writer.
public struct RecordedWrite: Sendable, Hashable, CustomStringConvertible {
    public var node: String
    public var field: FieldKey
    /// The case the row belongs to (nil for registry rows): it names the owning court.
    public var caseNumber: String?
    public var value: FieldValue
    public var version: FieldVersion
    public var step: Int

    public var description: String { "\(field) = \(value) @\(version) (step \(step), \(node))" }
}

/// Two writes to the same field made at two nodes with no sync in between.
public struct RecordedRace: Sendable, Hashable, CustomStringConvertible {
    public var first: RecordedWrite
    public var second: RecordedWrite

    public var description: String {
        "race on \(first.field): \(first.value)@\(first.version) vs \(second.value)@\(second.version)"
    }
}

/// A local delete a scenario made.
public struct RecordedDelete: Sendable, Hashable {
    public var node: String
    public var table: String
    public var key: String
    public var version: FieldVersion
}

/// Something a final check found wrong, with a kind so that known product bugs can be told apart.
public struct Discrepancy: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case fieldMismatch = "field-mismatch"
        case staleRow = "stale-row"
        case outOfScope = "out-of-scope"
        case missingRow = "missing-row"
        case digest
        case missingConflict = "missing-conflict"
        case spuriousConflict = "spurious-conflict"
        case lostWrite = "lost-write"
        case partialApply = "partial-apply"
        case syncError = "sync-error"
        case noQuiescence = "no-quiescence"
    }

    public var kind: Kind
    public var table: String
    public var column: String?
    /// The node holding the wrong state and, when relevant, the node it was compared with.
    public var node: String
    public var other: String?
    public var message: String
    /// The origin of the owner's version of the field, or of the row's key for a whole row (for
    /// classifying relay gaps).
    public var ownerOrigin: String?
    /// The rows concerned, as `table key`.
    public var rows: [String] = []

    public var description: String { "[\(kind.rawValue)] \(message)" }
}
