import CourtSyncModel
import CourtSyncReports
import CourtSyncSampleData
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import GRDB
import Testing

/// An intermediate court's node (粤03) holding generated data for three of its districts and its
/// own appeals, whose original case numbers point at those districts' first-instance cases.
/// Built once for the whole suite.
struct StatisticsFixture: Sendable {
    static let districts = ["粤0304", "粤0305", "粤0306"]
    static let districtCases = 400
    static let firstYear = 2023

    let node: TestNode

    var store: NodeStore { node.store }
    var databasePath: String { node.directory.file(NodeStore.databaseFileName) }

    static let shared = Result { try StatisticsFixture() }

    init() throws {
        node = try TestNode("gd03", role: .intermediate, court: "粤03")
        let generator = SampleGenerator(seed: 17)
        try node.store.write { writer in
            let emit: (SampleRecord) throws -> Void = { try writer.insert(into: $0.table, $0.fieldSet) }
            for code in Self.districts {
                try generator.court(
                    code: code, cases: Self.districtCases, firstYear: Self.firstYear, registryLawyers: 60, emit: emit)
            }
            try generator.court(
                code: "粤03", cases: 700, firstYear: Self.firstYear, registryLawyers: 60,
                districtCases: Self.districtCases, emit: emit)
        }
    }

    /// A read-only connection of the test's own, for the independent SQL.
    func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: databasePath, configuration: configuration)
    }
}

/// Recomputes a report row with straightforward per-figure SQL over explicit date ranges, sharing
/// nothing with the production query but the reference data's case-type table.
struct IndependentFigures {
    let db: DatabaseQueue
    let reference = ReferenceData.bundled
    /// Every (court, case type) in the database, and the courts.
    let caseTypes: [String]
    let courts: [String]

    init(_ db: DatabaseQueue) throws {
        self.db = db
        caseTypes = try db.read { try String.fetchAll($0, sql: "SELECT DISTINCT case_type FROM cases ORDER BY 1") }
        courts = try db.read { try String.fetchAll($0, sql: "SELECT DISTINCT court_code FROM cases ORDER BY 1") }
    }

    /// (category, stage) of a case type, 知 stripped.
    func classify(_ type: String) -> (String, String) {
        let entry = reference.caseType(code: type) ?? reference.caseType(code: String(type.dropFirst()))
        return (entry?.category ?? "unknown", entry?.stage ?? "unknown")
    }

    func types(category: String?, stage: String?, where extra: (String, String, String) -> Bool = { _, _, _ in true })
        -> [String]
    {
        caseTypes.filter { type in
            let (c, s) = classify(type)
            return (category == nil || c == category) && (stage == nil || s == stage) && extra(type, c, s)
        }
    }

    func quoted(_ values: [String]) -> String {
        values.isEmpty ? "NULL" : values.map { "'\($0)'" }.joined(separator: ",")
    }

    func int(_ sql: String) throws -> Int64 {
        try db.read { try Int64.fetchOne($0, sql: sql) ?? 0 }
    }

    /// Checks every figure of `row` and returns the mismatches; `courts` are those the query
    /// named (empty: all), which rows over all courts add up.
    func mismatches(_ row: StatisticsRow, courts queried: [String] = []) throws -> [String] {
        let start = row.firstMonth + "-01"
        let last = StatisticsMonth(row.lastMonth)!
        let end = StatisticsMonth(index: last.index + 1).description + "-01"
        let court = row.court.map { "c.court_code = '\($0)'" } ?? "c.court_code IN (\(quoted(queried.isEmpty ? courts : queried)))"
        let scope = types(category: row.category, stage: row.stage)
        func cases(_ types: [String]) -> String { "\(court) AND c.case_type IN (\(quoted(types)))" }
        let all = cases(scope)
        let filedIn = "c.filing_date >= '\(start)' AND c.filing_date < '\(end)'"
        let closedIn = "c.closed_date >= '\(start)' AND c.closed_date < '\(end)'"
        let days = "(julianday(c.closed_date) - julianday(c.filing_date) - c.suspended_days)"

        var problems: [String] = []
        func check(_ name: String, _ actual: Int64, _ expected: Int64) {
            if actual != expected { problems.append("\(name): report \(actual), SQL \(expected)") }
        }
        func check(_ name: String, _ ratio: StatisticsRatio, _ numerator: Int64, _ denominator: Int64) {
            if ratio.numerator != numerator || ratio.denominator != denominator {
                problems.append("\(name): report \(ratio.numerator)/\(ratio.denominator), SQL \(numerator)/\(denominator)")
            }
            if (denominator == 0) != (ratio.value == nil) { problems.append("\(name): no-data rule") }
        }

        check("旧存", row.pendingAtStart, try int("""
            SELECT count(*) FROM cases c WHERE \(all) AND c.filing_date < '\(start)'
              AND (c.closed_date IS NULL OR c.closed_date >= '\(start)')
            """))
        let filed = try int("SELECT count(*) FROM cases c WHERE \(all) AND \(filedIn)")
        let closed = try int("SELECT count(*) FROM cases c WHERE \(all) AND \(closedIn)")
        check("新收", row.filed, filed)
        check("结案", row.closed, closed)
        check("未结", row.pendingAtEnd, try int("""
            SELECT count(*) FROM cases c WHERE \(all) AND c.filing_date < '\(end)'
              AND (c.closed_date IS NULL OR c.closed_date >= '\(end)')
            """))
        check("结案率", row.closureRate, closed, row.pendingAtStart + filed)
        check("结收比", row.closedToFiled, closed, filed)
        check("平均审理天数", row.averageTrialDays,
              try int("SELECT coalesce(sum(\(days)), 0) FROM cases c WHERE \(all) AND \(closedIn)"), closed)
        check("审限内结案率", row.withinTimeLimitRate,
              try int("SELECT count(*) FROM cases c WHERE \(all) AND \(closedIn) AND c.time_limit_days IS NOT NULL AND \(days) <= c.time_limit_days"),
              try int("SELECT count(*) FROM cases c WHERE \(all) AND \(closedIn) AND c.time_limit_days IS NOT NULL"))

        let civil = cases(types(category: row.category, stage: row.stage) { _, c, s in c == "civil" && (s == "first" || s == "second") })
        check("调撤率", row.mediationWithdrawalRate,
              try int("SELECT count(*) FROM cases c WHERE \(civil) AND \(closedIn) AND c.closing_method IN ('mediation', 'withdrawal')"),
              try int("SELECT count(*) FROM cases c WHERE \(civil) AND \(closedIn)"))

        let first = cases(types(category: row.category, stage: row.stage) { _, _, s in s == "first" })
        let secondTypes = reference.caseTypes.filter { $0.stage == "second" }.flatMap { [$0.code, "知" + $0.code] }
        check("上诉率", row.appealRate,
              try int("""
                  SELECT count(*) FROM cases c WHERE \(first) AND \(closedIn) AND c.closing_method IN ('judgment', 'ruling')
                    AND (c.appeal_result IS NOT NULL
                         OR c.case_number IN (SELECT original_case_number FROM cases WHERE case_type IN (\(quoted(secondTypes)))))
                  """),
              try int("SELECT count(*) FROM cases c WHERE \(first) AND \(closedIn) AND c.closing_method IN ('judgment', 'ruling')"))
        check("改判发回率", row.reversedRemandedRate,
              try int("SELECT count(*) FROM cases c WHERE \(first) AND \(closedIn) AND c.appeal_result IN ('reversed', 'remanded')"),
              try int("SELECT count(*) FROM cases c WHERE \(first) AND \(closedIn)"))

        let enforcement = cases(types(category: row.category, stage: row.stage) { _, _, s in s == "enforcement-implementation" })
        check("执行到位率", row.enforcementRecoveryRate,
              try int("SELECT coalesce(sum(c.amount_recovered), 0) FROM cases c WHERE \(enforcement) AND \(closedIn) AND c.amount_applied IS NOT NULL"),
              try int("SELECT coalesce(sum(c.amount_applied), 0) FROM cases c WHERE \(enforcement) AND \(closedIn)"))
        check("终本率", row.terminatedCurrentRate,
              try int("SELECT count(*) FROM cases c WHERE \(enforcement) AND \(closedIn) AND c.closing_method = 'terminated_current'"),
              try int("SELECT count(*) FROM cases c WHERE \(enforcement) AND \(closedIn)"))

        check("网上立案率", row.onlineFilingRate,
              try int("SELECT count(*) FROM cases c WHERE \(all) AND \(filedIn) AND c.filing_channel IN ('portal', 'mobile')"),
              filed)
        let enforcementFiling = cases(types(category: row.category, stage: row.stage) { t, _, _ in ["执", "执异", "执恢"].contains(t) })
        check("网上执行立案率", row.onlineEnforcementFilingRate,
              try int("SELECT count(*) FROM cases c WHERE \(enforcementFiling) AND \(filedIn) AND c.filing_channel IN ('portal', 'mobile')"),
              try int("SELECT count(*) FROM cases c WHERE \(enforcementFiling) AND \(filedIn)"))

        let hearings = "FROM hearings h JOIN cases c ON c.case_number = h.case_number WHERE \(all) AND h.status = 'held' AND h.scheduled_at >= '\(start)' AND h.scheduled_at < '\(end)'"
        check("在线庭审占比", row.onlineHearingShare,
              try int("SELECT count(*) \(hearings) AND h.mode = 'online'"), try int("SELECT count(*) \(hearings)"))

        let services = "FROM services s JOIN cases c ON c.case_number = s.case_number WHERE \(all) AND s.sent_at >= '\(start)' AND s.sent_at < '\(end)'"
        let electronic = "s.method IN ('wechat', 'sms', 'email', 'platform')"
        let electronicCount = try int("SELECT count(*) \(services) AND \(electronic)")
        check("电子送达率", row.electronicServiceRate, electronicCount, try int("SELECT count(*) \(services)"))
        check("电子送达成功率", row.electronicServiceSuccessRate,
              try int("SELECT count(*) \(services) AND \(electronic) AND s.delivered_at IS NOT NULL"), electronicCount)

        let mediations = "FROM mediations m JOIN cases c ON c.case_number = m.case_number WHERE \(all) AND m.online = 1 AND m.result <> 'pending' AND m.concluded_on >= '\(start)' AND m.concluded_on < '\(end)'"
        check("在线调解成功率", row.onlineMediationSuccessRate,
              try int("SELECT count(*) \(mediations) AND m.result = 'succeeded'"), try int("SELECT count(*) \(mediations)"))

        let reviews = "FROM file_review_requests f JOIN cases c ON c.case_number = f.case_number WHERE \(all) AND f.decision IN ('approved', 'rejected') AND f.decided_at >= '\(start)' AND f.decided_at < '\(end)'"
        let durations = try db.read {
            try Double.fetchAll($0, sql: "SELECT (julianday(f.decided_at) - julianday(f.requested_at)) * 24 \(reviews) ORDER BY 1")
        }
        check("阅卷批准率", row.fileReviewApprovalRate,
              try int("SELECT count(*) \(reviews) AND f.decision = 'approved'"), Int64(durations.count))
        let median: Double? = durations.isEmpty ? nil
            : durations.count % 2 == 1 ? durations[durations.count / 2]
            : (durations[durations.count / 2 - 1] + durations[durations.count / 2]) / 2
        switch (median, row.fileReviewMedian.hours) {
        case (nil, nil): break
        case let (expected?, actual?) where abs(expected - actual) < 0.001: break
        default: problems.append("阅卷审批时长: report \(String(describing: row.fileReviewMedian.hours)), SQL \(String(describing: median))")
        }
        return problems.map { "\(row.court ?? "all") \(row.period) \(row.category ?? "*")/\(row.stage ?? "*") \($0)" }
    }
}
