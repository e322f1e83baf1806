import ArgumentParser
import CourtSyncReports
import CourtSyncStore
import Foundation

/// `courtsync stats`: the intermediate court's statistics over the node's data.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Caseload, quality and online-service statistics per court, period, category and stage.",
        discussion: """
            Figures and their definitions are in docs/STATISTICS.md; a figure whose denominator is zero
            shows as 无数据 (— in the table, null in JSON). Examples:
              courtsync stats --period quarter --from 2024-01 --to 2025-06
              courtsync stats --court 粤0304 --court 粤0305 --by court,category,stage --format csv --output stats.csv
              courtsync stats --format html --output stats.html
            """)

    /// Output formats of `stats`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, html
    }

    @OptionGroup var node: NodeOptions
    @Option(help: "Period of each row: month, quarter or year.") var period: String = "month"
    @Option(help: "First month: YYYY-MM, YYYY-Qn or YYYY (default: the first month with data).") var from: String?
    @Option(help: "Last month: YYYY-MM, YYYY-Qn or YYYY (default: the last month with data).") var to: String?
    @Option(help: "Only this court, e.g. 粤0304 (repeatable; default: every court in the data).") var court: [String] = []
    @Option(help: "Dimensions to keep, comma-separated from court, category, stage, or none (default: court).")
    var by: String?
    @Option(help: "table, csv, json or html.") var format: Format = .table
    @Option(help: "Write to this file instead of standard output (csv and html are meant for files).")
    var output: String?

    func run() throws {
        try reportingFailures {
            let query: StatisticsQuery
            do throws(StatisticsQueryError) {
                query = try StatisticsQuery.parse(period: period, from: from, to: to, courts: court, by: by)
            } catch {
                throw CLIFailure("--\(error)", hint: "see `courtsync stats --help`",
                                 exitCode: ExitCode.validationFailure.rawValue)
            }
            let store = try node.openStore()
            let report: StatisticsReport
            do {
                report = try Statistics.compute(store: store, query: query, reference: try node.reference())
            } catch let error as StatisticsQueryError {
                throw CLIFailure("--\(error)", hint: "court codes are those of courts.tsv (bundled, or --reference-dir)",
                                 exitCode: ExitCode.validationFailure.rawValue)
            }
            let data: Data
            switch format {
            case .table: data = Data((report.table() + "\n").utf8)
            case .csv: data = report.csv()
            case .json: data = Data((try report.json() + "\n").utf8)
            case .html: data = Data(report.html().utf8)
            }
            guard try writeReport(data, to: output), let output else { return }
            printError("Wrote \(format.rawValue) statistics (\(report.rows.count) rows) to \(output)")
        }
    }
}
