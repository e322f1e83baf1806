import CourtSyncModel
import CourtSyncSampleData
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

/// An intermediate node holding the generated registry and the cases of 粤0304 and 粤0305, written
/// in-process, for the `courtsync lawyer-cases` executable to read.
private final class LawyerCasesNode: Sendable {
    static let shared = Result { try LawyerCasesNode() }

    let directory = TemporaryDirectory("courtsync-cli-lawyer-cases")
    var dataDirectory: String { directory.file("node") }
    /// A lawyer with cases and upcoming hearings as of ``asOf``.
    let lawyerID: String
    let licence: String
    let name: String
    let firmID: String
    static let asOf = "2025-07-01T00:00:00+08:00"

    init() throws {
        try FileManager.default.createDirectory(atPath: directory.file("node"), withIntermediateDirectories: true)
        let store = try NodeStore.create(
            at: directory.file("node/\(NodeStore.databaseFileName)"),
            identity: NodeIdentity(nodeID: "gd03", role: .intermediate, courtCode: "粤03"))
        let generator = SampleGenerator(seed: 5)
        try store.write { writer in
            let emit: (SampleRecord) throws -> Void = { try writer.insert(into: $0.table, $0.fieldSet) }
            try generator.registry(lawyers: 30, firms: 4, emit: emit)
            try generator.court(code: "粤0304", cases: 250, registryLawyers: 30, emit: emit)
            try generator.court(code: "粤0305", cases: 250, registryLawyers: 30, emit: emit)
        }
        let asOf = try #require(ISO8601DateFormatter().date(from: Self.asOf))
        var best: (Lawyer, Int)?
        for index in 1...30 {
            guard let lawyer = try store.fetch(Lawyer.self, key: SampleGenerator.lawyerID(index)), lawyer.firmID != nil
            else { continue }
            let hearings = try store.lawyerCases(for: .lawyer(lawyer.id), asOf: asOf).cases
                .reduce(0) { $0 + $1.upcomingHearings.count }
            if hearings > (best?.1 ?? 0) { best = (lawyer, hearings) }
        }
        let lawyer = try #require(best?.0, "no lawyer with upcoming hearings in the sample")
        lawyerID = lawyer.id
        licence = lawyer.licenceNumber
        name = lawyer.name
        firmID = lawyer.firmID!
    }

    func run(_ arguments: String...) throws -> CommandResult {
        try courtsync().run(arguments, environment: ["COURTSYNC_DATA_DIR": dataDirectory], in: directory.url)
    }

    /// `lawyer-cases <selector> --as-of <asOf> --format json`.
    func json(_ selector: String...) throws -> CommandResult {
        try courtsync().run(
            ["lawyer-cases"] + selector + ["--as-of", Self.asOf, "--format", "json"],
            environment: ["COURTSYNC_DATA_DIR": dataDirectory], in: directory.url)
    }

    func caseKeys(_ result: CommandResult) throws -> Set<String> {
        let cases = try #require(try result.jsonObject()["cases"] as? [[String: Any]])
        return Set(cases.map { "\($0["lawyer_id"] as? String ?? "") \($0["case_number"] as? String ?? "")" })
    }
}

@Suite("courtsync lawyer-cases")
struct LawyerCasesCommandTests {
    private let node: LawyerCasesNode

    init() throws { node = try LawyerCasesNode.shared.get() }

    @Test("--lawyer and --license give the same cases; the table names the lawyer and counts hearings")
    func lawyerAndLicence() throws {
        let byID = try node.json("--lawyer", node.lawyerID)
        #expect(byID.succeeded, "\(byID)")
        let keys = try node.caseKeys(byID)
        #expect(!keys.isEmpty)
        #expect(try byID.jsonObject()["as_of"] as? String == LawyerCasesNode.asOf)

        let byLicence = try node.json("--license", node.licence)
        #expect(byLicence.succeeded, "\(byLicence)")
        #expect(try node.caseKeys(byLicence) == keys)

        let table = try node.run("lawyer-cases", "--lawyer", node.lawyerID, "--as-of", "2025-07-01")
        #expect(table.succeeded, "\(table)")
        #expect(table.stdoutLines.first?.contains(node.name) == true, "\(table)")
        #expect(table.stdoutLines.first?.contains(node.licence) == true, "\(table)")
        #expect(table.stdout.contains("案号"))
        #expect(table.stdoutLines.last?.contains("upcoming hearing") == true, "\(table)")
    }

    @Test("--firm lists the cases of every lawyer of the firm")
    func firm() throws {
        let result = try node.json("--firm", node.firmID)
        #expect(result.succeeded, "\(result)")
        let object = try result.jsonObject()
        #expect((object["firm"] as? [String: Any])?["id"] as? String == node.firmID)
        let own = try node.json("--lawyer", node.lawyerID)
        #expect(try node.caseKeys(own).isSubset(of: try node.caseKeys(result)))
        let csv = try node.run("lawyer-cases", "--firm", node.firmID, "--format", "csv")
        #expect(csv.succeeded, "\(csv)")
        #expect(Array(csv.stdoutData.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test("two selectors, or none, is a usage error")
    func selectorUsage() throws {
        let two = try node.run("lawyer-cases", "--lawyer", node.lawyerID, "--firm", node.firmID)
        #expect(two.status == 64, "\(two)")
        #expect(two.stderr.contains("only one of --license, --lawyer and --firm"), "\(two)")
        let none = try node.run("lawyer-cases")
        #expect(none.status == 64, "\(none)")
        #expect(none.stderr.contains("--license"), "\(none)")
        let badDate = try node.run("lawyer-cases", "--lawyer", node.lawyerID, "--as-of", "tomorrow")
        #expect(badDate.status == 64, "\(badDate)")
    }

    @Test("an unknown or invalid licence, lawyer or firm is a clear error")
    func unknown() throws {
        expectFailure(try node.run("lawyer-cases", "--license", "14403201011999999"), status: 65,
                      mentions: ["14403201011999999"])
        expectFailure(try node.run("lawyer-cases", "--license", "440304198001010012"), status: 65,
                      mentions: ["18 characters", "resident ID number"])
        expectFailure(try node.run("lawyer-cases", "--lawyer", "SZL999999"), status: 65, mentions: ["SZL999999"])
        expectFailure(try node.run("lawyer-cases", "--firm", "SZF9999"), status: 65, mentions: ["SZF9999"])
    }

    @Test("--format ics --output writes an iCalendar file with one event per upcoming hearing")
    func icsFile() throws {
        let path = node.directory.file("hearings-\(UUID().uuidString.prefix(6)).ics")
        let result = try node.run(
            "lawyer-cases", "--lawyer", node.lawyerID, "--as-of", LawyerCasesNode.asOf, "--format", "ics",
            "--output", path)
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("wrote"), "\(result)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let json = try node.json("--lawyer", node.lawyerID)
        let count = try #require(try json.jsonObject()["upcoming_hearing_count"] as? Int)
        #expect(count > 0)
        #expect(text.components(separatedBy: "BEGIN:VEVENT\r\n").count - 1 == count)
    }
}
