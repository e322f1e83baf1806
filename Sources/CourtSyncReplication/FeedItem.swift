import CourtSyncModel

/// One item of a change feed (docs/SYNC-PROTOCOL.md).
public enum FeedItem: Sendable, Hashable {
    /// A change as its origin made it, projected to the columns the reader may see. `caseNumber`
    /// names the case the row belongs to, for the receiver's authority check.
    case change(ChangeRecord, caseNumber: String?)
    /// The current projected state of a row that entered the reader's scope, each field with its
    /// own version.
    case snapshot(table: String, key: String, caseNumber: String?, fields: FieldSet, versions: [String: FieldVersion])
    /// A row, or some of its columns, that left the reader's scope: the reader deletes its copy of
    /// the row (`columns` nil) or clears those columns (a case sealed after the intermediate court
    /// received its details).
    case retraction(table: String, key: String, caseNumber: String?, columns: [String]?)
}

/// A page of a feed: the items after a cursor and the cursor to ask from next.
public struct FeedPage: Sendable, Hashable {
    public var items: [FeedItem]
    /// The position the page covers up to (the next request's `after`).
    public var next: Int64
    /// Whether the sender has more after `next`.
    public var more: Bool

    public init(items: [FeedItem], next: Int64, more: Bool) {
        self.items = items
        self.next = next
        self.more = more
    }
}

/// What a receiver did with a pushed or pulled page.
public struct ApplySummary: Sendable, Hashable, Codable {
    public var applied = 0
    public var duplicates = 0
    public var superseded = 0
    public var snapshots = 0
    public var retractions = 0
    /// Concurrent writes recorded in the conflict log while applying.
    public var conflicts = 0

    public init() {}

    public var received: Int { applied + duplicates + superseded + snapshots + retractions }

    public static func + (a: ApplySummary, b: ApplySummary) -> ApplySummary {
        var s = a
        s.applied += b.applied
        s.duplicates += b.duplicates
        s.superseded += b.superseded
        s.snapshots += b.snapshots
        s.retractions += b.retractions
        s.conflicts += b.conflicts
        return s
    }
}

/// Why a page was refused whole. The reason names the item and the rule, never row contents.
public struct RefusedBatch: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    /// Index of the offending item in the page.
    public var item: Int?

    public init(_ reason: String, item: Int? = nil) {
        self.reason = reason
        self.item = item
    }

    public var description: String {
        item.map { "item \($0 + 1): \(reason)" } ?? reason
    }
}
