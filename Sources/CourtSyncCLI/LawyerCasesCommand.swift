import ArgumentParser
import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import Foundation

/// `courtsync lawyer-cases`: the cases a lawyer (or a firm's lawyers) act in, for the bar association.
struct LawyerCasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lawyer-cases",
        abstract: "List the cases a lawyer is counsel of record in, with upcoming hearings (table, CSV, JSON, .ics).",
        discussion: """
            Every unsealed case held on this node in which the lawyer has an active representation: case \
            number, court, 案由, side represented, stage, status, next hearing and open file-review \
            requests. Sealed cases and party identities are never shown. --format ics writes the upcoming \
            scheduled hearings as an iCalendar file for a calendar program. See docs/LAWYER-CASES.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, ics
    }

    @OptionGroup var node: NodeOptions
    @Option(
        name: [.customLong("license"), .customLong("licence")],
        help: "The lawyer's 17-digit licence number (律师执业证号), current or earlier.")
    var licence: String?
    @Option(help: "The bar association's lawyer id, e.g. SZL000007.") var lawyer: String?
    @Option(help: "A law firm's id, e.g. SZF0001: the cases of all its lawyers.") var firm: String?
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Hearings from this instant on are upcoming: 2025-06-30T09:00:00+08:00, or a date "
                + "(midnight UTC+8); default now."))
    var asOf: String?
    @Option(help: "table, csv, json or ics.") var format: Format = .table
    @Option(help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        let given = [licence, lawyer, firm].compactMap { $0 }
        guard given.count == 1 else {
            throw ArgumentParser.ValidationError(
                given.isEmpty ? "give one of --license N, --lawyer ID or --firm ID"
                    : "give only one of --license, --lawyer and --firm")
        }
        if let asOf, Self.instant(asOf) == nil {
            throw ArgumentParser.ValidationError(
                "--as-of: \"\(asOf)\" is neither a date (2025-06-30) nor a time with offset "
                    + "(2025-06-30T09:00:00+08:00)")
        }
    }

    /// The selection from the options; a hand-typed licence must be strictly valid.
    func selection() throws -> LawyerCaseSelection {
        if let licence {
            let (number, _) = try LicenceNumber.parse(
                licence, field: "--license", strict: true, currentYear: NodeOptions.currentYear)
            return .licence(number.digits)
        }
        if let firm { return .firm(firm) }
        return .lawyer(lawyer ?? "")
    }

    /// A time with offset, or a date read as midnight in China Standard Time.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(date.daysSince1970 * 86_400 - 8 * 3600))
    }

    func run() throws {
        try reportingFailures {
            let selection = try selection()
            let now = Date()
            let store = try node.openStore()
            let list: LawyerCaseList
            do {
                list = try LawyerCaseList.build(
                    store: store, selection: selection, asOf: asOf.flatMap(Self.instant) ?? now,
                    reference: try node.reference())
            } catch let error as LawyerLookupError {
                throw CLIFailure(
                    error.description,
                    hint: "check the id or number; the registry arrives from the bar association's node by sync",
                    exitCode: CLIFailure.dataError)
            }
            if format != .table, let note = list.previousLicenceNote { printError("Note: \(note)") }
            let data: Data
            switch format {
            case .table: data = Data((list.table() + "\n").utf8)
            case .csv: data = list.csv()
            case .json: data = try list.json() + Data("\n".utf8)
            case .ics: data = Data(list.ics(now: now).utf8)
            }
            guard try writeReport(data, to: output), let output else { return }
            let what = format == .ics
                ? "\(list.upcomingHearings.count) upcoming hearings" : "\(list.cases.count) cases"
            printError("wrote \(what) to \(output)")
        }
    }
}
