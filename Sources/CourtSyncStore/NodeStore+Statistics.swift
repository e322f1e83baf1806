import CourtSyncModel
import GRDB
import GRDBSQLite

extension NodeStore {
    /// The statistics cells of the node's data: one scan per table (cases twice, by filing and by
    /// closing month), each row joined to `cases` for the court and case type, summed into its cell
    /// in memory. Memory grows with the number of (court, type, month) cells and the decided
    /// file-review requests, not with the number of cases.
    ///
    /// The statements return one row per item rather than `GROUP BY` court, type and month: SQLite
    /// groups by sorting, and sorting millions of service rows cost more than reading them
    /// (docs/PERFORMANCE.md, "Statistics over 1,000,000 cases"); a hash table of a few thousand
    /// cells does not.
    ///
    /// - Parameters:
    ///   - courts: court codes to include; empty for every court.
    ///   - appealTypes: the case types whose `original_case_number` makes the original case
    ///     "appealed" (second-instance types such as `民终`); enforcement cases also name an
    ///     original case and must not count.
    public func statisticsCells(courts: [String] = [], appealTypes: [String]) throws
        -> [StatisticsCellKey: StatisticsCounts]
    {
        let statements = Dictionary(
            uniqueKeysWithValues: statisticsStatements(courts: courts, appealTypes: appealTypes).map { ($0.name, $0) })
        return try read { db in
            var cells = StatisticsCellSums()
            /// Runs a statement and adds each of its rows (court, case type, month, values…) to its cell.
            func sum(
                _ name: String, _ add: (inout StatisticsCounts, inout StatisticsCellSums.Totals, StatisticsRow) -> Void
            ) throws {
                let statement = try db.makeStatement(sql: statements[name]!.sql)
                try statement.setArguments(statements[name]!.arguments)
                try withExtendedLifetime(statement) {
                    let raw = RawStatement(statement)
                    while try raw.step(db) {
                        cells.add(StatisticsRow(handle: raw.handle), add)
                    }
                    raw.finish()
                }
            }

            try sum("filed") { counts, _, row in
                counts.filed += 1
                counts.filedOnline += row[3]
            }
            try sum("closed") { counts, totals, row in
                counts.closed += 1
                counts.closedByMediation += row[3]
                counts.closedByWithdrawal += row[4]
                counts.closedWithFilingDate += row[5]
                totals.trialDays += row.real(6)
                counts.closedWithTimeLimit += row[7]
                counts.closedWithinTimeLimit += row[8]
                counts.appealableClosed += row[9]
                counts.appealed += row[10]
                counts.reversedOrRemanded += row[11]
                counts.closedWithAmount += row[12]
                totals.amountApplied += row.real(13)
                totals.amountRecovered += row.real(14)
                counts.closedTerminatedCurrent += row[15]
            }
            try sum("hearings") { counts, _, row in
                counts.hearingsHeld += 1
                counts.hearingsHeldOnline += row[3]
            }
            try sum("services") { counts, _, row in
                counts.servicesSent += 1
                if row[3] == 1 {  // electronic; row[4]: delivered, counted among electronic services only
                    counts.servicesElectronic += 1
                    counts.servicesElectronicDelivered += row[4]
                }
            }
            try sum("mediations") { counts, _, row in
                counts.onlineMediationsConcluded += 1
                counts.onlineMediationsSucceeded += row[3]
            }
            try sum("file_reviews") { counts, _, row in
                counts.reviewsDecided += 1
                counts.reviewsApproved += row[3]
                counts.reviewSeconds.append(row[4])
            }
            return cells.cells()
        }
    }

    /// `EXPLAIN QUERY PLAN` of each statement ``statisticsCells(courts:appealTypes:)`` runs, in the
    /// order it runs them: the statement's name (`filed`, `closed`, `hearings`, `services`,
    /// `mediations`, `file_reviews`) and the plan's detail lines, indented two spaces per level.
    public func statisticsQueryPlans(courts: [String] = [], appealTypes: [String]) throws
        -> [(name: String, plan: [String])]
    {
        try read { db in
            try statisticsStatements(courts: courts, appealTypes: appealTypes).map { statement in
                (statement.name, try queryPlan(db, sql: statement.sql, arguments: statement.arguments))
            }
        }
    }

    /// The statements of ``statisticsCells(courts:appealTypes:)``: one row per counted item (a
    /// case filed, a case closed, a hearing held, …) with its court, case type and month first,
    /// then what it adds to the cell: 0 or 1 per count, or an amount (NULL adds nothing).
    private func statisticsStatements(courts: [String], appealTypes: [String])
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
                SELECT c.court_code, c.case_type, substr(c.filing_date, 1, 7),
                       \(flag("c.filing_channel IN (\(placeholders(online.count)))"))
                FROM cases c
                WHERE c.filing_date IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                """, StatementArguments(online) + courtArguments),
            ("closed", """
                SELECT c.court_code, c.case_type, substr(c.closed_date, 1, 7),
                       \(flag("c.closing_method = 'mediation'")), \(flag("c.closing_method = 'withdrawal'")),
                       \(flag("c.filing_date IS NOT NULL")), CASE WHEN c.filing_date IS NOT NULL THEN \(days) END,
                       \(flag("c.time_limit_days IS NOT NULL AND c.filing_date IS NOT NULL")),
                       \(flag("c.time_limit_days IS NOT NULL AND c.filing_date IS NOT NULL AND \(days) <= c.time_limit_days")),
                       \(flag("c.closing_method IN ('judgment', 'ruling')")),
                       CASE WHEN c.closing_method IN ('judgment', 'ruling') THEN c.appeal_result IS NOT NULL OR EXISTS (
                           SELECT 1 FROM cases a WHERE a.original_case_number = c.case_number
                           AND a.case_type IN (\(placeholders(appealTypes.count)))) ELSE 0 END,
                       \(flag("c.appeal_result IN ('reversed', 'remanded')")),
                       \(flag("c.amount_applied IS NOT NULL")), c.amount_applied,
                       CASE WHEN c.amount_applied IS NOT NULL THEN c.amount_recovered END,
                       \(flag("c.closing_method = 'terminated_current'"))
                FROM cases c
                WHERE c.closed_date IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                """, StatementArguments(appealTypes) + courtArguments),
            ("hearings", """
                SELECT c.court_code, c.case_type, substr(h.scheduled_at, 1, 7), \(flag("h.mode = 'online'"))
                FROM hearings h JOIN cases c ON c.case_number = h.case_number
                WHERE h.status = 'held' AND h.scheduled_at IS NOT NULL AND c.court_code IS NOT NULL
                  AND c.case_type IS NOT NULL \(courtFilter)
                """, courtArguments),
            ("services", """
                SELECT c.court_code, c.case_type, substr(s.sent_at, 1, 7), \(flag(isElectronic)),
                       \(flag("s.delivered_at IS NOT NULL"))
                FROM services s JOIN cases c ON c.case_number = s.case_number
                WHERE s.sent_at IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                """, StatementArguments(electronic) + courtArguments),
            ("mediations", """
                SELECT c.court_code, c.case_type, substr(m.concluded_on, 1, 7), \(flag("m.result = 'succeeded'"))
                FROM mediations m JOIN cases c ON c.case_number = m.case_number
                WHERE m.online = 1 AND m.concluded_on IS NOT NULL AND m.result IS NOT NULL AND m.result <> 'pending'
                  AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                """, courtArguments),
            ("file_reviews", """
                SELECT c.court_code, c.case_type, substr(f.decided_at, 1, 7), \(flag("f.decision = 'approved'")),
                       CAST(round((julianday(f.decided_at) - julianday(f.requested_at)) * 86400) AS INTEGER)
                FROM file_review_requests f JOIN cases c ON c.case_number = f.case_number
                WHERE f.decision IN ('approved', 'rejected') AND f.decided_at IS NOT NULL
                  AND f.requested_at IS NOT NULL AND c.court_code IS NOT NULL AND c.case_type IS NOT NULL \(courtFilter)
                """, courtArguments),
        ]
    }

    /// 1 when the condition holds, else 0 (never NULL): what a row adds to a count.
    private func flag(_ condition: String) -> String {
        "CASE WHEN \(condition) THEN 1 ELSE 0 END"
    }

    private func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
