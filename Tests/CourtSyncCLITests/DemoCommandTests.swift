import CourtSyncModel
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

/// `courtsync demo` end to end with small data: the numbers it prints are checked against the
/// five databases it leaves behind.
@Suite("courtsync demo")
struct DemoCommandTests {
    static func number(_ text: Substring) -> Int? { Int(text.replacingOccurrences(of: ",", with: "")) }

    /// The first match of `pattern` in `text`, as its capture groups.
    static func capture(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
    }

    @Test("builds a five-node federation, syncs, resolves a conflict, prints statistics and a case list that match the databases, and stops cleanly")
    func demoFlow() throws {
        let directory = TemporaryDirectory("courtsync-demo-test")
        let root = directory.file("federation")
        let result = try run("demo", "--dir", root, "--cases", "150", "--lawyers", "60", "--seed", "7")
        try #require(result.succeeded, "\(result)")
        let out = result.stdout
        #expect(out.contains("all five servers stopped"), "\(out)")
        func store(_ id: String) throws -> NodeStore { try NodeStore.open(at: "\(root)/\(id)/\(NodeStore.databaseFileName)") }
        let gd03 = try store("gd03")
        let bar = try store("szbar")

        // The nightly round: what reached the intermediate court and the bar.
        let held = try #require(Self.capture(#"gd03 now holds ([\d,]+) cases of its districts, minimised: ([\d,]+) parties"#, in: out))
        #expect(Self.number(held[0][...]) == (try gd03.count("cases", where: "court_code <> '粤03'")))
        #expect(Self.number(held[0][...]) == 450)
        #expect(held[1] == "0")
        // Checked here too: personal columns of parties at gd03 only for district cases on appeal there.
        let exposed = try gd03.count(
            "parties",
            where: """
                (id_number IS NOT NULL OR address IS NOT NULL OR phone IS NOT NULL) AND case_number IN
                (SELECT case_number FROM cases WHERE court_code IN ('粤0304', '粤0305', '粤0306') AND appeal_result IS NULL)
                """)
        #expect(exposed == 0)
        #expect(try gd03.count("parties", where: "id_number IS NOT NULL") > 0, "cases on appeal carry their parties")
        let atBar = try #require(Self.capture(#"szbar now holds ([\d,]+) cases .*, ([\d,]+) party rows, ([\d,]+) sealed cases"#, in: out))
        #expect(Self.number(atBar[0][...]) == (try bar.count("cases")))
        #expect(try bar.count("cases") > 0)
        #expect(atBar[1] == "0" && atBar[2] == "0")
        #expect(try bar.count("parties") == 0 && bar.count("cases", where: "sealed = 1") == 0)

        // The conflict: the value every node ended with, and the record at gd0304 and szbar.
        let lawyer = try #require(Self.capture(#"\((SZL\d{6})\) confirmed at the court"#, in: out))[0]
        let kept = try #require(Self.capture(#"gd0304  now has (\S+)"#, in: out))[0]
        for id in ["gd0304", "szbar", "gd03"] {
            #expect(try store(id).fetch(Lawyer.self, key: lawyer)?.eServiceAddress == kept, "\(id)")
            #expect(out.contains("\(id.padding(toLength: 7, withPad: " ", startingAt: 0)) now has \(kept)"))
        }
        #expect(kept.hasSuffix("@szlawyer.example"), "the bar's later write wins under newer-write")
        for id in ["gd0304", "szbar"] {
            let line = try #require(Self.capture(#"\#(id)\s+recorded conflict #(\d+): field (\S+), rule "([^"]+)""#, in: out))
            let recorded = try store(id).conflicts(ConflictFilter(table: "lawyers", limit: 10))
            let conflict = try #require(recorded.first { String($0.id) == line[0] }, "conflict #\(line[0]) not in \(id)")
            #expect(conflict.key == lawyer && conflict.field == line[1] && conflict.rule == line[2])
        }

        // Statistics: 新收 and 结案 per district and year against the intermediate court's database.
        let rows = out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        var checked = 0
        for cells in rows where cells.count >= 6 && ["粤0304", "粤0305", "粤0306"].contains(String(cells[0])) {
            guard let year = Int(cells[1]), cells[2].allSatisfy(\.isNumber), cells[5].allSatisfy(\.isNumber) else { continue }
            let court = String(cells[0])
            let filed = try gd03.count("cases", where: "court_code = '\(court)' AND substr(filing_date, 1, 4) = '\(year)'")
            let closed = try gd03.count("cases", where: "court_code = '\(court)' AND substr(closed_date, 1, 4) = '\(year)'")
            let pendingBefore = try gd03.count(
                "cases", where: "court_code = '\(court)' AND filing_date < '\(year)-01-01' AND (closed_date IS NULL OR closed_date >= '\(year)-01-01')")
            #expect(Self.number(cells[2]) == pendingBefore, "旧存 \(court) \(year)")
            #expect(Self.number(cells[3]) == filed, "新收 \(court) \(year)")
            #expect(Self.number(cells[4]) == closed, "结案 \(court) \(year)")
            checked += 1
        }
        #expect(checked == 6, "statistics rows checked: \(checked)\n\(out)")
        let html = try String(contentsOfFile: "\(root)/statistics.html", encoding: .utf8)
        #expect(html.contains("<svg") && !html.contains("http://") && !html.contains("https://"))

        // The lawyer's case list at the bar and the calendar file.
        let total = try #require(Self.capture(#"(\d+) cases in all across the courts; the (\d+) still open"#, in: out))
        let represented = try bar.count(
            "cases",
            where: "sealed = 0 AND case_number IN (SELECT case_number FROM representations WHERE lawyer_id = '\(lawyer)' AND status = 'active')")
        #expect(Int(total[0]) == represented)
        let open = try bar.count(
            "cases",
            where: "sealed = 0 AND status <> 'closed' AND case_number IN (SELECT case_number FROM representations WHERE lawyer_id = '\(lawyer)' AND status = 'active')")
        #expect(Int(total[1]) == open)
        let events = try #require(Self.capture(#"calendar of (\d+) upcoming hearings, for any calendar program: (\S+\.ics)"#, in: out))
        let ics = try String(contentsOfFile: events[1], encoding: .utf8)
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == Int(events[0]))
        #expect((Int(events[0]) ?? 0) > 0, "the demo picked a lawyer with no upcoming hearing")
        let upcoming = try bar.upcomingHearingCounts(after: "2000-01-01T00:00:00+08:00")[lawyer] ?? 0
        #expect((Int(events[0]) ?? 0) <= upcoming)
        #expect(events[1] == "\(root)/\(lawyer).ics")
    }

    @Test("refuses a directory that is not empty, naming it, and writes nothing there")
    func refusesUsedDirectory() throws {
        let directory = TemporaryDirectory("courtsync-demo-test")
        try Data("keep".utf8).write(to: directory.url.appendingPathComponent("notes.txt"))
        let result = try run("demo", "--dir", directory.path, "--cases", "20")
        #expect(!result.succeeded)
        #expect(result.stderr.contains("\(directory.path) exists and is not empty"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["notes.txt"])
    }
}
