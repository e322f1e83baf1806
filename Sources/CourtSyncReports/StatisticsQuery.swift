import CourtSyncModel
import Foundation

/// A calendar month, the unit every statistics period is built from.
public struct StatisticsMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Months since January of year 0: `year * 12 + month - 1`.
    public let index: Int

    /// The month with this index.
    public init(index: Int) { self.index = index }

    /// The month `month` (1…12) of `year`.
    public init(year: Int, month: Int) { self.index = year * 12 + month - 1 }

    /// Parses `YYYY-MM` (the first seven characters of a stored date), or nil.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public var year: Int { index / 12 }
    public var month: Int { index % 12 + 1 }

    /// `YYYY-MM`.
    public var description: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }
}

/// The length of the periods a report has one row for.
public enum StatisticsPeriod: String, Sendable, CaseIterable, Codable {
    case month, quarter, year

    /// The first month of the period containing `month`.
    public func start(of month: StatisticsMonth) -> StatisticsMonth {
        switch self {
        case .month: month
        case .quarter: StatisticsMonth(index: month.index - (month.month - 1) % 3)
        case .year: StatisticsMonth(year: month.year, month: 1)
        }
    }

    /// How many months a period has.
    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }

    /// The label of the period starting at `start`: `2024-03`, `2024-Q1` or `2024`.
    public func label(_ start: StatisticsMonth) -> String {
        switch self {
        case .month: start.description
        case .quarter: "\(start.year)-Q\((start.month - 1) / 3 + 1)"
        case .year: String(start.year)
        }
    }
}

/// A dimension a report can keep (``StatisticsQuery/by``); the others are rolled up.
public enum StatisticsDimension: String, Sendable, CaseIterable, Codable {
    /// The court (法院).
    case court
    /// The case category of the case type (民事, 刑事, 执行, …), `category` in `case_types.tsv`.
    case category
    /// The procedural stage of the case type (一审, 二审, 执行实施, …), `stage` in `case_types.tsv`.
    case stage
}

/// A statistics query parameter that could not be understood: names the parameter, the value and
/// what is accepted.
public struct StatisticsQueryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The parameter as the command line and the HTTP API call it: `period`, `from`, `to`, `court`, `by`.
    public var parameter: String
    /// The value given.
    public var value: String
    /// What would have been accepted.
    public var accepted: String

    /// Creates an error.
    public init(parameter: String, value: String, accepted: String) {
        self.parameter = parameter
        self.value = value
        self.accepted = accepted
    }

    public var description: String {
        "\(parameter): \"\(value)\" is not accepted; \(accepted)"
    }
}

/// What a statistics report covers: the period length, the months, the courts and the
/// dimensions kept.
public struct StatisticsQuery: Sendable, Equatable {
    /// Period length of the rows.
    public var period: StatisticsPeriod
    /// The first month; the report starts with the whole period containing it. Nil: the first month with data.
    public var from: StatisticsMonth?
    /// The last month; the report ends with the whole period containing it. Nil: the last month with data.
    public var to: StatisticsMonth?
    /// Court codes to report; empty for every court in the node's data.
    public var courts: [String]
    /// Dimensions kept; the others are rolled up. The period is always kept.
    public var by: [StatisticsDimension]
    /// Whether to add rows over all courts together when ``by`` keeps the court and there is more than one.
    public var includeAllCourts: Bool

    /// The default dimensions: one row per court and period.
    public static let defaultDimensions: [StatisticsDimension] = [.court]

    /// Creates a query.
    public init(
        period: StatisticsPeriod = .month, from: StatisticsMonth? = nil, to: StatisticsMonth? = nil,
        courts: [String] = [], by: [StatisticsDimension] = defaultDimensions, includeAllCourts: Bool = true
    ) {
        self.period = period
        self.from = from
        self.to = to
        self.courts = courts
        self.by = StatisticsDimension.allCases.filter(by.contains)
        self.includeAllCourts = includeAllCourts
    }

    /// Parses the query as the command line and `GET /v1/stats` give it.
    ///
    /// - Parameters:
    ///   - period: `month`, `quarter` or `year`; nil for `month`.
    ///   - from: `YYYY-MM`, `YYYY-Qn` or `YYYY` (its first month); nil for the first month with data.
    ///   - to: the same forms (`YYYY` is its December, `YYYY-Qn` the quarter's last month); nil for the last month with data.
    ///   - courts: court codes such as `粤0304`; empty for all.
    ///   - by: comma-separated dimensions to keep, from `court`, `category`, `stage`; an empty
    ///     string or `none` rolls all up; nil keeps the court only.
    /// - Throws: ``StatisticsQueryError`` naming the first parameter that is not understood.
    public static func parse(period: String?, from: String?, to: String?, courts: [String], by: String?)
        throws(StatisticsQueryError) -> StatisticsQuery
    {
        var parsedPeriod = StatisticsPeriod.month
        if let period {
            guard let value = StatisticsPeriod(rawValue: period.trimmingCharacters(in: .whitespaces).lowercased())
            else {
                throw StatisticsQueryError(parameter: "period", value: period, accepted: "use month, quarter or year")
            }
            parsedPeriod = value
        }
        let first = try from.map { text throws(StatisticsQueryError) in try parseMonth(text, parameter: "from", last: false) }
        let last = try to.map { text throws(StatisticsQueryError) in try parseMonth(text, parameter: "to", last: true) }
        if let first, let last, first > last, let to {
            throw StatisticsQueryError(parameter: "to", value: to, accepted: "it must not be before from (\(first))")
        }
        var codes: [String] = []
        for raw in courts {
            for part in raw.split(separator: ",") {
                let code = part.trimmingCharacters(in: .whitespaces)
                guard CaseNumber.isWellFormedCourtCode(code) else {
                    throw StatisticsQueryError(
                        parameter: "court", value: code,
                        accepted: "give a court code such as 粤0304 or 粤03 (province abbreviation and 2 or 4 digits)")
                }
                if !codes.contains(code) { codes.append(code) }
            }
        }
        var dimensions = defaultDimensions
        if let by {
            dimensions = []
            let trimmed = by.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty && trimmed.lowercased() != "none" {
                for part in trimmed.split(separator: ",") {
                    let name = part.trimmingCharacters(in: .whitespaces).lowercased()
                    guard let dimension = StatisticsDimension(rawValue: name) else {
                        throw StatisticsQueryError(
                            parameter: "by", value: String(part),
                            accepted: "use a comma-separated list of court, category, stage (or none)")
                    }
                    dimensions.append(dimension)
                }
            }
        }
        return StatisticsQuery(period: parsedPeriod, from: first, to: last, courts: codes, by: dimensions)
    }

    /// `YYYY-MM`, `YYYY-Qn` or `YYYY`; for a `to` bound the last month of a quarter or year.
    static func parseMonth(_ text: String, parameter: String, last: Bool) throws(StatisticsQueryError) -> StatisticsMonth {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let fail = StatisticsQueryError(
            parameter: parameter, value: text, accepted: "use YYYY-MM (e.g. 2024-01), YYYY-Qn (e.g. 2024-Q3) or YYYY")
        if let month = StatisticsMonth(trimmed), (1900...2999).contains(month.year) { return month }
        if trimmed.count == 4, let year = Int(trimmed), (1900...2999).contains(year) {
            return StatisticsMonth(year: year, month: last ? 12 : 1)
        }
        let parts = trimmed.uppercased().split(separator: "-")
        if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1900...2999).contains(year),
            parts[1].count == 2, parts[1].first == "Q", let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter)
        {
            return StatisticsMonth(year: year, month: (quarter - 1) * 3 + (last ? 3 : 1))
        }
        throw fail
    }
}
