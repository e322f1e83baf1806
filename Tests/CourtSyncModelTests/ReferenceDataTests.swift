import Foundation
import Testing

@testable import CourtSyncModel

@Suite("Reference data")
struct ReferenceDataTests {
    @Test func bundledCourts() throws {
        let reference = ReferenceData.bundled
        #expect(reference.courts.count == 12)
        let futian = try #require(reference.court(code: "粤0304"))
        #expect(futian.name == "深圳市福田区人民法院")
        #expect(futian.level == .basic)
        #expect(futian.parent == "粤03")
        #expect(futian.nodeID == "gd0304")
        #expect(futian.confidence == "confirmed")
        #expect(reference.court(nodeID: "gd03")?.code == "粤03")
        #expect(reference.court(nodeID: "gd03")?.level == .intermediate)
        #expect(reference.court(code: "粤")?.level == .high)
        #expect(reference.court(code: "粤")?.parent == nil)
        #expect(reference.court(code: "粤0399") == nil)
        #expect(reference.courts(under: "粤03").count == 10)
        #expect(reference.courts(under: "粤").map(\.code) == ["粤03"])
    }

    @Test func bundledCaseTypes() throws {
        let reference = ReferenceData.bundled
        let mediation = try #require(reference.caseType(code: "民诉前调"))
        #expect(mediation.standardCode == "9901")
        #expect(mediation.category == "civil")
        #expect(mediation.stage == "pre-litigation")
        let codes = reference.caseTypeCodesLongestFirst
        #expect(codes.count == reference.caseTypes.count)
        #expect(codes.first == "民诉前调")
        #expect(try #require(codes.firstIndex(of: "执恢")) < #require(codes.firstIndex(of: "执")))
        #expect(try #require(codes.firstIndex(of: "民特监")) < #require(codes.firstIndex(of: "民特")))
    }

    private func directory(courts: String, caseTypes: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("refdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try courts.write(to: url.appendingPathComponent("courts.tsv"), atomically: true, encoding: .utf8)
        try caseTypes.write(to: url.appendingPathComponent("case_types.tsv"), atomically: true, encoding: .utf8)
        return url
    }

    private let courtsHeader = "code\tname\tlevel\tparent\tnode_id\tconfidence\n"
    private let caseTypes = "code\tstd_code\tmeaning\tcategory\tstage\n民初\t0301\t民事一审\tcivil\tfirst\r\n\n"

    @Test func loadsCorrectedFilesFromADirectory() throws {
        let url = try directory(
            courts: courtsHeader
                + "粤03\t深圳市中级人民法院\tintermediate\t\tgd03\tconfirmed\n粤0312\t新区法院\tbasic\t粤03\tgd0312\tinferred\n",
            caseTypes: caseTypes)
        defer { try? FileManager.default.removeItem(at: url) }
        let reference = try ReferenceData.load(directory: url)
        #expect(reference.court(code: "粤0312")?.nodeID == "gd0312")
        #expect(reference.caseTypes.map(\.code) == ["民初"])
        #expect(try CaseNumber.parse("（2024）粤0312民初1号", reference: reference, currentYear: 2026).court == "粤0312")
    }

    @Test(arguments: [
        ("粤03\t深圳市中级人民法院\tintermediate\t\tgd03\n", "courts.tsv:2", "6 tab-separated columns"),
        ("粤03\t深圳市中级人民法院\tmiddle\t\tgd03\tconfirmed\n", "courts.tsv:2: level", "unknown level"),
        (
            "粤03\t深圳\tintermediate\t\tgd03\tconfirmed\n粤0304\t福田\tbasic\t粤99\tgd0304\tconfirmed\n",
            "courts.tsv:3: parent", "not listed"
        ),
        (
            "粤03\t深圳\tintermediate\t\tgd03\tconfirmed\n\n粤03\t深圳\tintermediate\t\tgd033\tconfirmed\n",
            "courts.tsv:4: code", "twice"
        ),
        ("粤003\t深圳\tintermediate\t\tgd03\tconfirmed\n", "courts.tsv:2: code", "not a court code"),
        ("粤03\t深圳\tintermediate\t\tGD 03\tconfirmed\n", "courts.tsv:2: node_id", "lower-case"),
        ("粤03\t\tintermediate\t\tgd03\tconfirmed\n", "courts.tsv:2: name", "empty"),
    ])
    func malformedCourtLine(_ body: String, _ field: String, _ reason: String) throws {
        let url = try directory(courts: courtsHeader + body, caseTypes: caseTypes)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try ReferenceData.load(directory: url)
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.field == field && error.reason.contains(reason)
        }
    }

    @Test func malformedCaseTypeLineAndHeader() throws {
        let url = try directory(
            courts: "code\tname\n", caseTypes: "code\tstd_code\tmeaning\tcategory\tstage\n民初\t301\t民事一审\tcivil\tfirst\n"
        )
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ValidationError.self) { try ReferenceData.load(directory: url) }
        #expect(throws: ValidationError.self) {
            try ReferenceData.parseCaseTypes(
                "code\tstd_code\tmeaning\tcategory\tstage\n民初\t301\tx\tcivil\tfirst\n", fileName: "case_types.tsv")
        }
        do {
            _ = try ReferenceData.parseCaseTypes(
                "code\tstd_code\tmeaning\tcategory\tstage\n民初\t301\tx\tcivil\tfirst\n", fileName: "case_types.tsv")
        } catch {
            #expect(error.field == "case_types.tsv:2: std_code")
        }
    }

    @Test func missingDirectoryFileThrows() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString)")
        #expect(throws: (any Error).self) { try ReferenceData.load(directory: url) }
    }
}
