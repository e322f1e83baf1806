import CourtSyncModel

/// A change as this node holds it: its position in the node's append-only ordering (the cursor
/// peers use), whether it was made here, and the record itself.
public struct LoggedChange: Sendable, Hashable {
    /// Position in this node's change ordering: 1, 2, 3…, never reused.
    public var position: Int64
    /// True when this node made the change.
    public var isLocal: Bool
    public var change: ChangeRecord
    /// The case the changed row belongs to (nil for registry rows), for scopes and authority.
    public var caseNumber: String?

    public init(position: Int64, isLocal: Bool, change: ChangeRecord, caseNumber: String? = nil) {
        self.position = position
        self.isLocal = isLocal
        self.change = change
        self.caseNumber = caseNumber
    }
}

/// Which changes to list.
public struct ChangeFilter: Sendable, Hashable {
    public var after: Int64 = 0
    public var limit: Int = 100
    public var origin: String?
    public var table: String?
    public var key: String?

    public init(after: Int64 = 0, limit: Int = 100, origin: String? = nil, table: String? = nil, key: String? = nil) {
        self.after = after
        self.limit = limit
        self.origin = origin
        self.table = table
        self.key = key
    }
}
