/// How concurrent writes to one field are resolved: the one place that says it (docs/CONFLICTS.md).
///
/// Every rule is a total order on (value, version) pairs: first a rank that the rule derives from
/// the value or the writer, then the version (HLC, then origin node id). The greater pair wins on
/// every node, whatever the order, repetition or path in which the writes arrive.
public enum MergeRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The newer write wins (greater HLC, then origin id).
    case newerWrite = "newer-write"
    /// On the bar association's registry, the bar's write beats a court's, then the newer wins.
    case registryAuthority = "registry-authority"
    /// A file-review request's decision never returns to pending: pending < withdrawn < decided.
    case decisionPrecedence = "decision-precedence"
    /// A case's stage never moves backwards: filed < pretrial < trial < decided < archived.
    case stageOrder = "stage-order"
}

/// A field's value with the version that wrote it.
public struct VersionedValue: Sendable, Hashable {
    public var value: FieldValue
    public var version: FieldVersion

    public init(_ value: FieldValue, _ version: FieldVersion) {
        self.value = value
        self.version = version
    }
}

/// The field policies.
public struct MergePolicy: Sendable {
    /// Node ids of the registry's owner (the bar association), from peers/ and this node.
    public var registryOwners: Set<String>

    public init(registryOwners: Set<String> = []) {
        self.registryOwners = registryOwners
    }

    /// The rule for a column.
    public static func rule(table: String, column: String) -> MergeRule {
        switch (table, column) {
        case ("cases", "stage"): .stageOrder
        case ("file_review_requests", "decision"): .decisionPrecedence
        case ("lawyers", "e_service_address"): .newerWrite  // confirmed at a court or changed at the bar
        case ("lawyers", _), ("law_firms", _): .registryAuthority
        default: .newerWrite
        }
    }

    /// The rank a rule gives a versioned value; ties are broken by the version.
    public func rank(_ v: VersionedValue, rule: MergeRule) -> Int {
        switch rule {
        case .newerWrite:
            return 0
        case .registryAuthority:
            return registryOwners.contains(v.version.origin) ? 1 : 0
        case .decisionPrecedence:
            switch v.value.textValue.flatMap(ReviewDecision.init(rawValue:)) {
            case .pending?, nil: return 0
            case .withdrawn?: return 1
            case .approved?, .rejected?: return 2
            }
        case .stageOrder:
            return v.value.textValue.flatMap(CaseStage.init(rawValue:)).map { CaseStage.allCases.firstIndex(of: $0)! } ?? -1
        }
    }

    /// Whether `a` wins over `b` for this column (the total order: rank, then version).
    public func wins(_ a: VersionedValue, over b: VersionedValue, table: String, column: String) -> Bool {
        let rule = Self.rule(table: table, column: column)
        let (ra, rb) = (rank(a, rule: rule), rank(b, rule: rule))
        return ra != rb ? ra > rb : a.version > b.version
    }

    /// The winner of two versioned values (commutative, associative, idempotent).
    public func merge(_ a: VersionedValue, _ b: VersionedValue, table: String, column: String) -> VersionedValue {
        wins(a, over: b, table: table, column: column) ? a : b
    }
}
