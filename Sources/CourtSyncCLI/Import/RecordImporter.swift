import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import Foundation

/// A refused row of an import file, with the physical line it starts on.
struct ImportRowError: Error, CustomStringConvertible {
    var line: Int
    var message: String

    var description: String { "line \(line): \(message)" }
}

/// What an import did, per table.
struct ImportSummary {
    var inserted: [String: Int] = [:]
    var updated: [String: Int] = [:]
    var unchanged = 0
    var rows = 0
    var errors: [ImportRowError] = []
    var warnings: [ImportRowError] = []

    var written: Int { inserted.values.reduce(0, +) + updated.values.reduce(0, +) }

    func line(file: String, seconds: Double) -> String {
        let perTable = Catalog.tables.compactMap { table -> String? in
            let i = inserted[table.name, default: 0]
            let u = updated[table.name, default: 0]
            guard i + u > 0 else { return nil }
            return "\(table.name) \(i) new" + (u > 0 ? " \(u) changed" : "")
        }
        let skipped = errors.isEmpty ? "" : ", \(errors.count) invalid rows skipped"
        return "imported \(rows - errors.count) of \(rows) rows from \(file) in \(String(format: "%.1f", seconds)) s: "
            + (perTable.isEmpty ? "nothing new" : perTable.joined(separator: ", "))
            + (unchanged > 0 ? ", \(unchanged) unchanged" : "") + skipped
    }
}

/// Imports CSV or NDJSON exports of a case-management system into the node, in one transaction.
///
/// Every row is checked (values, whole-row rules, write authority) before it is written. By
/// default one invalid row refuses the whole file: all invalid rows are reported with their line
/// numbers and nothing is written. With `skipInvalid`, valid rows are written and invalid ones
/// reported and skipped. Rows are upserted, so importing the same file twice changes nothing.
struct RecordImporter {
    enum Format: String, CaseIterable {
        case csv, ndjson
    }

    /// Names a record may carry in an NDJSON `record` field (or table names themselves).
    static let recordTables: [String: String] = [
        "case": "cases", "party": "parties", "lawyer": "lawyers", "law_firm": "law_firms",
        "representation": "representations", "hearing": "hearings", "mediation": "mediations",
        "service": "services", "file_review_request": "file_review_requests", "court": "courts",
    ]

    let store: NodeStore
    let context: ValidationContext
    var skipInvalid = false
    /// Stop collecting after this many invalid rows (the import is refused anyway).
    var maxErrors = 1000

    func run(path: String, format: Format, csvTable: String, progress: ProgressDisplay) throws -> ImportSummary {
        let lines = try LineReader(path: path)
        var summary = ImportSummary()
        let authority = WriteAuthority(writer: store.identity, reference: context.reference)
        do {
            try store.write { writer in
                let rows = RowSource(lines: lines, format: format, csvTable: csvTable)
                while true {
                    let next: (line: Int, table: String, fields: FieldSet)?
                    do {
                        next = try rows.next()
                    } catch let error as ImportRowError {
                        summary.rows += 1
                        summary.errors.append(error)
                        continue
                    }
                    guard let (line, tableName, raw) = next else { break }
                    summary.rows += 1
                    progress.update(rows: summary.rows, bytes: lines.bytesRead)
                    do {
                        let (operation, warnings) = try importRow(
                            writer, authority: authority, table: tableName, raw: raw,
                            write: summary.errors.isEmpty || skipInvalid)
                        summary.warnings += warnings.map { ImportRowError(line: line, message: $0) }
                        switch operation {
                        case .insert?: summary.inserted[tableName, default: 0] += 1
                        case .update?: summary.updated[tableName, default: 0] += 1
                        default: summary.unchanged += 1
                        }
                    } catch {
                        summary.errors.append(ImportRowError(line: line, message: Self.message(error, table: tableName)))
                        if summary.errors.count >= maxErrors, !skipInvalid { break }
                    }
                }
                if !summary.errors.isEmpty, !skipInvalid { throw ImportRefused() }
            }
        } catch is ImportRefused {
            // Rolled back: nothing written.
        }
        return summary
    }

    private struct ImportRefused: Error {}

    /// Checks one row and, when `write` is set, upserts it.
    private func importRow(
        _ writer: ChangeWriter, authority: WriteAuthority, table tableName: String, raw: FieldSet, write: Bool
    ) throws -> (ChangeOperation?, [String]) {
        guard let table = Catalog.table(named: tableName) else {
            throw CLIFailure("unknown record type '\(tableName)'")
        }
        let (fields, warnings) = try table.normalise(raw, partial: false, context: context)
        try table.checkRecord(fields, context: context)
        let key = fields[table.keyColumn]!.textValue!
        let court = WriteAuthority.rowCourt(table: table, key: key, fields: fields)
        if let refusal = authority.refusal(
            table: tableName, rowCourt: court, columns: Array(fields.keys), fields: fields)
        {
            throw CLIFailure(refusal)
        }
        guard write else { return (nil, warnings) }
        return (try writer.upsert(into: tableName, fields), warnings)
    }

    static func message(_ error: any Error, table: String) -> String {
        switch error {
        case let invalid as ValidationError:
            "\(table).\(invalid.description)"
        case let failure as CLIFailure:
            "\(table): \(failure.reason)"
        default:
            "\(table): \(error)"
        }
    }
}

/// Turns lines of a CSV or NDJSON file into (line, table, raw fields).
private final class RowSource {
    let lines: LineReader
    let format: RecordImporter.Format
    let csvTable: String
    var csv: CSVReader?
    var header: [String]?
    let decoder = JSONDecoder()

    init(lines: LineReader, format: RecordImporter.Format, csvTable: String) {
        self.lines = lines
        self.format = format
        self.csvTable = csvTable
        if format == .csv { csv = CSVReader(lines) }
    }

    func next() throws -> (line: Int, table: String, fields: FieldSet)? {
        switch format {
        case .csv: return try nextCSV()
        case .ndjson: return try nextJSON()
        }
    }

    private func nextCSV() throws -> (line: Int, table: String, fields: FieldSet)? {
        guard let csv else { return nil }
        if header == nil {
            guard let (line, names) = try csv.next() else { return nil }
            let trimmed = names.map { $0.trimmingCharacters(in: .whitespaces) }
            let table = Catalog.table(named: csvTable)!
            if let unknown = trimmed.first(where: { table.column($0) == nil }) {
                throw CLIFailure(
                    "line \(line): header: '\(unknown)' is not a column of \(csvTable); nothing was imported",
                    hint: "the header names columns: \(table.columnNames.joined(separator: ", "))",
                    exitCode: CLIFailure.dataError)
            }
            header = trimmed
        }
        guard let (line, values) = try csv.next(), let header else { return nil }
        guard values.count == header.count else {
            throw ImportRowError(line: line, message: "\(values.count) fields where the header has \(header.count)")
        }
        var fields = FieldSet()
        for (name, value) in zip(header, values) { fields[name] = value.isEmpty ? .null : .text(value) }
        return (line, csvTable, fields)
    }

    private func nextJSON() throws -> (line: Int, table: String, fields: FieldSet)? {
        while let text = try lines.next() {
            if text.allSatisfy(\.isWhitespace) { continue }
            let line = lines.lineNumber
            var fields: FieldSet
            do {
                fields = try decoder.decode(FieldSet.self, from: Data(text.utf8))
            } catch {
                throw ImportRowError(line: line, message: "not a JSON object of plain values")
            }
            guard case .text(let record)? = fields.removeValue(forKey: "record") else {
                throw ImportRowError(line: line, message: "no \"record\" field naming the kind of row (e.g. \"case\")")
            }
            guard let table = RecordImporter.recordTables[record] ?? Catalog.table(named: record)?.name else {
                let kinds = RecordImporter.recordTables.keys.sorted().joined(separator: ", ")
                throw ImportRowError(line: line, message: "unknown record \"\(record)\" (one of: \(kinds))")
            }
            return (line, table, fields)
        }
        return nil
    }
}
