import ArgumentParser
import CourtSyncModel
import CourtSyncStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV or NDJSON export of a case-management system.",
        discussion: """
            NDJSON: one JSON object per line with a "record" field naming the kind of row (case, party,
            lawyer, law_firm, representation, hearing, mediation, service, file_review_request) and the
            row's columns. CSV: a header line of column names, one table per file (--table).
            All rows are checked first. One invalid row refuses the whole file (every invalid row is
            listed with its line number and nothing is written) unless --skip-invalid is given, which
            writes the valid rows and lists the skipped ones. Rows already present are updated only
            where they differ, so importing the same file twice changes nothing.
            """)

    @OptionGroup var node: NodeOptions
    @Argument(help: "The file to import.") var file: String
    @Option(help: "csv or ndjson (default: from the file name's extension).") var format: String?
    @Option(help: "For CSV: the table the rows belong to (cases, parties, lawyers, …).") var table = "cases"
    @Flag(name: .customLong("skip-invalid"), help: "Write the valid rows and skip (and list) invalid ones.")
    var skipInvalid = false

    func validate() throws {
        if resolvedFormat == nil {
            throw ArgumentParser.ValidationError("--format: cannot tell the format of \(file); give --format csv or ndjson")
        }
        if Catalog.table(named: table) == nil {
            let names = Catalog.tables.map(\.name).joined(separator: ", ")
            throw ArgumentParser.ValidationError("--table: \(table) is not a synced table (\(names))")
        }
    }

    var resolvedFormat: RecordImporter.Format? {
        if let format { return RecordImporter.Format(rawValue: format.lowercased()) }
        switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "csv": return .csv
        case "ndjson", "jsonl": return .ndjson
        default: return nil
        }
    }

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            // A registry import warns on odd licence fields instead of refusing them.
            let importer = RecordImporter(
                store: store, context: try node.context(strictLicences: false), skipInvalid: skipInvalid)
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? nil
            let progress = ProgressDisplay(label: "importing \(file)", totalBytes: size)
            let summary = try importer.run(path: file, format: resolvedFormat!, csvTable: table, progress: progress)
            progress.finish()
            for warning in summary.warnings.prefix(20) { printError("warning: \(warning)") }
            if summary.warnings.count > 20 { printError("warning: … and \(summary.warnings.count - 20) more") }
            for error in summary.errors { printError("invalid: \(error)") }
            if !summary.errors.isEmpty, !skipInvalid {
                throw CLIFailure(
                    "import refused: \(summary.errors.count) invalid rows in \(file); nothing was imported",
                    hint: "correct the rows listed above, or pass --skip-invalid to import the valid rows only",
                    exitCode: CLIFailure.dataError)
            }
            print(summary.line(file: file, seconds: progress.elapsed))
            if !summary.errors.isEmpty { throw ExitCode(CLIFailure.dataError) }
        }
    }
}
