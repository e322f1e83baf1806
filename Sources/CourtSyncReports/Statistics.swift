import CourtSyncModel
import CourtSyncStore

/// The intermediate court's statistics (docs/STATISTICS.md): caseload, quality and the online
/// services of the 2020 notice, per court × period × case category × stage.
public enum Statistics {
    /// Computes a report over the node's data.
    ///
    /// Reads the store once per table (``NodeStore/statisticsCells(courts:appealTypes:)``), then
    /// rolls the (court, case type, month) cells up in memory. 旧存 is counted from the first
    /// month with data, whatever `query.from` is.
    ///
    /// - Throws: ``StatisticsQueryError`` for a court the reference data does not list; the
    ///   store's error when the database cannot be read.
    public static func compute(store: NodeStore, query: StatisticsQuery, reference: ReferenceData) throws
        -> StatisticsReport
    {
        for code in query.courts where reference.court(code: code) == nil {
            throw StatisticsQueryError(
                parameter: "court", value: code, accepted: "give a court listed in courts.tsv, e.g. 粤0304")
        }
        let cells = try store.statisticsCells(
            courts: query.courts, appealTypes: StatisticsCaseClass.appealTypes(reference: reference))
        return report(cells: cells, query: query, reference: reference)
    }

    /// The query plans (EXPLAIN QUERY PLAN) of the statements ``compute(store:query:reference:)``
    /// runs, by statement name, for benchmarks and operators.
    public static func queryPlans(store: NodeStore, courts: [String] = [], reference: ReferenceData) throws
        -> [(String, [String])]
    {
        try store.statisticsQueryPlans(courts: courts, appealTypes: StatisticsCaseClass.appealTypes(reference: reference))
    }

    /// The report of already-read cells (the pure part of ``compute(store:query:reference:)``).
    public static func report(
        cells: [StatisticsCellKey: StatisticsCounts], query: StatisticsQuery, reference: ReferenceData
    ) -> StatisticsReport {
        var classes: [String: StatisticsCaseClass] = [:]
        var monthly: [StatisticsMonth: [(StatisticsCellKey, StatisticsTally)]] = [:]
        var courts: Set<String> = []
        for (key, counts) in cells {
            guard let month = StatisticsMonth(key.month) else { continue }
            let kind = classes[key.caseType] ?? StatisticsCaseClass.of(key.caseType, reference: reference)
            classes[key.caseType] = kind
            monthly[month, default: []].append((key, StatisticsTally(counts, caseType: key.caseType, class: kind)))
            courts.insert(key.courtCode)
        }
        let empty = StatisticsReport(
            period: query.period, firstMonth: nil, lastMonth: nil, courts: query.courts, by: query.by, rows: [],
            summary: [], trends: [])
        guard let dataFirst = monthly.keys.min(), let dataLast = monthly.keys.max() else { return empty }
        let start = query.period.start(of: query.from ?? dataFirst)
        let lastStart = query.period.start(of: query.to ?? dataLast)
        guard start <= lastStart else { return empty }
        let end = StatisticsMonth(index: lastStart.index + query.period.months - 1)
        let withTotals = query.includeAllCourts && courts.count > 1

        let order = ScopeOrder(reference: reference)
        let keep = Set(query.by)
        var series: [Scope: [StatisticsMonth: StatisticsTally]] = [:]
        var courtSeries: [Scope: [StatisticsMonth: StatisticsTally]] = [:]
        for (month, entries) in monthly where month <= end {
            for (key, tally) in entries {
                let kind = classes[key.caseType]!
                let scope = Scope(
                    court: keep.contains(.court) ? key.courtCode : nil,
                    category: keep.contains(.category) ? kind.category : nil,
                    stage: keep.contains(.stage) ? kind.stage : nil)
                series[scope, default: [:]][month, default: StatisticsTally()].add(tally)
                if withTotals && scope.court != nil {
                    var total = scope
                    total.court = nil
                    series[total, default: [:]][month, default: StatisticsTally()].add(tally)
                }
                courtSeries[Scope(court: key.courtCode), default: [:]][month, default: StatisticsTally()].add(tally)
                if courts.count > 1 {
                    courtSeries[Scope(), default: [:]][month, default: StatisticsTally()].add(tally)
                }
            }
        }

        func name(_ court: String?) -> String {
            guard let court else { return StatisticsLabels.allCourts }
            return reference.court(code: court)?.name ?? court
        }
        var rows: [StatisticsRow] = []
        for scope in series.keys.sorted(by: order.precedes) {
            let months = series[scope]!
            var pending = months.filter { $0.key < start }.values.reduce(Int64(0)) { $0 + $1.filed - $1.closed }
            var scopeRows: [StatisticsRow] = []
            var anything = pending != 0
            var periodStart = start
            while periodStart <= lastStart {
                let periodEnd = StatisticsMonth(index: periodStart.index + query.period.months - 1)
                var tally = StatisticsTally()
                for index in periodStart.index...periodEnd.index {
                    if let counts = months[StatisticsMonth(index: index)] { tally.add(counts) }
                }
                anything = anything || !tally.isEmpty
                scopeRows.append(tally.row(
                    court: scope.court, courtName: name(scope.court), period: query.period.label(periodStart),
                    first: periodStart, last: periodEnd, category: scope.category, stage: scope.stage,
                    pendingAtStart: pending))
                pending += tally.filed - tally.closed
                periodStart = StatisticsMonth(index: periodEnd.index + 1)
            }
            if anything { rows += scopeRows }
        }

        var summary: [StatisticsRow] = []
        var trends: [StatisticsTrend] = []
        let label = query.period == .month && start == lastStart
            ? query.period.label(start) : "\(start)..\(end)"
        for scope in courtSeries.keys.sorted(by: order.precedes) {
            let months = courtSeries[scope]!
            let pending = months.filter { $0.key < start }.values.reduce(Int64(0)) { $0 + $1.filed - $1.closed }
            var tally = StatisticsTally()
            var trend = StatisticsTrend(court: scope.court, courtName: name(scope.court), months: [], filed: [], closed: [])
            for index in start.index...end.index {
                let month = StatisticsMonth(index: index)
                let counts = months[month] ?? StatisticsTally()
                tally.add(counts)
                trend.months.append(month.description)
                trend.filed.append(counts.filed)
                trend.closed.append(counts.closed)
            }
            summary.append(tally.row(
                court: scope.court, courtName: name(scope.court), period: label, first: start, last: end,
                category: nil, stage: nil, pendingAtStart: pending))
            trends.append(trend)
        }
        return StatisticsReport(
            period: query.period, firstMonth: start.description, lastMonth: end.description, courts: query.courts,
            by: query.by, rows: rows, summary: summary, trends: trends)
    }
}

/// The dimensions of a row; nil where rolled up.
struct Scope: Hashable {
    var court: String?
    var category: String?
    var stage: String?
}

/// Row order: courts in reference-data order (all courts last), then categories and stages in the
/// order `case_types.tsv` first names them (all last).
struct ScopeOrder {
    private var courtRank: [String: Int] = [:]
    private var categoryRank: [String: Int] = [:]
    private var stageRank: [String: Int] = [:]

    init(reference: ReferenceData) {
        for (index, court) in reference.courts.enumerated() { courtRank[court.code] = index }
        for type in reference.caseTypes {
            if categoryRank[type.category] == nil { categoryRank[type.category] = categoryRank.count }
            if stageRank[type.stage] == nil { stageRank[type.stage] = stageRank.count }
        }
    }

    private func rank(_ value: String?, _ ranks: [String: Int]) -> (Int, String) {
        guard let value else { return (Int.max, "") }
        return (ranks[value] ?? Int.max - 1, value)
    }

    func precedes(_ a: Scope, _ b: Scope) -> Bool {
        let left = (rank(a.court, courtRank), rank(a.category, categoryRank), rank(a.stage, stageRank))
        let right = (rank(b.court, courtRank), rank(b.category, categoryRank), rank(b.stage, stageRank))
        if left.0 != right.0 { return left.0 < right.0 }
        if left.1 != right.1 { return left.1 < right.1 }
        return left.2 < right.2
    }
}
