import CourtSyncModel
import Foundation
import GRDB

/// The SQL of the lawyer case list. Every statement on `cases`, `representations`, `hearings` and
/// `file_review_requests` is an index lookup (see ``NodeStore/lawyerCaseQueryPlans()``).
enum LawyerCaseSQL {
    static let lawyerColumns = """
        SELECT l.id, l.name, l.licence_number, l.licence_status, l.firm_id, l.previous_licences, f.name AS firm_name
        FROM lawyers l LEFT JOIN law_firms f ON f.id = l.firm_id
        """
    static let lawyerByID = lawyerColumns + " WHERE l.id = ?"
    /// Whether any representation names the lawyer (for a registry entry not yet synced).
    static let lawyerActs = "SELECT 1 FROM representations WHERE lawyer_id = ? LIMIT 1"
    static let lawyersByLicence = lawyerColumns + " WHERE l.licence_number = ?"
    /// `previous_licences` is a comma-separated list, so no index can serve it: this fallback reads
    /// the lawyers table (the registry, not the case tables) and the caller checks exact matches.
    static let lawyersByPreviousLicence = lawyerColumns + " WHERE instr(l.previous_licences, ?) > 0"
    static let lawyersByFirm = lawyerColumns + " WHERE l.firm_id = ?"
    static let firm = "SELECT id, name FROM law_firms WHERE id = ?"
    /// One row per active representation of the lawyer on an unsealed case. Party columns are never read.
    static let cases = """
        SELECT r.case_number, r.side, c.court_code, ct.name AS court_name, c.case_type, c.cause,
               c.filing_date, c.stage, c.status, c.closed_date, c.closing_method
        FROM representations r
        JOIN cases c ON c.case_number = r.case_number
        LEFT JOIN courts ct ON ct.code = c.court_code
        WHERE r.lawyer_id = ? AND r.status = 'active' AND c.sealed = 0
        """
    static let upcomingHearings = """
        SELECT id, case_number, scheduled_at, mode, platform, courtroom, status
        FROM hearings
        WHERE case_number = ? AND scheduled_at >= ? AND status = 'scheduled'
        ORDER BY scheduled_at
        """
    static let calledOffHearings = """
        SELECT id, case_number, scheduled_at, mode, platform, courtroom, status
        FROM hearings
        WHERE case_number = ? AND scheduled_at >= ? AND status IN ('cancelled', 'postponed')
        ORDER BY scheduled_at
        """
    static let pendingFileReviews = """
        SELECT id, case_number, lawyer_id, requested_at, decision
        FROM file_review_requests
        WHERE lawyer_id = ? AND decision = 'pending'
        """

    /// Statements by name, for ``NodeStore/lawyerCaseQueryPlans()``.
    static let all: [String: (sql: String, arguments: StatementArguments)] = [
        "lawyer_by_id": (lawyerByID, ["SZL000001"]),
        "lawyer_acts": (lawyerActs, ["SZL000001"]),
        "lawyers_by_licence": (lawyersByLicence, ["14403201011000001"]),
        "lawyers_by_previous_licence": (lawyersByPreviousLicence, ["14403201011000001"]),
        "lawyers_by_firm": (lawyersByFirm, ["SZF0001"]),
        "firm": (firm, ["SZF0001"]),
        "cases": (cases, ["SZL000001"]),
        "upcoming_hearings": (upcomingHearings, ["（2024）粤0304民初1号", "2025-06-30T00:00:00+08:00"]),
        "called_off_hearings": (calledOffHearings, ["（2024）粤0304民初1号", "2025-06-30T00:00:00+08:00"]),
        "pending_file_reviews": (pendingFileReviews, ["SZL000001"]),
    ]
}

extension NodeStore {
    /// Every case on which the selected lawyer(s) are counsel of record, across all courts whose
    /// data this node holds, as the bar association may see it (domain README §4).
    ///
    /// A lawyer id with no registry row (the registry has not arrived by sync yet) is accepted when
    /// some representation names it; the summary then carries the id only.
    ///
    /// Included: cases with an active representation of the lawyer. Excluded always: sealed cases,
    /// withdrawn representations, cases whose row has not arrived, and anything about parties
    /// beyond the side represented. Hearings are those with status `scheduled` at or after
    /// `asOf` (times are compared as stored, ISO 8601 with `+08:00`); file-review requests are the
    /// lawyer's own with decision `pending`.
    ///
    /// Runs only index lookups on the case tables: one per lawyer on `representations` and
    /// `file_review_requests`, one per case on `cases` and `hearings`.
    ///
    /// - Throws: ``LawyerLookupError`` when the lawyer, licence or firm is unknown;
    ///   ``StoreError/database(_:)`` on a database failure.
    public func lawyerCases(for selection: LawyerCaseSelection, asOf: Date) throws -> LawyerCaseResult {
        // Whole seconds, rounded up: a hearing is upcoming from the second after `asOf` began.
        let asOfText = ChinaTime.timestamp(Date(timeIntervalSince1970: asOf.timeIntervalSince1970.rounded(.up)))
        return try read { db in
            var result = try Self.resolve(selection, db)
            var records: [LawyerCaseRecord] = []
            for lawyer in result.lawyers {
                records += try Self.cases(of: lawyer.id, asOfText: asOfText, db)
            }
            records.sort { a, b in
                let (filedA, filedB) = (a.filingDate ?? "", b.filingDate ?? "")
                if filedA != filedB { return filedA > filedB }
                return (a.caseNumber, a.lawyerID) < (b.caseNumber, b.lawyerID)
            }
            result.cases = records
            return result
        }
    }

    /// `EXPLAIN QUERY PLAN` of every statement ``lawyerCases(for:asOf:)`` runs, by statement
    /// name: the plan's detail lines, e.g. `SEARCH r USING INDEX representations_lawyer (lawyer_id=?)`.
    ///
    /// None of them scans `cases`, `representations`, `hearings` or `file_review_requests`; only
    /// `lawyers_by_previous_licence` (the fallback for a licence no one holds now) scans `lawyers`.
    public func lawyerCaseQueryPlans() throws -> [String: [String]] {
        try read { db in
            var plans: [String: [String]] = [:]
            for (name, statement) in LawyerCaseSQL.all {
                plans[name] = try queryPlan(db, sql: statement.sql, arguments: statement.arguments)
            }
            return plans
        }
    }

    private static func summary(_ row: Row) -> LawyerSummary {
        LawyerSummary(
            id: row["id"], name: row["name"], licenceNumber: row["licence_number"],
            licenceStatus: (row["licence_status"] as String?).flatMap(LicenceStatus.init(rawValue:)),
            firmID: row["firm_id"], firmName: row["firm_name"])
    }

    private static func resolve(_ selection: LawyerCaseSelection, _ db: Database) throws -> LawyerCaseResult {
        var result = LawyerCaseResult(selection: selection, lawyers: [], matchedPreviousLicence: false, cases: [])
        switch selection {
        case .lawyer(let id):
            if let row = try Row.fetchOne(db, sql: LawyerCaseSQL.lawyerByID, arguments: [id]) {
                result.lawyers = [summary(row)]
            } else if try Int.fetchOne(db, sql: LawyerCaseSQL.lawyerActs, arguments: [id]) != nil {
                // Counsel of record whose registry entry has not arrived yet: listed by id only.
                result.lawyers = [LawyerSummary(id: id)]
            } else {
                throw LawyerLookupError.unknownLawyer(id)
            }
        case .licence(let number):
            result.lawyers = try Row.fetchAll(db, sql: LawyerCaseSQL.lawyersByLicence, arguments: [number])
                .map(summary)
            if result.lawyers.isEmpty {
                result.lawyers = try Row.fetchAll(
                    db, sql: LawyerCaseSQL.lawyersByPreviousLicence, arguments: [number]
                ).filter { row in
                    ((row["previous_licences"] as String?) ?? "").split(separator: ",").contains {
                        $0.trimmingCharacters(in: .whitespaces) == number
                    }
                }.map(summary)
                result.matchedPreviousLicence = !result.lawyers.isEmpty
            }
            guard !result.lawyers.isEmpty else { throw LawyerLookupError.unknownLicence(number) }
        case .firm(let id):
            let firm = try Row.fetchOne(db, sql: LawyerCaseSQL.firm, arguments: [id])
            result.lawyers = try Row.fetchAll(db, sql: LawyerCaseSQL.lawyersByFirm, arguments: [id]).map(summary)
            guard firm != nil || !result.lawyers.isEmpty else { throw LawyerLookupError.unknownFirm(id) }
            result.firmID = id
            result.firmName = firm?["name"]
        }
        result.lawyers.sort { $0.id < $1.id }
        return result
    }

    private static func cases(of lawyerID: String, asOfText: String, _ db: Database) throws -> [LawyerCaseRecord] {
        var byCase: [String: LawyerCaseRecord] = [:]
        var order: [String] = []
        let rows = try Row.fetchCursor(db, sql: LawyerCaseSQL.cases, arguments: [lawyerID])
        while let row = try rows.next() {
            let caseNumber: String = row["case_number"]
            let side = (row["side"] as String?).flatMap(PartySide.init(rawValue:))
            if byCase[caseNumber] != nil {
                if let side { byCase[caseNumber]!.sides.append(side) }
                continue
            }
            order.append(caseNumber)
            byCase[caseNumber] = LawyerCaseRecord(
                lawyerID: lawyerID, caseNumber: caseNumber, courtCode: row["court_code"],
                courtName: row["court_name"], caseType: row["case_type"], cause: row["cause"],
                filingDate: row["filing_date"],
                stage: (row["stage"] as String?).flatMap(CaseStage.init(rawValue:)),
                status: (row["status"] as String?).flatMap(CaseStatus.init(rawValue:)),
                closedDate: row["closed_date"],
                closingMethod: (row["closing_method"] as String?).flatMap(ClosingMethod.init(rawValue:)),
                sides: side.map { [$0] } ?? [], upcomingHearings: [], pendingFileReviews: [])
        }
        let hearings = try db.cachedStatement(sql: LawyerCaseSQL.upcomingHearings)
        let calledOff = try db.cachedStatement(sql: LawyerCaseSQL.calledOffHearings)
        for caseNumber in order {
            byCase[caseNumber]!.upcomingHearings = try Row.fetchAll(
                hearings, arguments: [caseNumber, asOfText]
            ).compactMap(Self.hearing)
            byCase[caseNumber]!.calledOffHearings = try Row.fetchAll(
                calledOff, arguments: [caseNumber, asOfText]
            ).compactMap(Self.hearing)
        }
        let reviews = try Row.fetchAll(db, sql: LawyerCaseSQL.pendingFileReviews, arguments: [lawyerID])
        for row in reviews {
            guard let caseNumber: String = row["case_number"], byCase[caseNumber] != nil else { continue }
            byCase[caseNumber]!.pendingFileReviews.append(
                FileReviewRequest(
                    id: row["id"], caseNumber: caseNumber, lawyerID: lawyerID,
                    requestedAt: row["requested_at"] ?? "", decision: .pending))
        }
        return order.map { caseNumber in
            var record = byCase[caseNumber]!
            record.sides = Set(record.sides).sorted { $0.rawValue < $1.rawValue }
            record.upcomingHearings.sort { ($0.scheduledAt, $0.id) < ($1.scheduledAt, $1.id) }
            record.pendingFileReviews.sort { ($0.requestedAt, $0.id) < ($1.requestedAt, $1.id) }
            return record
        }
    }

    private static func hearing(_ row: Row) -> Hearing? {
        guard let caseNumber: String = row["case_number"], let scheduledAt: String = row["scheduled_at"] else {
            return nil
        }
        return Hearing(
            id: row["id"], caseNumber: caseNumber, scheduledAt: scheduledAt,
            mode: (row["mode"] as String?).flatMap(HearingMode.init(rawValue:)) ?? .offline,
            platform: row["platform"], courtroom: row["courtroom"],
            status: (row["status"] as String?).flatMap(HearingStatus.init(rawValue:)) ?? .scheduled)
    }
}
