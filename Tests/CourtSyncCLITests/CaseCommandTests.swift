import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync case")
struct CaseCommandTests {
    @Test("case add stores the canonical full-width number for a half-width one")
    func addNormalisesNumber() throws {
        let node = try CLINode.district()
        let added = try node.run(
            "case", "add", "(2024)粤0304民初1234号", "--filed", "2024-03-02", "--channel", "mobile",
            "--cause", "民间借贷纠纷", "--judge", "王法官")
        #expect(added.succeeded, "\(added)")
        #expect(added.stdout.contains("Added case （2024）粤0304民初1234号"), "\(added)")

        // Shown by the half-width form, the mixed form and the canonical form alike.
        for spelling in ["(2024)粤0304民初1234号", "(2024）粤0304民初1234号", "（2024）粤0304民初1234号"] {
            let shown = try node.showCase(spelling)
            #expect(shown["case_number"] as? String == "（2024）粤0304民初1234号")
        }
        let shown = try node.showCase("(2024)粤0304民初1234号")
        #expect(shown["court_code"] as? String == "粤0304")
        #expect(shown["case_type"] as? String == "民初")
        #expect(shown["filing_date"] as? String == "2024-03-02")
        #expect(shown["filing_channel"] as? String == "mobile")
        #expect(shown["stage"] as? String == "filed")
        #expect(shown["status"] as? String == "pending")
        #expect(shown["judge"] as? String == "王法官")

        let listed = try node.run("case", "list", "--format", "json").jsonArray()
        #expect(listed.count == 1)
        #expect(listed.first?["case_number"] as? String == "（2024）粤0304民初1234号")
    }

    @Test("a 之N suffix names the same case; special prefixes and 原审案号 are kept canonical")
    func suffixSpecialAndOriginal() throws {
        let node = try CLINode.district()
        let added = try node.addCase("(2024)粤0304民初1号之一")
        #expect(added.stdout.contains("Added case （2024）粤0304民初1号"), "\(added)")
        #expect(try node.caseNumbers() == ["（2024）粤0304民初1号"])
        #expect(try node.showCase("（2024）粤0304民初1号之二")["case_number"] as? String == "（2024）粤0304民初1号")

        try node.addCase("(2024)粤0304知民初3号")
        #expect(try node.showCase("(2024)粤0304知民初3号")["case_type"] as? String == "知民初")

        try node.addCase("(2024)粤0304民初2号", extra: ["--original", "(2023)粤0304民初9号"])
        #expect(try node.showCase("(2024)粤0304民初2号")["original_case_number"] as? String == "（2023）粤0304民初9号")
        let before = try node.changeCount()
        let badOriginal = try node.run(
            "case", "add", "(2024)粤0304民初3号", "--filed", "2024-03-02", "--channel", "mobile", "--cause", "x",
            "--original", "(2023)粤0304民初09号")
        expectFailure(badOriginal, status: 65, mentions: ["original_case_number"])
        #expect(try node.changeCount() == before)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let label: String
        let number: String
        var options: [String] = []
        let status: Int32
        let mentions: [String]
        var testDescription: String { label }
    }

    static let badCases: [BadCase] = [
        BadCase(label: "document-number brackets 〔〕", number: "〔2024〕粤0304民初5号", status: 65,
                mentions: ["case_number", "〔〕"]),
        BadCase(label: "serial with a leading zero", number: "(2024)粤0304民初05号", status: 65,
                mentions: ["case_number", "must not start with 0"]),
        BadCase(label: "unknown type code", number: "(2024)粤0304民甲5号", status: 65,
                mentions: ["case_number", "unknown case type code 民甲"]),
        BadCase(label: "year before 2016", number: "(2015)粤0304民初5号", status: 65,
                mentions: ["case_number", "year 2015"]),
        BadCase(label: "year after the current year", number: "(2099)粤0304民初5号", status: 65,
                mentions: ["case_number", "year 2099"]),
        BadCase(label: "range of serials", number: "(2024)粤0304民初5-6号", status: 65,
                mentions: ["case_number", "range"]),
        BadCase(label: "another court's case (authority)", number: "(2024)粤0305民初5号", status: 1,
                mentions: ["not allowed on this node", "粤0305", "粤0304"]),
        BadCase(label: "impossible filing date", number: "(2024)粤0304民初5号", options: ["--filed", "2024-02-30"],
                status: 65, mentions: ["filing_date", "2024-02-30"]),
        BadCase(label: "filing year differs from the number's", number: "(2024)粤0304民初5号",
                options: ["--filed", "2023-12-30"], status: 65, mentions: ["filing_date"]),
        BadCase(label: "unknown channel", number: "(2024)粤0304民初5号", options: ["--channel", "fax"],
                status: 65, mentions: ["filing_channel", "fax"]),
        BadCase(label: "closed without a closing date", number: "(2024)粤0304民初5号",
                options: ["--status", "closed"], status: 65, mentions: ["closed_date"]),
        BadCase(label: "unknown column", number: "(2024)粤0304民初5号", options: ["--set", "colour=red"],
                status: 65, mentions: ["colour"]),
    ]

    @Test("an invalid case is refused, naming the field, and nothing is written", arguments: badCases)
    func addRefusesInvalid(_ bad: BadCase) throws {
        let node = try CLINode.district()
        try node.addCase("(2024)粤0304民初1号")
        let changesBefore = try node.changeCount()
        let casesBefore = try node.caseNumbers()

        var options = ["--filed", "2024-03-02", "--channel", "mobile", "--cause", "民间借贷纠纷"]
        // Later options win in the parser, so a case's own option replaces the default above.
        options += bad.options
        let result = try node.run(["case", "add", bad.number] + options)
        expectFailure(result, status: bad.status, mentions: bad.mentions)
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(try node.changeCount() == changesBefore)
        #expect(try node.caseNumbers() == casesBefore)
    }

    @Test("adding a case twice is refused")
    func addTwiceRefused() throws {
        let node = try CLINode.district()
        try node.addCase("(2024)粤0304民初1号")
        let before = try node.changeCount()
        let again = try node.run(
            "case", "add", "（2024）粤0304民初1号", "--filed", "2024-03-02", "--channel", "mobile", "--cause", "x")
        expectFailure(again, status: 65, mentions: ["already exists"])
        #expect(try node.changeCount() == before)
    }

    @Test("case update changes only the given fields and records one change with just them")
    func updateRecordsOnlyGivenFields() throws {
        let node = try CLINode.district()
        try node.addCase("(2024)粤0304民初7号", extra: ["--judge", "王法官"])
        let before = try node.changes()

        let updated = try node.run("case", "update", "(2024)粤0304民初7号", "--stage", "trial", "--judge", "李法官")
        #expect(updated.succeeded, "\(updated)")
        #expect(updated.stdout.contains("Updated case （2024）粤0304民初7号"), "\(updated)")

        let after = try node.changes()
        try #require(after.count == before.count + 1)
        let last = try #require(after.last)
        #expect(change(last)["op"] as? String == "update")
        #expect(change(last)["table"] as? String == "cases")
        #expect(change(last)["key"] as? String == "（2024）粤0304民初7号")
        #expect(changedFields(last) == ["stage", "judge"])
        let fields = change(last)["fields"] as? [String: Any] ?? [:]
        #expect(fields["stage"] as? String == "trial")
        #expect(fields["judge"] as? String == "李法官")

        let shown = try node.showCase("（2024）粤0304民初7号")
        #expect(shown["stage"] as? String == "trial")
        #expect(shown["judge"] as? String == "李法官")
        #expect(shown["cause"] as? String == "民间借贷纠纷")
        #expect(shown["filing_date"] as? String == "2024-03-02")
        #expect(shown["status"] as? String == "pending")

        // The same values again change nothing and record nothing.
        let same = try node.run("case", "update", "(2024)粤0304民初7号", "--stage", "trial")
        #expect(same.succeeded, "\(same)")
        #expect(same.stdout.contains("No change"), "\(same)")
        #expect(try node.changeCount() == after.count)
    }

    @Test("closing a case needs --closed (and a closing method); with them it closes")
    func closingNeedsDate() throws {
        let node = try CLINode.district()
        try node.addCase("(2024)粤0304民初8号")
        let before = try node.changeCount()

        let refused = try node.run("case", "update", "(2024)粤0304民初8号", "--status", "closed")
        expectFailure(refused, status: 65, mentions: ["closed_date"])
        #expect(try node.changeCount() == before)
        #expect(try node.showCase("(2024)粤0304民初8号")["status"] as? String == "pending")

        let early = try node.run(
            "case", "update", "(2024)粤0304民初8号", "--status", "closed", "--closed", "2024-01-01",
            "--closing-method", "judgment")
        expectFailure(early, status: 65, mentions: ["closed_date"])
        #expect(try node.changeCount() == before)

        let closed = try node.run(
            "case", "update", "(2024)粤0304民初8号", "--status", "closed", "--closed", "2024-06-30",
            "--closing-method", "judgment", "--stage", "decided")
        #expect(closed.succeeded, "\(closed)")
        let shown = try node.showCase("(2024)粤0304民初8号")
        #expect(shown["status"] as? String == "closed")
        #expect(shown["closed_date"] as? String == "2024-06-30")
        #expect(try node.changeCount() == before + 1)
    }

    @Test("case show and case update of a case that is not there fail with a hint")
    func missingCase() throws {
        let node = try CLINode.district()
        try node.addCase("(2024)粤0304民初1号")
        let shown = try node.run("case", "show", "(2024)粤0304民初9999号")
        expectFailure(shown, status: 1, mentions: ["（2024）粤0304民初9999号", "not on this node", "case list"])
        #expect(shown.stdout.isEmpty, "\(shown)")

        let before = try node.changeCount()
        let updated = try node.run("case", "update", "(2024)粤0304民初9999号", "--stage", "trial")
        expectFailure(updated, mentions: ["（2024）粤0304民初9999号"])
        #expect(try node.changeCount() == before)
    }

    @Test("a command on a directory without a node fails with a hint")
    func noNode() throws {
        let scratch = TemporaryDirectory("courtsync-cli-empty")
        let result = try courtsync().run(["case", "list", "--data-dir", scratch.file("none")])
        expectFailure(result, status: 1, mentions: ["no courtsync node", "--data-dir"])
        #expect(!FileManager.default.fileExists(atPath: scratch.file("none")))
    }
}
