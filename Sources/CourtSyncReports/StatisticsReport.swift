import Foundation

/// A figure that is a quotient: kept as numerator and denominator so that it can be checked and
/// rolled up; ``value`` is nil ("no data") when the denominator is zero, never 0 % or 100 %.
///
/// JSON: `{"numerator": 12, "denominator": 40, "value": 0.3}`, `value` null when there is no data.
public struct StatisticsRatio: Sendable, Equatable, Encodable {
    /// What is counted (cases, hearings, fen, days, …).
    public var numerator: Int64
    /// What it is counted out of.
    public var denominator: Int64

    /// Creates a ratio.
    public init(_ numerator: Int64, _ denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// numerator / denominator, or nil when the denominator is zero.
    public var value: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }

    private enum CodingKeys: String, CodingKey { case numerator, denominator, value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(numerator, forKey: .numerator)
        try container.encode(denominator, forKey: .denominator)
        try container.encode(value, forKey: .value)
    }
}

/// The median of a list of durations, in hours; nil ("no data") for an empty list.
///
/// JSON: `{"count": 31, "hours": 26.5}`, `hours` null when `count` is 0.
public struct StatisticsMedian: Sendable, Equatable, Encodable {
    /// How many durations.
    public var count: Int64
    /// The median in hours (the mean of the two middle values for an even count).
    public var hours: Double?

    /// The median of `seconds`.
    public init(seconds: [Int64]) {
        count = Int64(seconds.count)
        guard !seconds.isEmpty else {
            hours = nil
            return
        }
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        hours = median / 3600
    }

    private enum CodingKeys: String, CodingKey { case count, hours }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(hours, forKey: .hours)
    }
}

/// One row of a statistics report: a scope (court, category, stage; nil when rolled up) and a
/// period, with every figure. docs/STATISTICS.md defines each figure.
public struct StatisticsRow: Sendable, Equatable, Encodable {
    /// Court code, or nil for all courts together.
    public var court: String?
    /// The court's name from the reference data (全部法院 for all courts).
    public var courtName: String
    /// The period label: `2024-03`, `2024-Q1`, `2024`, or `2024-01..2025-06` for a whole-range summary.
    public var period: String
    /// First month of the period, `YYYY-MM`.
    public var firstMonth: String
    /// Last month of the period, `YYYY-MM`.
    public var lastMonth: String
    /// Case category (`civil`, `enforcement`, …), or nil for all.
    public var category: String?
    /// Procedural stage (`first`, `second`, …), or nil for all.
    public var stage: String?

    /// 旧存: pending at the start of the period.
    public var pendingAtStart: Int64
    /// 新收: filed in the period.
    public var filed: Int64
    /// 结案: closed in the period.
    public var closed: Int64
    /// 未结: 旧存 + 新收 − 结案.
    public var pendingAtEnd: Int64 { pendingAtStart + filed - closed }
    /// 收案: 旧存 + 新收.
    public var intake: Int64 { pendingAtStart + filed }

    /// 结案率: 结案 / 收案.
    public var closureRate: StatisticsRatio { StatisticsRatio(closed, intake) }
    /// 结收比: 结案 / 新收.
    public var closedToFiled: StatisticsRatio { StatisticsRatio(closed, filed) }
    /// 平均审理天数: total trial days / closed cases with a filing date.
    public var averageTrialDays: StatisticsRatio
    /// 审限内结案率: closed within the time limit / closed with a time limit.
    public var withinTimeLimitRate: StatisticsRatio
    /// 调撤率: civil trial closings by mediation or withdrawal / civil trial closings.
    public var mediationWithdrawalRate: StatisticsRatio
    /// 上诉率: appealed first-instance judgments and rulings / first-instance judgments and rulings.
    public var appealRate: StatisticsRatio
    /// 改判发回率: first-instance cases reversed or remanded / first-instance closings.
    public var reversedRemandedRate: StatisticsRatio
    /// 执行到位率: amount recovered / amount applied for (fen), enforcement-implementation closings.
    public var enforcementRecoveryRate: StatisticsRatio
    /// 终本率: enforcement-implementation closings by 终本 / enforcement-implementation closings.
    public var terminatedCurrentRate: StatisticsRatio
    /// 网上立案率: online filings / filings.
    public var onlineFilingRate: StatisticsRatio
    /// 网上执行立案率: online filings / filings of 执, 执异 and 执恢.
    public var onlineEnforcementFilingRate: StatisticsRatio
    /// 在线庭审占比: hearings held online / hearings held.
    public var onlineHearingShare: StatisticsRatio
    /// 电子送达率: electronic services / services.
    public var electronicServiceRate: StatisticsRatio
    /// 电子送达成功率: electronic services delivered / electronic services.
    public var electronicServiceSuccessRate: StatisticsRatio
    /// 在线调解成功率: online mediations succeeded / online mediations concluded.
    public var onlineMediationSuccessRate: StatisticsRatio
    /// 在线阅卷审批时长: median hours from request to decision of decided requests.
    public var fileReviewMedian: StatisticsMedian
    /// 在线阅卷批准率: approved / decided requests.
    public var fileReviewApprovalRate: StatisticsRatio

    private enum CodingKeys: String, CodingKey {
        case court, courtName, period, firstMonth, lastMonth, category, categoryName, stage, stageName
        case pendingAtStart, filed, closed, pendingAtEnd, intake, closureRate, closedToFiled, averageTrialDays
        case withinTimeLimitRate, mediationWithdrawalRate, appealRate, reversedRemandedRate
        case enforcementRecoveryRate, terminatedCurrentRate, onlineFilingRate, onlineEnforcementFilingRate
        case onlineHearingShare, electronicServiceRate, electronicServiceSuccessRate, onlineMediationSuccessRate
        case fileReviewMedian, fileReviewApprovalRate
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(court, forKey: .court)
        try c.encode(courtName, forKey: .courtName)
        try c.encode(period, forKey: .period)
        try c.encode(firstMonth, forKey: .firstMonth)
        try c.encode(lastMonth, forKey: .lastMonth)
        try c.encode(category, forKey: .category)
        try c.encode(StatisticsLabels.category(category), forKey: .categoryName)
        try c.encode(stage, forKey: .stage)
        try c.encode(StatisticsLabels.stage(stage), forKey: .stageName)
        try c.encode(pendingAtStart, forKey: .pendingAtStart)
        try c.encode(filed, forKey: .filed)
        try c.encode(closed, forKey: .closed)
        try c.encode(pendingAtEnd, forKey: .pendingAtEnd)
        try c.encode(intake, forKey: .intake)
        let ratios: [(StatisticsRatio, CodingKeys)] = [
            (closureRate, .closureRate), (closedToFiled, .closedToFiled), (averageTrialDays, .averageTrialDays),
            (withinTimeLimitRate, .withinTimeLimitRate), (mediationWithdrawalRate, .mediationWithdrawalRate),
            (appealRate, .appealRate), (reversedRemandedRate, .reversedRemandedRate),
            (enforcementRecoveryRate, .enforcementRecoveryRate), (terminatedCurrentRate, .terminatedCurrentRate),
            (onlineFilingRate, .onlineFilingRate), (onlineEnforcementFilingRate, .onlineEnforcementFilingRate),
            (onlineHearingShare, .onlineHearingShare), (electronicServiceRate, .electronicServiceRate),
            (electronicServiceSuccessRate, .electronicServiceSuccessRate),
            (onlineMediationSuccessRate, .onlineMediationSuccessRate),
            (fileReviewApprovalRate, .fileReviewApprovalRate),
        ]
        for (ratio, key) in ratios { try c.encode(ratio, forKey: key) }
        try c.encode(fileReviewMedian, forKey: .fileReviewMedian)
    }
}

/// New and closed cases of one court (or all courts) month by month, for trend charts.
public struct StatisticsTrend: Sendable, Equatable, Encodable {
    /// Court code, or nil for all courts together.
    public var court: String?
    /// The court's name.
    public var courtName: String
    /// The months, `YYYY-MM`, every month of the report's range.
    public var months: [String]
    /// 新收 per month.
    public var filed: [Int64]
    /// 结案 per month.
    public var closed: [Int64]
}

/// A statistics report: rows per scope and period, a whole-range summary per court, and monthly
/// trends per court. Render it with ``table()``, ``csv()``, ``json()`` or ``html()``.
public struct StatisticsReport: Sendable, Encodable {
    /// Period length of ``rows``.
    public var period: StatisticsPeriod
    /// First month covered, `YYYY-MM` (the start of the first period); nil when there is no data.
    public var firstMonth: String?
    /// Last month covered, `YYYY-MM` (the end of the last period); nil when there is no data.
    public var lastMonth: String?
    /// The courts the report is restricted to (empty: every court in the data).
    public var courts: [String]
    /// Dimensions kept in ``rows``.
    public var by: [StatisticsDimension]
    /// One row per scope and period, ordered by court (all courts last), category, stage, period.
    public var rows: [StatisticsRow]
    /// One row per court (and all courts) over the whole range, all categories and stages.
    public var summary: [StatisticsRow]
    /// 新收 and 结案 per month per court (and all courts).
    public var trends: [StatisticsTrend]
}
