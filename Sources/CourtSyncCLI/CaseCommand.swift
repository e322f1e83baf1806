import ArgumentParser
import CourtSyncModel
import CourtSyncStore

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Enter, change and look up cases.",
        subcommands: [CaseAdd.self, CaseUpdate.self, CaseShow.self, CaseList.self])
}

/// Case columns that can be given as options to `case add` and `case update`.
struct CaseFieldOptions: ParsableArguments {
    @Option(help: "案由, e.g. 民间借贷纠纷.") var cause: String?
    @Option(help: "Filing date YYYY-MM-DD.") var filed: String?
    @Option(help: "Filing channel: portal, mobile, counter or post.") var channel: String?
    @Option(help: "filed, pretrial, trial, decided or archived.") var stage: String?
    @Option(help: "pending, suspended or closed.") var status: String?
    @Option(help: "Presiding judge.") var judge: String?
    @Option(help: "Closing date YYYY-MM-DD (with --status closed).") var closed: String?
    @Option(name: .customLong("closing-method"), help: "judgment, mediation, withdrawal, ruling, …") var closingMethod: String?
    @Option(help: "原审案号: the earlier case this one continues.") var original: String?
    @Option(name: .customLong("appeal-result"), help: "affirmed, reversed, remanded, …") var appealResult: String?
    @Option(name: .customLong("time-limit-days"), help: "Statutory time limit in days.") var timeLimitDays: String?
    @Option(help: "Sealed record: true or false.") var sealed: String?
    @Option(name: .customLong("non-public"), help: "Not public: true or false.") var nonPublic: String?
    @Option(help: "Any other column: --set column=value (repeatable).") var set: [String] = []

    func fields() throws -> FieldSet {
        var fields = FieldSet()
        let named: [(String, String?)] = [
            ("cause", cause), ("filing_date", filed), ("filing_channel", channel), ("stage", stage),
            ("status", status), ("judge", judge), ("closed_date", closed), ("closing_method", closingMethod),
            ("original_case_number", original), ("appeal_result", appealResult),
            ("time_limit_days", timeLimitDays), ("sealed", sealed), ("non_public", nonPublic),
        ]
        for case let (column, value?) in named { fields[column] = .text(value) }
        for assignment in set {
            guard let eq = assignment.firstIndex(of: "=") else {
                throw CLIFailure("--set \(assignment): expected column=value", hint: "e.g. --set juvenile=true")
            }
            let value = String(assignment[assignment.index(after: eq)...])
            fields[String(assignment[..<eq])] = value.isEmpty ? .null : .text(value)
        }
        return fields
    }
}

struct CaseAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Enter a new case.")

    @OptionGroup var node: NodeOptions
    @Argument(help: "The case number, e.g. （2024）粤0304民初1234号 (half-width brackets are accepted).")
    var number: String
    @OptionGroup var options: CaseFieldOptions

    func run() throws {
        try reportingFailures {
            let editor = LocalEditor(store: try node.openStore(), context: try node.context())
            var fields = try options.fields()
            fields["case_number"] = .text(number)
            if fields["stage"] == nil { fields["stage"] = .text(CaseStage.filed.rawValue) }
            if fields["status"] == nil { fields["status"] = .text(CaseStatus.pending.rawValue) }
            let (stored, _) = try editor.insert("cases", fields)
            print("Added case \(stored["case_number"]!.description)")
        }
    }
}

struct CaseUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change fields of a case.")

    @OptionGroup var node: NodeOptions
    @Argument(help: "The case number.") var number: String
    @OptionGroup var options: CaseFieldOptions

    func run() throws {
        try reportingFailures {
            let editor = LocalEditor(store: try node.openStore(), context: try node.context())
            let fields = try options.fields()
            guard !fields.isEmpty else {
                throw CLIFailure("nothing to change", hint: "give at least one option, e.g. --stage trial")
            }
            let changed = try editor.update("cases", key: number, fields)
            print(changed ? "Updated case \(try editor.normaliseKey(number, table: LocalEditor.table("cases")))"
                          : "No change: the case already has these values")
        }
    }
}
