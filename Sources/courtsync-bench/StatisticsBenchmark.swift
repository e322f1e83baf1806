import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import Foundation
import GRDB

/// `Statistics.compute` over the 粤03 database for month, quarter and year, by court and by
/// court × category × stage, against a bare aggregate scan of `cases` in the same rounds.
///
/// With `COURTSYNC_BENCH_STATS_BEFORE=1` every round also times the statements as they were
/// before the 2026-11-29 change (``StatisticsBefore``: `GROUP BY` court, type and month in SQL),
/// rolled up by the same `Statistics.report`, and the run checks that both give identical cells.
func statisticsBenchmark(cases: Int, rounds: Int) throws {
    let database = try IntermediateDatabase.prepare(cases: cases)
    let store = try NodeStore.open(at: database.path)
    let queue = try database.readOnlyQueue()
    let reference = ReferenceData.bundled
    let baselineSQL = "SELECT court_code, count(*), total(suspended_days) FROM cases GROUP BY court_code"
    print("\nquery plans (EXPLAIN QUERY PLAN), statistics over all courts:")
    for (name, plan) in try Statistics.queryPlans(store: store, reference: reference) {
        print("  \(name):")
        for line in plan { print("    \(line)") }
    }
    print("  baseline: \(baselineSQL)")
    for line in try queue.read({ db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + baselineSQL) }) {
        print("    \(line["detail"] as String? ?? "")")
    }

    struct Variant {
        var name: String
        var query: StatisticsQuery
    }
    var variants: [Variant] = []
    for period in StatisticsPeriod.allCases {
        variants.append(Variant(name: "\(period.rawValue) by court", query: StatisticsQuery(period: period, by: [.court])))
        variants.append(Variant(
            name: "\(period.rawValue) by court,category,stage",
            query: StatisticsQuery(period: period, by: [.court, .category, .stage])))
    }
    let before = ProcessInfo.processInfo.environment["COURTSYNC_BENCH_STATS_BEFORE"] == "1"
    let beforeName = "before: month by court"
    let beforeQuery = StatisticsQuery(period: .month, by: [.court])
    var beforeCells: [StatisticsCellKey: StatisticsCounts] = [:]
    var rowsOfReport: [String: Int] = [:]
    let baselineName = "baseline scan"
    var times: [String: [Double]] = [:]
    resetPeakMemory()
    print("\n\(cases) cases, \(rounds) rounds (each round: the baseline and every variant once, order reversed every other round)")
    for round in 0..<rounds {
        let order = [baselineName] + variants.map(\.name) + (before ? [beforeName] : [])
        for name in round % 2 == 0 ? order : order.reversed() {
            if name == beforeName {
                times[name, default: []].append(try seconds {
                    beforeCells = try queue.read { db in
                        try StatisticsBefore.cells(db, appealTypes: StatisticsBefore.appealTypes(reference))
                    }
                    rowsOfReport[name] = Statistics.report(cells: beforeCells, query: beforeQuery, reference: reference)
                        .rows.count
                })
            } else if name == baselineName {
                times[name, default: []].append(try seconds {
                    _ = try queue.read { db in try Row.fetchAll(db, sql: baselineSQL) }
                })
            } else {
                let variant = variants.first { $0.name == name }!
                times[name, default: []].append(try seconds {
                    let report = try Statistics.compute(store: store, query: variant.query, reference: reference)
                    rowsOfReport[name] = report.rows.count
                })
            }
        }
        print("  round \(round + 1) done")
    }
    let baseline = times[baselineName]!
    print("\n" + "baseline scan".padding(toLength: 34, withPad: " ", startingAt: 0)
        + "median \(milliseconds(median(baseline)))  (rounds " + baseline.map(milliseconds).joined(separator: ", ") + ")")
    for variant in variants {
        let t = times[variant.name]!
        print(variant.name.padding(toLength: 34, withPad: " ", startingAt: 0)
            + "median \(milliseconds(median(t)))  \(rowsOfReport[variant.name] ?? 0) rows  "
            + "vs baseline \(ratioText(t, baseline))  (times " + t.map(milliseconds).joined(separator: ", ") + ")")
    }
    if before {
        let t = times[beforeName]!
        print(beforeName.padding(toLength: 34, withPad: " ", startingAt: 0)
            + "median \(milliseconds(median(t)))  \(rowsOfReport[beforeName] ?? 0) rows  "
            + "vs baseline \(ratioText(t, baseline))  (times " + t.map(milliseconds).joined(separator: ", ") + ")")
        let now = times["month by court"]!
        print("before / now, month by court".padding(toLength: 34, withPad: " ", startingAt: 0) + ratioText(t, now))
    }
    print(String(format: "\npeak resident memory during the timed rounds: %.1f MiB", peakMemoryMiB()))
    if before {
        let cells = try store.statisticsCells(appealTypes: StatisticsBefore.appealTypes(reference))
        guard cells == beforeCells else { fail("statistics cells differ from the statements before the change") }
        print("cells: \(cells.count), identical to the statements before the change")
    }
}

/// The statistics statements as they were before 2026-11-29 (one `GROUP BY` court, case type and
/// month per table, in SQL), kept for the benchmark's before/after comparison only.
enum StatisticsBefore {
    /// The appeal types as `CourtSyncReports` derives them (every second-instance type, with and
    /// without 知 in front).
    static func appealTypes(_ reference: ReferenceData) -> [String] {
        let second = reference.caseTypes.filter { $0.stage == "second" }.map(\.code)
        return second + second.map { "知" + $0 }
    }

    /// The cells, all courts, read with the old statements.
    static func cells(_ db: Database, appealTypes: [String]) throws -> [StatisticsCellKey: StatisticsCounts] {
        let statements = Dictionary(
            uniqueKeysWithValues: statisticsStatements(courts: [], appealTypes: appealTypes).map { ($0.name, $0) })
        func cursor(_ name: String, _ db: Database) throws -> RowCursor {
            try Row.fetchCursor(db, sql: statements[name]!.sql, arguments: statements[name]!.arguments)
        }
        var cells: [StatisticsCellKey: StatisticsCounts] = [:]
        func update(_ row: Row, _ body: (inout StatisticsCounts) -> Void) {
            let key = StatisticsCellKey(courtCode: row[0], caseType: row[1], month: row[2])
            body(&cells[key, default: StatisticsCounts()])
        }

        let filedRows = try cursor("filed", db)
        while let row = try filedRows.next() {
            update(row) { $0.filed = row[3]; $0.filedOnline = row[4] }
        }

        let closedRows = try cursor("closed", db)
        while let row = try closedRows.next() {
            update(row) {
                $0.closed = row[3]
                $0.closedByMediation = row[4]
                $0.closedByWithdrawal = row[5]
                $0.closedWithFilingDate = row[6]
                $0.trialDays = Int64((row[7] as Double).rounded())
                $0.closedWithTimeLimit = row[8]
                $0.closedWithinTimeLimit = row[9]
                $0.appealableClosed = row[10]
                $0.appealed = row[11]
                $0.reversedOrRemanded = row[12]
                $0.closedWithAmount = row[13]
                $0.amountApplied = Int64((row[14] as Double).rounded())
                $0.amountRecovered = Int64((row[15] as Double).rounded())
                $0.closedTerminatedCurrent = row[16]
            }
        }

        let hearingRows = try cursor("hearings", db)
        while let row = try hearingRows.next() {
            update(row) { $0.hearingsHeld = row[3]; $0.hearingsHeldOnline = row[4] }
        }

        let serviceRows = try cursor("services", db)
        while let row = try serviceRows.next() {
            update(row) {
                $0.servicesSent = row[3]
                $0.servicesElectronic = row[4]
                $0.servicesElectronicDelivered = row[5]
            }
        }

        let mediationRows = try cursor("mediations", db)
        while let row = try mediationRows.next() {
            update(row) { $0.onlineMediationsConcluded = row[3]; $0.onlineMediationsSucceeded = row[4] }
        }

        let reviewRows = try cursor("file_reviews", db)
        while let row = try reviewRows.next() {
            update(row) {
                $0.reviewsDecided += 1
                if row[3] as Bool { $0.reviewsApproved += 1 }
                $0.reviewSeconds.append(row[4] ?? 0)
            }
        }
        return cells
    }

    private static func statisticsStatements(courts: [String], appealTypes: [String])
        -> [(name: String, sql: String, arguments: StatementArguments)]
    {
        let online = FilingChannel.allCases.filter(\.isOnline).map(\.rawValue)
        let electronic = ServiceMethod.allCases.filter(\.isElectronic).map(\.rawValue)
        let courtFilter = courts.isEmpty ? "" : "AND c.court_code IN (\(placeholders(courts.count)))"
        let courtArguments = StatementArguments(courts)
        let days = "CAST(julianday(c.closed_date) - julianday(c.filing_date) AS INTEGER) - c.suspended_days"
        let isElectronic = "s.method IN (\(placeholders(electronic.count)))"
        return [
            ("filed", """
                SELECT c.court_code, c.case_type, substr(c.filing_date, 1, 7), count(*),
                       \(countIf("c.filing_channel IN (\(placeholders(online.count)))"))
                FROM cases c
                WHERE c.filing_date IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                GROUP BY 1, 2, 3
                """, StatementArguments(online) + courtArguments),
            ("closed", """
                SELECT c.court_code, c.case_type, substr(c.closed_date, 1, 7), count(*),
                       \(countIf("c.closing_method = 'mediation'")), \(countIf("c.closing_method = 'withdrawal'")),
                       \(countIf("c.filing_date IS NOT NULL")), total(CASE WHEN c.filing_date IS NOT NULL THEN \(days) END),
                       \(countIf("c.time_limit_days IS NOT NULL AND c.filing_date IS NOT NULL")),
                       \(countIf("c.time_limit_days IS NOT NULL AND c.filing_date IS NOT NULL AND \(days) <= c.time_limit_days")),
                       \(countIf("c.closing_method IN ('judgment', 'ruling')")),
                       sum(CASE WHEN c.closing_method IN ('judgment', 'ruling') THEN c.appeal_result IS NOT NULL OR EXISTS (
                           SELECT 1 FROM cases a WHERE a.original_case_number = c.case_number
                           AND a.case_type IN (\(placeholders(appealTypes.count)))) ELSE 0 END),
                       \(countIf("c.appeal_result IN ('reversed', 'remanded')")),
                       \(countIf("c.amount_applied IS NOT NULL")), total(c.amount_applied),
                       total(CASE WHEN c.amount_applied IS NOT NULL THEN c.amount_recovered END),
                       \(countIf("c.closing_method = 'terminated_current'"))
                FROM cases c
                WHERE c.closed_date IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                GROUP BY 1, 2, 3
                """, StatementArguments(appealTypes) + courtArguments),
            ("hearings", """
                SELECT c.court_code, c.case_type, substr(h.scheduled_at, 1, 7), count(*), \(countIf("h.mode = 'online'"))
                FROM hearings h JOIN cases c ON c.case_number = h.case_number
                WHERE h.status = 'held' AND h.scheduled_at IS NOT NULL AND c.court_code IS NOT NULL
                  AND c.case_type IS NOT NULL \(courtFilter)
                GROUP BY 1, 2, 3
                """, courtArguments),
            ("services", """
                SELECT c.court_code, c.case_type, substr(s.sent_at, 1, 7), count(*), \(countIf(isElectronic)),
                       \(countIf("\(isElectronic) AND s.delivered_at IS NOT NULL"))
                FROM services s JOIN cases c ON c.case_number = s.case_number
                WHERE s.sent_at IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                GROUP BY 1, 2, 3
                """, StatementArguments(electronic) + StatementArguments(electronic) + courtArguments),
            ("mediations", """
                SELECT c.court_code, c.case_type, substr(m.concluded_on, 1, 7), count(*), \(countIf("m.result = 'succeeded'"))
                FROM mediations m JOIN cases c ON c.case_number = m.case_number
                WHERE m.online = 1 AND m.concluded_on IS NOT NULL AND m.result IS NOT NULL AND m.result <> 'pending'
                  AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                GROUP BY 1, 2, 3
                """, courtArguments),
            ("file_reviews", """
                SELECT c.court_code, c.case_type, substr(f.decided_at, 1, 7), f.decision = 'approved',
                       CAST(round((julianday(f.decided_at) - julianday(f.requested_at)) * 86400) AS INTEGER)
                FROM file_review_requests f JOIN cases c ON c.case_number = f.case_number
                WHERE f.decision IN ('approved', 'rejected') AND f.decided_at IS NOT NULL
                  AND f.requested_at IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                """, courtArguments),
        ]
    }

    /// `sum` of a condition that is 0, never NULL, when no row (or only NULLs) match.
    private static func countIf(_ condition: String) -> String {
        "sum(CASE WHEN \(condition) THEN 1 ELSE 0 END)"
    }

    private static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
