import CourtSyncModel
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync stats")
struct StatsCommandTests {
    /// A district node with generated cases, written in-process, then read by the real executable.
    func node() throws -> TestNode {
        let node = try TestNode("gd0304", role: .district, court: "粤0304")
        try node.store.populate(seed: 5, cases: 150, lawyers: 20)
        return node
    }

    @Test("json, csv, html and table outputs through the real executable")
    func outputs() throws {
        let node = try node()
        let dataDir = node.directory.path
        let total = try node.store.cases(CaseFilter(limit: 1)).total

        let json = try courtsync().run(["stats", "--data-dir", dataDir, "--period", "year", "--format", "json"])
        #expect(json.succeeded, "\(json)")
        let report = try json.jsonObject()
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.allSatisfy { $0["court"] as? String == "粤0304" })
        #expect(rows.reduce(0) { $0 + ($1["filed"] as? Int ?? 0) } == total)
        let last = try #require(rows.last)
        let pending = try node.store.cases(CaseFilter(status: .pending, limit: 1)).total
            + node.store.cases(CaseFilter(status: .suspended, limit: 1)).total
        #expect(last["pendingAtEnd"] as? Int == pending)

        let csvPath = node.directory.file("stats.csv")
        let csv = try courtsync().run([
            "stats", "--data-dir", dataDir, "--period", "quarter", "--by", "court,category", "--format", "csv",
            "--output", csvPath,
        ])
        #expect(csv.succeeded, "\(csv)")
        #expect(csv.stdout.isEmpty)
        #expect(csv.stderr.contains(csvPath))
        let csvData = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        #expect(Array(csvData.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csvData.dropFirst(3), as: UTF8.self).hasPrefix("法院代字,法院,期间,"))

        let htmlPath = node.directory.file("stats.html")
        let html = try courtsync().run(["stats", "--data-dir", dataDir, "--format", "html", "--output", htmlPath])
        #expect(html.succeeded, "\(html)")
        let page = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(page.contains("<svg") && !page.contains("https://"))

        let table = try courtsync().run([
            "stats", "--data-dir", dataDir, "--period", "year", "--from", "2024", "--to", "2024", "--court", "粤0304",
        ])
        #expect(table.succeeded, "\(table)")
        #expect(table.stdout.contains("结案率") && table.stdout.contains("电子送达率"))
        #expect(table.stdout.contains("粤0304") && table.stdout.contains("2024"))
        #expect(!table.stdout.contains("2023"))
    }

    @Test("bad input gets a one-line error naming the parameter", arguments: [
        (["--period", "week"], "--period"),
        (["--from", "2024/01"], "--from"),
        (["--from", "2025-01", "--to", "2024-12"], "--to"),
        (["--by", "judge"], "--by"),
        (["--court", "福田"], "--court"),
        (["--court", "粤0399"], "--court"),
    ])
    func badInput(arguments: [String], parameter: String) throws {
        let node = try TestNode("gd0304", role: .district, court: "粤0304")
        let result = try courtsync().run(["stats", "--data-dir", node.directory.path] + arguments)
        expectFailure(result, status: 64, mentions: [parameter])
        #expect(result.stderrLines.filter { $0.hasPrefix("Error: ") }.count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("--format accepts only the four formats")
    func badFormat() throws {
        let node = try TestNode("gd0304", role: .district, court: "粤0304")
        let result = try courtsync().run(["stats", "--data-dir", node.directory.path, "--format", "xlsx"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("format"))
    }
}
