import CourtSyncModel
import Testing

/// A small deterministic generator for property tests (SplitMix64).
struct PropertyRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

@Suite("Merge policies are total orders")
struct MergePolicyTests {
    static let columns: [(String, String)] = [
        ("cases", "stage"), ("file_review_requests", "decision"), ("lawyers", "licence_status"),
        ("lawyers", "e_service_address"), ("cases", "judge"),
    ]
    let policy = MergePolicy(registryOwners: ["szbar"])

    func randomValue(_ column: String, _ rng: inout PropertyRandom) -> VersionedValue {
        let values: [FieldValue]
        switch column {
        case "stage": values = CaseStage.allCases.map { .text($0.rawValue) }
        case "decision": values = ReviewDecision.allCases.map { .text($0.rawValue) }
        default: values = [.text("a"), .text("b"), .null, .integer(3)]
        }
        let origins = ["gd03", "gd0304", "gd0305", "szbar"]
        let version = FieldVersion(
            hlc: HLCTimestamp(milliseconds: Int64(rng.below(5)), counter: UInt16(rng.below(3))),
            origin: origins[rng.below(origins.count)])
        return VersionedValue(values[rng.below(values.count)], version)
    }

    @Test("merge is commutative, associative and idempotent for every rule", arguments: columns)
    func algebraicLaws(table: String, column: String) {
        var rng = PropertyRandom(state: 2020)
        for _ in 0..<2000 {
            let a = randomValue(column, &rng)
            let b = randomValue(column, &rng)
            let c = randomValue(column, &rng)
            func m(_ x: VersionedValue, _ y: VersionedValue) -> VersionedValue {
                policy.merge(x, y, table: table, column: column)
            }
            // Distinct writes have distinct versions; equal versions mean the same write.
            guard a.version != b.version || a == b, b.version != c.version || b == c, a.version != c.version || a == c
            else { continue }
            #expect(m(a, b) == m(b, a))
            #expect(m(m(a, b), c) == m(a, m(b, c)))
            #expect(m(a, a) == a)
            #expect(m(a, b) == a || m(a, b) == b)
        }
    }

    @Test("a decided file-review request never returns to pending; a decision beats a withdrawal")
    func decisions() {
        let decided = VersionedValue(.text("approved"), FieldVersion(hlc: HLCTimestamp(rawValue: 1), origin: "gd0304"))
        let pendingLater = VersionedValue(.text("pending"), FieldVersion(hlc: HLCTimestamp(rawValue: 9), origin: "szbar"))
        let withdrawnLater = VersionedValue(.text("withdrawn"), FieldVersion(hlc: HLCTimestamp(rawValue: 9), origin: "szbar"))
        #expect(policy.merge(decided, pendingLater, table: "file_review_requests", column: "decision") == decided)
        #expect(policy.merge(withdrawnLater, decided, table: "file_review_requests", column: "decision") == decided)
    }

    @Test("a stale stage cannot move a case backwards; the bar's registry value beats a court's")
    func stageAndRegistry() {
        let trial = VersionedValue(.text("trial"), FieldVersion(hlc: HLCTimestamp(rawValue: 1), origin: "gd0304"))
        let filedLater = VersionedValue(.text("filed"), FieldVersion(hlc: HLCTimestamp(rawValue: 5), origin: "gd03"))
        #expect(policy.merge(trial, filedLater, table: "cases", column: "stage") == trial)
        let bar = VersionedValue(.text("suspended"), FieldVersion(hlc: HLCTimestamp(rawValue: 1), origin: "szbar"))
        let court = VersionedValue(.text("practising"), FieldVersion(hlc: HLCTimestamp(rawValue: 5), origin: "gd0304"))
        #expect(policy.merge(court, bar, table: "lawyers", column: "licence_status") == bar)
        let address = VersionedValue(.text("x@example.org"), FieldVersion(hlc: HLCTimestamp(rawValue: 5), origin: "gd0304"))
        let barAddress = VersionedValue(.text("y@example.org"), FieldVersion(hlc: HLCTimestamp(rawValue: 1), origin: "szbar"))
        #expect(policy.merge(address, barAddress, table: "lawyers", column: "e_service_address") == address)
    }
}
