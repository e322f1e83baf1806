/// How sensitive a synced column is. Feed projections are derived from these classes and the
/// reader's role (DESIGN.md §3, shared/domain §4), never written per query.
public enum Sensitivity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// May leave the courts: the bar association may read it for rows in its scope.
    case `public`
    /// Courts only: the owning court and the intermediate court, never the bar association.
    case courtInternal = "court-internal"
    /// Personal data of parties (PIPL): the owning court, and the intermediate court only for
    /// cases before it on appeal.
    case personal
    /// Never leaves the owning node.
    case sealed

    public static func < (lhs: Sensitivity, rhs: Sensitivity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
