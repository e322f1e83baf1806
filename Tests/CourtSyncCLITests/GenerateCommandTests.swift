import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync generate")
struct GenerateCommandTests {
    private func generate(_ arguments: [String], to path: String) throws -> Data {
        let result = try courtsync().run(["generate"] + arguments + ["--out", path])
        try #require(result.succeeded, "\(result)")
        #expect(result.stderr.contains("wrote "), "\(result)")
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test("the same seed gives byte-identical files; another seed differs")
    func reproducible() throws {
        let scratch = TemporaryDirectory("courtsync-cli-generate")
        let court = ["--court", "粤0304", "--cases", "20"]
        let first = try generate(court + ["--seed", "7"], to: scratch.file("a.ndjson"))
        let second = try generate(court + ["--seed", "7"], to: scratch.file("b.ndjson"))
        let other = try generate(court + ["--seed", "8"], to: scratch.file("c.ndjson"))
        #expect(!first.isEmpty)
        #expect(first == second)
        #expect(first != other)

        // Standard output carries the same bytes as --out.
        let toStdout = try run("generate", "--court", "粤0304", "--cases", "20", "--seed", "7")
        #expect(toStdout.succeeded, "\(toStdout)")
        #expect(toStdout.stdoutData == first)

        let registry = ["--registry", "--lawyers", "10", "--firms", "2"]
        let r1 = try generate(registry + ["--seed", "7"], to: scratch.file("r1.ndjson"))
        let r2 = try generate(registry + ["--seed", "7"], to: scratch.file("r2.ndjson"))
        let r3 = try generate(registry + ["--seed", "9"], to: scratch.file("r3.ndjson"))
        #expect(r1 == r2)
        #expect(r1 != r3)
    }

    @Test("every generated line is a JSON object naming its record kind")
    func recordsTagged() throws {
        let result = try run("generate", "--court", "粤0304", "--cases", "10", "--seed", "3")
        try #require(result.succeeded, "\(result)")
        let records = try result.jsonLines()
        #expect(records.filter { $0["record"] as? String == "case" }.count == 10)
        #expect(records.allSatisfy { $0["record"] is String })
    }

    @Test("generate needs exactly one of --court and --registry, and a known court")
    func usage() throws {
        let neither = try run("generate")
        #expect(neither.status == 64, "\(neither)")
        #expect(neither.stderr.contains("--court"), "\(neither)")
        let both = try run("generate", "--court", "粤0304", "--registry")
        #expect(both.status == 64, "\(both)")
        let unknown = try run("generate", "--court", "粤0399")
        #expect(unknown.status == 64, "\(unknown)")
        #expect(unknown.stderr.contains("粤0399"), "\(unknown)")
    }
}
