import ArgumentParser
import CourtSyncModel
import CourtSyncReports
import CourtSyncStore

struct CaseShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case and what is under it.")

    @OptionGroup var node: NodeOptions
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Argument(help: "The case number.") var number: String

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            let key = try LocalEditor(store: store, context: try node.context())
                .normaliseKey(number, table: LocalEditor.table("cases"))
            guard let detail = try store.caseDetail(key) else {
                throw CLIFailure("case \(key) is not on this node", hint: "list cases with `courtsync case list`")
            }
            print(format == .json ? try CaseListing.json(detail.courtCase) : CaseListing.detail(detail))
        }
    }
}

struct CaseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases, newest first.")

    @OptionGroup var node: NodeOptions
    @Option(help: "Only this court's cases.") var court: String?
    @Option(help: "Only this case type, e.g. 民初.") var type: String?
    @Option(help: "pending, suspended or closed.") var status: CaseStatus?
    @Option(help: "Only cases filed in this year.") var year: Int?
    @Option(help: "How many to show.") var limit = 20
    @Option(help: "How many to skip.") var offset = 0
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            let filter = CaseFilter(
                courtCode: court, caseType: type, status: status, year: year, limit: limit, offset: offset)
            let (cases, total) = try store.cases(filter)
            if format == .json {
                print(try CaseListing.json(cases))
                return
            }
            print(CaseListing.table(cases).render())
            print("\(cases.count) of \(total) cases" + (total > cases.count ? " (use --limit/--offset for more)" : ""))
        }
    }
}

extension CaseStatus: ExpressibleByArgument {}
