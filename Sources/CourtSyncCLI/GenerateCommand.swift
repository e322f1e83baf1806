import ArgumentParser
import CourtSyncModel
import CourtSyncSampleData
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write seeded, reproducible sample data as NDJSON for `courtsync import`.",
        discussion: """
            A court's cases with their parties, counsel, hearings, mediations, services and file-review
            requests (--court), or the bar association's lawyer and law-firm registry (--registry).
            The same seed and sizes give the same file on every machine; every court's counsel are
            lawyers of the registry generated with the same seed and --lawyers.
            """)

    @Option(help: "Court code whose cases to generate, e.g. 粤0304.") var court: String?
    @Flag(help: "Generate the bar association's registry instead.") var registry = false
    @Option(help: "Number of cases.") var cases = 1000
    @Option(help: "Registry size: number of lawyers.") var lawyers = 500
    @Option(help: "Registry size: number of law firms.") var firms = 60
    @Option(help: "Random seed.") var seed: UInt64 = 2020
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func validate() throws {
        if registry == (court != nil) {
            throw ArgumentParser.ValidationError("give either --court CODE or --registry")
        }
        guard cases >= 0, lawyers >= 0, firms >= 1 else {
            throw ArgumentParser.ValidationError("sizes must not be negative (and at least one firm)")
        }
        if let court, ReferenceData.bundled.court(code: court).map({ [.basic, .intermediate].contains($0.level) }) != true {
            throw ArgumentParser.ValidationError("--court: \(court) is not a basic or intermediate court in courts.tsv")
        }
    }

    func run() throws {
        try reportingFailures {
            let sink = try NDJSONSink(path: out)
            let generator = SampleGenerator(seed: seed)
            var count = 0
            let progress = ProgressDisplay(label: "generating", enabled: out != nil && isatty(STDERR_FILENO) == 1)
            let emit: (SampleRecord) throws -> Void = { record in
                try sink.write(record)
                count += 1
                progress.update(rows: count)
            }
            if let court {
                try generator.court(code: court, cases: cases, registryLawyers: lawyers, emit: emit)
            } else {
                try generator.registry(lawyers: lawyers, firms: firms, emit: emit)
            }
            try sink.close()
            progress.finish()
            if let out { printError("wrote \(count) records to \(out)") }
        }
    }
}

/// Writes sample records as NDJSON lines tagged with their kind, buffered.
final class NDJSONSink {
    private let handle: FileHandle
    private let closeAtEnd: Bool
    private var buffer = Data()
    private let encoder: JSONEncoder

    init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CLIFailure("cannot create \(path)", hint: "check the directory exists and is writable")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            closeAtEnd = true
        } else {
            handle = .standardOutput
            closeAtEnd = false
        }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func write(_ record: SampleRecord) throws {
        switch record {
        case .lawFirm(let row): try append("law_firm", row)
        case .lawyer(let row): try append("lawyer", row)
        case .courtCase(let row): try append("case", row)
        case .party(let row): try append("party", row)
        case .representation(let row): try append("representation", row)
        case .hearing(let row): try append("hearing", row)
        case .mediation(let row): try append("mediation", row)
        case .service(let row): try append("service", row)
        case .fileReview(let row): try append("file_review_request", row)
        }
        if buffer.count > 1 << 16 { flush() }
    }

    private func append<R: Encodable>(_ kind: String, _ row: R) throws {
        buffer.append(try encoder.encode(Tagged(record: kind, row: row)))
        buffer.append(0x0A)
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        if closeAtEnd { try handle.close() }
    }
}

/// A row encoded with an extra `record` field naming its kind.
private struct Tagged<Row: Encodable>: Encodable {
    let record: String
    let row: Row

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        try row.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(record, forKey: Key(stringValue: "record"))
    }
}
