import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import Foundation
import GRDB

/// `Statistics.compute` over the 粤03 database for month, quarter and year, by court and by
/// court × category × stage, against a bare aggregate scan of `cases` in the same rounds.
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
    var rowsOfReport: [String: Int] = [:]
    let baselineName = "baseline scan"
    var times: [String: [Double]] = [:]
    resetPeakMemory()
    print("\n\(cases) cases, \(rounds) rounds (each round: the baseline and every variant once, order reversed every other round)")
    for round in 0..<rounds {
        let order = [baselineName] + variants.map(\.name)
        for name in round % 2 == 0 ? order : order.reversed() {
            if name == baselineName {
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
    print(String(format: "\npeak resident memory during the timed rounds: %.1f MiB", peakMemoryMiB()))
}
