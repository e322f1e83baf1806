import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync import")
struct ImportCommandTests {
    /// Lines of standard error reporting an invalid row.
    private func invalidLines(_ result: CommandResult) -> [String] {
        result.stderrLines.filter { $0.hasPrefix("invalid: ") }
    }

    @Test("(a) generated NDJSON imports fully; importing it again adds nothing")
    func generatedRoundTrip() throws {
        let node = try CLINode.district()
        let file = node.file("sample.ndjson")
        let generated = try courtsync().run(
            ["generate", "--court", "粤0304", "--cases", "50", "--seed", "7", "--out", file])
        try #require(generated.succeeded, "\(generated)")
        let records = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count
        let before = try node.changeCount()

        let first = try node.run("import", file)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("imported \(records) of \(records) rows"), "\(first)")
        #expect(first.stdout.contains("cases 50 new"), "\(first)")
        #expect(try node.caseNumbers().count == 50)
        let afterFirst = try node.changeCount()
        #expect(afterFirst == before + records)

        let second = try node.run("import", file)
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("nothing new"), "\(second)")
        #expect(second.stdout.contains("\(records) unchanged"), "\(second)")
        #expect(try node.changeCount() == afterFirst)
        #expect(try node.caseNumbers().count == 50)
    }

    /// A cases CSV (CRLF line ends) whose row 2 spans physical lines 2–3 (a quoted field with a
    /// comma and a line break) and whose row on line 4 has an impossible filing date.
    static let csv = [
        "case_number,filing_date,filing_channel,cause,stage,status,judge",
        "(2024)粤0304民初101号,2024-02-01,portal,\"买卖合同纠纷, 货款\",filed,pending,\"李法官",
        "第二行\"",
        "(2024)粤0304民初102号,2024-02-30,mobile,民间借贷纠纷,filed,pending,王法官",
        "(2024)粤0304民初103号,2024-02-03,counter,\"say \"\"hi\"\"\",filed,pending,赵法官",
        "(2024)粤0304民初104号,2024-02-04,post,民间借贷纠纷,filed,pending,",
    ].joined(separator: "\r\n") + "\r\n"

    @Test("(b) one invalid CSV row refuses the whole file: exit 65, line and field named, nothing written")
    func csvRefusedWhole() throws {
        let node = try CLINode.district()
        let file = try node.write("cases.csv", Self.csv)
        let before = try node.changeCount()

        let result = try node.run("import", "--table", "cases", file)
        expectFailure(result, status: 65, mentions: ["nothing was imported"])
        let invalid = invalidLines(result)
        #expect(invalid.count == 1, "\(result)")
        #expect(invalid.first?.contains("line 4:") == true, "\(result)")
        #expect(invalid.first?.contains("filing_date") == true, "\(result)")
        #expect(invalid.first?.contains("2024-02-30") == true, "\(result)")
        #expect(try node.caseNumbers().isEmpty)
        #expect(try node.changeCount() == before)
    }

    @Test("(c) --skip-invalid imports the good CSV rows, lists the bad one and exits 65")
    func csvSkipInvalid() throws {
        let node = try CLINode.district()
        let file = try node.write("cases.csv", Self.csv)
        let before = try node.changeCount()

        let result = try node.run("import", "--skip-invalid", file)
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.contains("imported 3 of 4 rows"), "\(result)")
        #expect(result.stdout.contains("1 invalid rows skipped"), "\(result)")
        let invalid = invalidLines(result)
        #expect(invalid.count == 1, "\(result)")
        #expect(invalid.first?.contains("line 4:") == true, "\(result)")
        #expect(invalid.first?.contains("filing_date") == true, "\(result)")

        #expect(try node.caseNumbers() == ["（2024）粤0304民初101号", "（2024）粤0304民初103号", "（2024）粤0304民初104号"])
        #expect(try node.changeCount() == before + 3)
        // RFC 4180: a quoted field keeps its comma, its line break and its doubled quotes.
        let spanning = try node.showCase("（2024）粤0304民初101号")
        #expect(spanning["cause"] as? String == "买卖合同纠纷, 货款")
        #expect(spanning["judge"] as? String == "李法官\n第二行")
        #expect(spanning["filing_channel"] as? String == "portal")
        #expect(try node.showCase("（2024）粤0304民初103号")["cause"] as? String == "say \"hi\"")
        #expect(try node.showCase("（2024）粤0304民初104号")["judge"] == nil)
    }

    @Test("(d) NDJSON with an unknown record kind or a malformed line reports the line numbers")
    func ndjsonBadLines() throws {
        let node = try CLINode.district()
        let good = #"{"record":"case","case_number":"(2024)粤0304民初201号","filing_date":"2024-05-01","#
            + #""filing_channel":"mobile","cause":"民间借贷纠纷","stage":"filed","status":"pending"}"#
        let file = try node.write("bad.ndjson", [
            good,
            #"{"record":"judgement","case_number":"(2024)粤0304民初202号"}"#,
            #"{"record":"case", "case_number": "#,
            "",
            #"{"case_number":"(2024)粤0304民初203号"}"#,
            #"["not", "an", "object"]"#,
        ].joined(separator: "\n") + "\n")
        let before = try node.changeCount()

        let result = try node.run("import", file)
        expectFailure(result, status: 65, mentions: ["4 invalid rows"])
        let invalid = invalidLines(result)
        #expect(invalid.count == 4, "\(result)")
        #expect(invalid.contains { $0.contains("line 2:") && $0.contains("unknown record \"judgement\"") }, "\(result)")
        #expect(invalid.contains { $0.contains("line 3:") && $0.contains("not a JSON object") }, "\(result)")
        #expect(invalid.contains { $0.contains("line 5:") && $0.contains("\"record\"") }, "\(result)")
        #expect(invalid.contains { $0.contains("line 6:") }, "\(result)")
        #expect(try node.caseNumbers().isEmpty)
        #expect(try node.changeCount() == before)

        let skipping = try node.run("import", "--skip-invalid", file)
        #expect(skipping.status == 65, "\(skipping)")
        #expect(try node.caseNumbers() == ["（2024）粤0304民初201号"])
    }

    @Test("(e) lawyers and law firms in an import on a court node are refused (authority)")
    func registryRefusedOnCourt() throws {
        let node = try CLINode.district()
        let file = node.file("registry.ndjson")
        let generated = try courtsync().run(
            ["generate", "--registry", "--lawyers", "3", "--firms", "1", "--seed", "7", "--out", file])
        try #require(generated.succeeded, "\(generated)")
        let before = try node.changeCount()

        let result = try node.run("import", file)
        expectFailure(result, status: 65, mentions: ["nothing was imported"])
        let invalid = invalidLines(result)
        #expect(invalid.count == 4, "\(result)")
        #expect(invalid.filter { $0.contains("lawyers:") && $0.contains("owned by the bar association") }.count == 3,
                "\(result)")
        #expect(invalid.contains { $0.contains("line 1:") && $0.contains("law_firms:") }, "\(result)")
        #expect(try node.run("lawyer", "list", "--format", "json").jsonArray().isEmpty)
        #expect(try node.changeCount() == before)

        // The same file imports on the bar node, whose registry it is.
        let bar = try CLINode.bar()
        let onBar = try bar.run("import", file)
        #expect(onBar.status == 0, "\(onBar)")
        #expect(try bar.run("lawyer", "list", "--format", "json").jsonArray().count == 3)
    }

    @Test("another court's cases in an import are refused and refuse the file")
    func otherCourtRefused() throws {
        let node = try CLINode.district()
        let file = try node.write("cases.csv", [
            "case_number,filing_date,filing_channel,stage,status",
            "(2024)粤0304民初301号,2024-02-01,mobile,filed,pending",
            "(2024)粤0305民初302号,2024-02-01,mobile,filed,pending",
        ].joined(separator: "\n") + "\n")
        let result = try node.run("import", file)
        expectFailure(result, status: 65)
        #expect(invalidLines(result).count == 1, "\(result)")
        #expect(invalidLines(result).first?.contains("line 3:") == true, "\(result)")
        #expect(invalidLines(result).first?.contains("粤0305") == true, "\(result)")
        #expect(try node.caseNumbers().isEmpty)
    }

    @Test("a CSV header naming an unknown column refuses the file once, naming line 1 and the column")
    func badHeaderReportedOnce() throws {
        let node = try CLINode.district()
        let file = try node.write("cases.csv", [
            "case_number,filed_on,filing_channel,stage,status",
            "(2024)粤0304民初401号,2024-02-01,mobile,filed,pending",
            "(2024)粤0304民初402号,2024-02-01,mobile,filed,pending",
        ].joined(separator: "\n") + "\n")
        let before = try node.changeCount()
        let result = try node.run("import", file)
        expectFailure(result, status: 65, mentions: ["line 1", "header", "'filed_on'"])
        // The data rows must not be read as further headers (the header is reported once).
        #expect(result.stderr.components(separatedBy: "header: ").count == 2, "\(result)")
        #expect(!result.stderr.contains("header: '(2024)"), "\(result)")
        #expect(try node.caseNumbers().isEmpty)
        #expect(try node.changeCount() == before)
    }
}

@Suite("courtsync import progress")
struct ImportProgressTests {
    @Test(
        "on a terminal a long import redraws a progress line; through a pipe it prints only the summary",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressOnTerminal() throws {
        let node = try CLINode.district()
        let file = node.directory.file("cases.ndjson")
        let generated = try run("generate", "--court", "粤0304", "--cases", "1500", "--seed", "3", "--out", file)
        #expect(generated.succeeded, "\(generated)")
        // script(1) gives the command a pseudo-terminal, as an operator's shell would.
        let command = [try courtsync().executable.path, "import", "--data-dir", node.dataDirectory, file]
            .map { "'\($0)'" }.joined(separator: " ")
        let onTerminal = Process()
        onTerminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        onTerminal.arguments = ["-qec", command, "/dev/null"]
        let pipe = Pipe()
        onTerminal.standardOutput = pipe
        onTerminal.standardInput = FileHandle.nullDevice
        try onTerminal.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        onTerminal.waitUntilExit()
        #expect(onTerminal.terminationStatus == 0, "\(output)")
        #expect(output.contains("\r\u{1B}[Kimporting"), "no progress line on a terminal: \(output.prefix(300))")
        #expect(output.contains("imported"))

        let again = try courtsync().run(["import", "--data-dir", node.dataDirectory, file])
        #expect(again.succeeded, "\(again)")
        #expect(!again.stderr.contains("\r"))
        #expect(again.stdoutLines.count == 1)
        #expect(again.stdout.hasPrefix("imported"))
    }
}
