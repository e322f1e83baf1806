import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import Foundation
import GRDB

/// A bar-association lawyer case list over the 粤03 database (`LawyerCaseList.build`): the lawyer
/// with the most cases, a median lawyer and the firm with the most lawyers, each against a point
/// lookup baseline in the same rounds: the same case rows fetched by primary key and nothing else.
func lawyerCasesBenchmark(cases: Int, rounds: Int) throws {
    let database = try IntermediateDatabase.prepare(cases: cases)
    let store = try NodeStore.open(at: database.path)
    let queue = try database.readOnlyQueue()
    // The sample's "today" (SampleGenerator.defaultAsOf) at midnight in China Standard Time.
    let asOf = ISO8601DateFormatter().date(from: "2025-06-30T00:00:00+08:00")!

    print("\nquery plans (EXPLAIN QUERY PLAN) of NodeStore.lawyerCases:")
    let plans = try store.lawyerCaseQueryPlans()
    var scans: [String] = []
    for name in plans.keys.sorted() {
        print("  \(name):")
        for line in plans[name]! {
            print("    \(line)")
            // The previous-licence fallback reads the registry (lawyers), by design; nothing may
            // scan a case table.
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("SCAN"), name != "lawyers_by_previous_licence" { scans.append("\(name): \(line)") }
        }
    }
    print(scans.isEmpty
        ? "  → no full scan of cases, representations, hearings or file_review_requests"
        : "  → FULL SCANS: " + scans.joined(separator: "; "))

    // Whom to ask for: counsel of record on unsealed cases, by number of cases.
    let counts = try queue.read { db in
        try Row.fetchAll(db, sql: """
            SELECT r.lawyer_id, count(DISTINCT r.case_number) AS n
            FROM representations r JOIN cases c ON c.case_number = r.case_number
            WHERE r.status = 'active' AND c.sealed = 0 AND r.lawyer_id IS NOT NULL
            GROUP BY r.lawyer_id ORDER BY n DESC, r.lawyer_id
            """).map { (id: $0[0] as String, cases: $0[1] as Int) }
    }
    guard let top = counts.first else { fail("no lawyer acts in any case") }
    let middle = counts[counts.count / 2]
    guard let firm = try queue.read({ db in
        try Row.fetchOne(db, sql: """
            SELECT firm_id, count(*) FROM lawyers WHERE firm_id IS NOT NULL GROUP BY firm_id ORDER BY 2 DESC, 1 LIMIT 1
            """)
    }) else { fail("no law firm has lawyers") }
    let firmID: String = firm[0]
    let selections: [(name: String, selection: LawyerCaseSelection)] = [
        ("most cases: lawyer \(top.id)", .lawyer(top.id)),
        ("median: lawyer \(middle.id)", .lawyer(middle.id)),
        ("firm \(firmID) (\(firm[1] as Int) lawyers)", .firm(firmID)),
    ]
    print("\n\(counts.count) lawyers act in cases; most \(top.cases) cases, median \(middle.cases)")

    // The baseline: the same cases' rows by primary key, one cached statement, nothing else.
    func pointLookups(_ caseNumbers: [String]) throws {
        try queue.read { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM cases WHERE case_number = ?")
            for number in caseNumbers { _ = try Row.fetchOne(statement, arguments: [number]) }
        }
    }
    resetPeakMemory()
    for (name, selection) in selections {
        let first = try LawyerCaseList.build(store: store, selection: selection, asOf: asOf)
        let caseNumbers = first.cases.map(\.caseNumber)
        let hearings = first.cases.reduce(0) { $0 + $1.upcomingHearings.count }
        let reviews = first.cases.reduce(0) { $0 + $1.pendingFileReviews.count }
        // Repeat each measurement so that it lasts about 0.2 s (timer and scheduler noise).
        let once = try seconds { _ = try LawyerCaseList.build(store: store, selection: selection, asOf: asOf) }
        let repeats = max(1, min(1_000, Int(0.2 / max(once, 1e-6))))
        var list: [Double] = []
        var baseline: [Double] = []
        for round in 0..<rounds {
            for variant in round % 2 == 0 ? [true, false] : [false, true] {
                let t = try seconds {
                    for _ in 0..<repeats {
                        if variant {
                            _ = try LawyerCaseList.build(store: store, selection: selection, asOf: asOf)
                        } else {
                            try pointLookups(caseNumbers)
                        }
                    }
                }
                if variant { list.append(t / Double(repeats)) } else { baseline.append(t / Double(repeats)) }
            }
        }
        print("\n\(name): \(first.lawyers.count) lawyer(s), \(first.cases.count) case entries, "
            + "\(hearings) upcoming hearings, \(reviews) open file-review requests; \(repeats) calls per round")
        print("  case list       median \(milliseconds(median(list)))  (rounds " + list.map(milliseconds).joined(separator: ", ") + ")")
        print("  point lookups   median \(milliseconds(median(baseline)))  (rounds " + baseline.map(milliseconds).joined(separator: ", ") + ")")
        print("  ratio           \(ratioText(list, baseline))")
    }
    print(String(format: "\npeak resident memory during the timed rounds: %.1f MiB", peakMemoryMiB()))
}
