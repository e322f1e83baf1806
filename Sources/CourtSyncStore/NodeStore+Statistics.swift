import CourtSyncModel
import GRDB
import GRDBSQLite

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
    /// Of those, cases that a case of an appeal type names as its original case (原审案号), or
    /// that carry an appeal result (a node may hold the result without the appeal case).
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

/// The current row of a statistics statement, read through SQLite's C API (``RawStatement``):
/// GRDB's `Row` checks each column's type and decodes the court and case type to `String` for
/// every one of millions of rows.
private struct StatisticsRow {
    let handle: SQLiteStatement

    /// An integer column (0 or 1 for a count); NULL reads as 0.
    subscript(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// A column summed as SQL's `total()` sums it: as floating point, NULL adding nothing.
    func real(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// A text column as a `String` (invalid UTF-8 repaired, as GRDB does).
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))),
                      as: UTF8.self)
    }
}

/// The cells being summed by ``NodeStore/statisticsCells(courts:appealTypes:)``: a hash table from
/// (court, case type, month) to the counts, so that no statement has to sort its rows to group
/// them.
///
/// A row finds its cell by the bytes of its key columns (``PackedCellKey``), not by a
/// ``StatisticsCellKey``: making three `String`s per row and hashing them (non-ASCII text is
/// hashed through Unicode normalisation) cost as much as SQLite's reading of the row. Rows often
/// come in runs of one cell (a case's services), so the previous row's cell is tried first.
private struct StatisticsCellSums {
    /// The sums SQL would take with `total()`: added as floating point and rounded once at the end.
    struct Totals {
        var trialDays = 0.0
        var amountApplied = 0.0
        var amountRecovered = 0.0
    }

    private var slots: [StatisticsCellKey: Int] = [:]
    private var packedSlots: [PackedCellKey: Int] = [:]
    private var keys: [StatisticsCellKey] = []
    private var counts: [StatisticsCounts] = []
    private var totals: [Totals] = []
    private var lastPacked: PackedCellKey?
    private var lastSlot = 0

    /// Adds a row whose first three columns are the court, the case type and the month.
    mutating func add(_ row: StatisticsRow, _ body: (inout StatisticsCounts, inout Totals, StatisticsRow) -> Void) {
        let packed = PackedCellKey(row)
        if packed == nil || packed != lastPacked {
            lastSlot = slot(row, packed)
            lastPacked = packed
        }
        body(&counts[lastSlot], &totals[lastSlot], row)
    }

    private mutating func slot(_ row: StatisticsRow, _ packed: PackedCellKey?) -> Int {
        if let packed, let slot = packedSlots[packed] { return slot }
        let key = StatisticsCellKey(courtCode: row.text(0), caseType: row.text(1), month: row.text(2))
        let slot: Int
        if let existing = slots[key] {
            slot = existing
        } else {
            slot = keys.count
            slots[key] = slot
            keys.append(key)
            counts.append(StatisticsCounts())
            totals.append(Totals())
        }
        if let packed { packedSlots[packed] = slot }
        return slot
    }

    /// The summed cells, totals rounded to whole days and fen.
    func cells() -> [StatisticsCellKey: StatisticsCounts] {
        var cells: [StatisticsCellKey: StatisticsCounts] = [:]
        cells.reserveCapacity(keys.count)
        for (slot, key) in keys.enumerated() {
            var cell = counts[slot]
            cell.trialDays = Int64(totals[slot].trialDays.rounded())
            cell.amountApplied = Int64(totals[slot].amountApplied.rounded())
            cell.amountRecovered = Int64(totals[slot].amountRecovered.rounded())
            cells[key] = cell
        }
        return cells
    }
}

/// The bytes of a row's three key columns, each preceded by its length, in 32 bytes (a court code
/// such as `粤0304` is 7 bytes, a case type at most 12, a month 7); nil when they do not fit, and
/// the row then finds its cell by ``StatisticsCellKey`` alone.
private struct PackedCellKey: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init?(_ row: StatisticsRow) {
        let fits = withUnsafeMutableBytes(of: &words) { buffer -> Bool in
            var offset = 0
            for column in Int32(0)..<3 {
                guard let text = sqlite3_column_text(row.handle, column) else { return false }
                let count = Int(sqlite3_column_bytes(row.handle, column))
                guard count < 256, offset + 1 + count <= buffer.count else { return false }
                buffer[offset] = UInt8(count)
                (buffer.baseAddress! + offset + 1).copyMemory(from: text, byteCount: count)
                offset += 1 + count
            }
            return true
        }
        guard fits else { return nil }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
