import CourtSyncModel
import GRDB

/// One cell of the statistics: a court, a case type and a calendar month (`YYYY-MM`, the local
/// month of the date that puts an item in a period).
public struct StatisticsCellKey: Sendable, Hashable, Comparable {
    /// The court code, e.g. `粤0304`.
    public var courtCode: String
    /// The case type code as stored, e.g. `民初`, `知民初`, `执恢`.
    public var caseType: String
    /// The month, `YYYY-MM`.
    public var month: String

    /// Creates a key.
    public init(courtCode: String, caseType: String, month: String) {
        self.courtCode = courtCode
        self.caseType = caseType
        self.month = month
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.month, lhs.courtCode, lhs.caseType) < (rhs.month, rhs.courtCode, rhs.caseType)
    }
}

/// Additive counts of one ``StatisticsCellKey``: every field of two cells (or of many months) can be
/// added, so reports roll months, types and courts up by summing. Which date decides the month is
/// given per field; docs/STATISTICS.md defines each figure built from them.
public struct StatisticsCounts: Sendable, Equatable {
    // By month of filing_date.
    /// Cases filed (新收).
    public var filed: Int64 = 0
    /// Cases filed through an online channel (``FilingChannel/isOnline``).
    public var filedOnline: Int64 = 0

    // By month of closed_date.
    /// Cases closed (结案): `closed_date` set.
    public var closed: Int64 = 0
    /// Closed by mediation (调解).
    public var closedByMediation: Int64 = 0
    /// Closed by withdrawal (撤诉).
    public var closedByWithdrawal: Int64 = 0
    /// Closed cases with a filing date (the cases the trial days are summed over).
    public var closedWithFilingDate: Int64 = 0
    /// Sum over closed cases of closed − filed − suspended days.
    public var trialDays: Int64 = 0
    /// Closed cases that have a statutory time limit (`time_limit_days` set).
    public var closedWithTimeLimit: Int64 = 0
    /// Of those, closed within it: closed − filed − suspended days ≤ time_limit_days.
    public var closedWithinTimeLimit: Int64 = 0
    /// Closed by judgment or ruling (the closings that can be appealed).
    public var appealableClosed: Int64 = 0
    /// Of those, cases that a case of an appeal type names as its original case (原审案号).
    public var appealed: Int64 = 0
    /// Closed cases whose appeal result is reversed (改判) or remanded (发回重审).
    public var reversedOrRemanded: Int64 = 0
    /// Closed cases carrying an amount applied for (enforcement).
    public var closedWithAmount: Int64 = 0
    /// Sum of amounts applied for, in fen, over closed cases.
    public var amountApplied: Int64 = 0
    /// Sum of amounts recovered, in fen, over the same cases.
    public var amountRecovered: Int64 = 0
    /// Closed by 终结本次执行程序 (终本).
    public var closedTerminatedCurrent: Int64 = 0

    // By month of hearings.scheduled_at.
    /// Hearings held.
    public var hearingsHeld: Int64 = 0
    /// Hearings held online (mode `online`; hybrid hearings are not counted as online).
    public var hearingsHeldOnline: Int64 = 0

    // By month of services.sent_at.
    /// Documents sent.
    public var servicesSent: Int64 = 0
    /// Sent by an electronic method (``ServiceMethod/isElectronic``).
    public var servicesElectronic: Int64 = 0
    /// Sent electronically and confirmed delivered (`delivered_at` set).
    public var servicesElectronicDelivered: Int64 = 0

    // By month of mediations.concluded_on.
    /// Online mediations concluded (a result other than pending and a conclusion date).
    public var onlineMediationsConcluded: Int64 = 0
    /// Of those, succeeded.
    public var onlineMediationsSucceeded: Int64 = 0

    // By month of file_review_requests.decided_at.
    /// File-review requests decided (approved or rejected, with a decision time).
    public var reviewsDecided: Int64 = 0
    /// Of those, approved.
    public var reviewsApproved: Int64 = 0
    /// Seconds from request to decision of each decided request (for the median).
    public var reviewSeconds: [Int64] = []

    /// Empty counts.
    public init() {}

    /// Adds another cell's counts to these.
    public mutating func add(_ other: StatisticsCounts) {
        filed += other.filed
        filedOnline += other.filedOnline
        closed += other.closed
        closedByMediation += other.closedByMediation
        closedByWithdrawal += other.closedByWithdrawal
        closedWithFilingDate += other.closedWithFilingDate
        trialDays += other.trialDays
        closedWithTimeLimit += other.closedWithTimeLimit
        closedWithinTimeLimit += other.closedWithinTimeLimit
        appealableClosed += other.appealableClosed
        appealed += other.appealed
        reversedOrRemanded += other.reversedOrRemanded
        closedWithAmount += other.closedWithAmount
        amountApplied += other.amountApplied
        amountRecovered += other.amountRecovered
        closedTerminatedCurrent += other.closedTerminatedCurrent
        hearingsHeld += other.hearingsHeld
        hearingsHeldOnline += other.hearingsHeldOnline
        servicesSent += other.servicesSent
        servicesElectronic += other.servicesElectronic
        servicesElectronicDelivered += other.servicesElectronicDelivered
        onlineMediationsConcluded += other.onlineMediationsConcluded
        onlineMediationsSucceeded += other.onlineMediationsSucceeded
        reviewsDecided += other.reviewsDecided
        reviewsApproved += other.reviewsApproved
        reviewSeconds += other.reviewSeconds
    }
}

extension NodeStore {
    /// The statistics cells of the node's data: one aggregate scan per table (cases twice, by
    /// filing and by closing month), joined to `cases` for the court and case type. Memory grows
    /// with the number of (court, type, month) cells and the decided file-review requests, not
    /// with the number of cases.
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
        func cursor(_ name: String, _ db: Database) throws -> RowCursor {
            try Row.fetchCursor(db, sql: statements[name]!.sql, arguments: statements[name]!.arguments)
        }
        return try read { db in
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
    }

    /// `EXPLAIN QUERY PLAN` of each statement ``statisticsCells(courts:appealTypes:)`` runs, in the
    /// order it runs them: the statement's name (`filed`, `closed`, `hearings`, `services`,
    /// `mediations`, `file_reviews`) and the plan's detail lines, indented two spaces per level.
    public func statisticsQueryPlans(courts: [String] = [], appealTypes: [String]) throws
        -> [(name: String, plan: [String])]
    {
        try read { db in
            try statisticsStatements(courts: courts, appealTypes: appealTypes).map { statement in
                let rows = try Row.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                var depth: [Int: Int] = [0: -1]
                let plan = rows.map { row -> String in
                    let level = (depth[row["parent"] as Int? ?? 0] ?? -1) + 1
                    depth[row["id"] as Int? ?? 0] = level
                    return String(repeating: "  ", count: level) + (row["detail"] as String? ?? "")
                }
                return (statement.name, plan)
            }
        }
    }

    /// The statements of ``statisticsCells(courts:appealTypes:)``: one aggregate per table (cases
    /// twice), joined to `cases` for the court and case type.
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
                       sum(CASE WHEN c.closing_method IN ('judgment', 'ruling') THEN EXISTS (
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
    private func countIf(_ condition: String) -> String {
        "sum(CASE WHEN \(condition) THEN 1 ELSE 0 END)"
    }

    private func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
