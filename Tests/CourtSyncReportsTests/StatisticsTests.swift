import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

@Suite("Statistics over a real store")
struct StatisticsTests {
    let fixture: StatisticsFixture

    init() throws {
        fixture = try StatisticsFixture.shared.get()
    }

    func report(_ query: StatisticsQuery) throws -> StatisticsReport {
        try Statistics.compute(store: fixture.store, query: query, reference: .bundled)
    }

    @Test("the fixture makes every figure non-trivial somewhere")
    func fixtureIsRich() throws {
        let all = try report(StatisticsQuery(period: .year, by: []))
        let total = try #require(all.summary.last)
        #expect(total.court == nil)
        #expect(total.appealRate.numerator > 10, "appeals linked: \(total.appealRate)")
        #expect(total.reversedRemandedRate.numerator > 0)
        #expect(total.enforcementRecoveryRate.denominator > 0)
        #expect(total.terminatedCurrentRate.numerator > 0)
        #expect(total.onlineEnforcementFilingRate.denominator > 0)
        #expect(total.onlineMediationSuccessRate.denominator > 0)
        #expect(total.fileReviewMedian.count > 0)
        #expect(total.electronicServiceSuccessRate.denominator > 0)
        #expect(total.withinTimeLimitRate.numerator < total.withinTimeLimitRate.denominator)
    }

    @Test("every figure of every row equals independent SQL", arguments: [
        StatisticsQuery(period: .quarter, by: [.court, .category, .stage]),
        StatisticsQuery(period: .month, by: [.court]),
        StatisticsQuery(period: .year, by: [.category]),
        StatisticsQuery(period: .month, from: StatisticsMonth(year: 2024, month: 5), to: StatisticsMonth(year: 2024, month: 9),
                        courts: ["粤0305", "粤03"], by: [.court, .stage]),
    ])
    func figuresMatchIndependentSQL(query: StatisticsQuery) throws {
        let report = try report(query)
        #expect(!report.rows.isEmpty)
        let independent = try IndependentFigures(try fixture.database())
        var problems: [String] = []
        for row in report.rows + report.summary {
            problems += try independent.mismatches(row, courts: query.courts)
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test("rows over all courts appear only when the court is kept and there are several")
    func allCourtsRows() throws {
        let byCourt = try report(StatisticsQuery(period: .year, by: [.court]))
        let courts = Set(byCourt.rows.map(\.court))
        #expect(courts == Set(StatisticsFixture.districts + ["粤03"]).union([nil]))
        let one = try report(StatisticsQuery(period: .year, courts: ["粤0304"], by: [.court]))
        #expect(Set(one.rows.map(\.court)) == ["粤0304"])
        let none = try report(StatisticsQuery(period: .year, by: []))
        #expect(Set(none.rows.map(\.court)) == [nil])
    }

    @Test("months add up to quarters and quarters to years; 旧存 carries over")
    func rollUpsAddUp() throws {
        let months = try report(StatisticsQuery(period: .month, by: [.court, .category]))
        let quarters = try report(StatisticsQuery(period: .quarter, by: [.court, .category]))
        let years = try report(StatisticsQuery(period: .year, by: [.court, .category]))
        func flows(_ rows: [StatisticsRow]) -> [Int64] {
            let ratios = rows.flatMap { row in
                [row.averageTrialDays, row.withinTimeLimitRate, row.mediationWithdrawalRate, row.appealRate,
                 row.reversedRemandedRate, row.enforcementRecoveryRate, row.terminatedCurrentRate, row.onlineFilingRate,
                 row.onlineEnforcementFilingRate, row.onlineHearingShare, row.electronicServiceRate,
                 row.electronicServiceSuccessRate, row.onlineMediationSuccessRate, row.fileReviewApprovalRate]
            }
            var sums = [rows.reduce(0) { $0 + $1.filed }, rows.reduce(0) { $0 + $1.closed }]
            for index in 0..<14 {
                let column = stride(from: index, to: ratios.count, by: 14).map { ratios[$0] }
                sums.append(column.reduce(0) { $0 + $1.numerator })
                sums.append(column.reduce(0) { $0 + $1.denominator })
            }
            sums.append(rows.reduce(0) { $0 + $1.fileReviewMedian.count })
            return sums
        }
        var checked = 0
        for (coarse, fine) in [(quarters, months), (years, quarters)] {
            for row in coarse.rows {
                let parts = fine.rows.filter {
                    $0.court == row.court && $0.category == row.category && $0.firstMonth >= row.firstMonth
                        && $0.lastMonth <= row.lastMonth
                }
                #expect(!parts.isEmpty)
                #expect(flows(parts) == flows([row]), "\(row.court ?? "all") \(row.period) \(row.category ?? "*")")
                #expect(parts.first?.pendingAtStart == row.pendingAtStart)
                #expect(parts.last?.pendingAtEnd == row.pendingAtEnd)
                checked += 1
            }
        }
        #expect(checked > 20)
        // Consecutive periods: 未结 of one is 旧存 of the next.
        for (previous, next) in zip(quarters.rows, quarters.rows.dropFirst())
        where previous.court == next.court && previous.category == next.category {
            #expect(previous.pendingAtEnd == next.pendingAtStart)
        }
    }

    @Test("the trends hold 新收 and 结案 of every month of the range")
    func trends() throws {
        let months = try report(StatisticsQuery(period: .month, by: [.court]))
        for trend in months.trends {
            let rows = months.rows.filter { $0.court == trend.court }
            #expect(trend.months == rows.map(\.period))
            #expect(trend.filed == rows.map(\.filed))
            #expect(trend.closed == rows.map(\.closed))
        }
        #expect(months.trends.count == StatisticsFixture.districts.count + 2)
        // A quarter report's trends run over whole quarters: the same months, then zeros.
        let quarters = try report(StatisticsQuery(period: .quarter, by: [.court]))
        for (quarterly, monthly) in zip(quarters.trends, months.trends) {
            #expect(Array(quarterly.months.prefix(monthly.months.count)) == monthly.months)
            #expect(Array(quarterly.filed.prefix(monthly.filed.count)) == monthly.filed)
            #expect(quarterly.filed.dropFirst(monthly.filed.count).allSatisfy { $0 == 0 })
        }
    }

    @Test("a court the reference data does not list is refused, naming the parameter")
    func unknownCourt() throws {
        let error = #expect(throws: StatisticsQueryError.self) {
            try Statistics.compute(store: fixture.store, query: StatisticsQuery(courts: ["粤0399"]), reference: .bundled)
        }
        #expect(error?.parameter == "court")
    }
}
