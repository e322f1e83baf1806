import CourtSyncModel
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync lawyer")
struct LawyerCommandTests {
    static let licence = "14403201011000001"

    private func lawyers(_ node: CLINode) throws -> [[String: Any]] {
        let result = try node.run("lawyer", "list", "--format", "json")
        try #require(result.succeeded, "\(result)")
        return try result.jsonArray()
    }

    @Test("lawyer add on a court node is refused: the registry is the bar's")
    func addRefusedOnCourt() throws {
        let node = try CLINode.district()
        let before = try node.changeCount()
        let result = try node.run("lawyer", "add", "SZL000001", "--name", "李律师", "--licence", Self.licence)
        expectFailure(result, status: 1, mentions: ["not allowed on this node", "lawyer registry", "bar association"])
        #expect(try lawyers(node).isEmpty)
        #expect(try node.changeCount() == before)
    }

    @Test("lawyer add on the bar node stores a strictly valid licence")
    func addOnBar() throws {
        let bar = try CLINode.bar()
        let added = try bar.run(
            "lawyer", "add", "SZL000001", "--name", "李律师", "--licence", Self.licence, "--email", "li@example.org")
        #expect(added.succeeded, "\(added)")
        #expect(added.stdout.contains("Added lawyer SZL000001"), "\(added)")

        for key in ["SZL000001", Self.licence] {
            let shown = try bar.run("lawyer", "show", "--format", "json", key)
            #expect(shown.succeeded, "\(shown)")
            let lawyer = try shown.jsonObject()
            #expect(lawyer["id"] as? String == "SZL000001")
            #expect(lawyer["name"] as? String == "李律师")
            #expect(lawyer["licence_number"] as? String == Self.licence)
            #expect(lawyer["licence_status"] as? String == "practising")
        }
        #expect(try lawyers(bar).count == 1)

        let changes = try bar.changes()
        try #require(changes.count == 1)
        #expect(change(changes[0])["table"] as? String == "lawyers")
        #expect(change(changes[0])["op"] as? String == "insert")
        #expect(change(changes[0])["origin"] as? String == "szbar")
        #expect(change(changes[0])["origin_seq"] as? Int == 1)
    }

    struct BadLicence: Sendable, CustomTestStringConvertible {
        let licence: String
        let mentions: [String]
        var testDescription: String { licence }
    }

    static let badLicences: [BadLicence] = [
        BadLicence(licence: "440304198001010012", mentions: ["licence_number", "18 characters", "resident ID number"]),
        BadLicence(licence: "1440320101100000", mentions: ["licence_number", "17 digits"]),
        BadLicence(licence: "1440320101100000X", mentions: ["licence_number", "digits only"]),
        BadLicence(licence: "24403201011000001", mentions: ["licence_number", "starts with 1"]),
        // Odd fields a registry import only warns about are refused on hand entry.
        BadLicence(licence: "14403201012000001", mentions: ["licence_number", "gender digit 2"]),
        BadLicence(licence: "19903201011000001", mentions: ["licence_number", "province code 99"]),
    ]

    @Test("lawyer add refuses a licence that is not strictly valid", arguments: badLicences)
    func addRefusesBadLicence(_ bad: BadLicence) throws {
        let bar = try CLINode.bar()
        let result = try bar.run("lawyer", "add", "SZL000009", "--name", "王律师", "--licence", bad.licence)
        expectFailure(result, status: 65, mentions: bad.mentions)
        #expect(try lawyers(bar).isEmpty)
        #expect(try bar.changeCount() == 0)
    }

    @Test("lawyer update --e-service on a court node is allowed for that field only")
    func eServiceOnCourt() throws {
        let bar = try CLINode.bar()
        let added = try bar.run(
            "lawyer", "add", "SZL000001", "--name", "李律师", "--licence", Self.licence, "--e-service", "li@example.org")
        try #require(added.succeeded, "\(added)")
        let district = try CLINode.district()

        // The registry reaches a court as the bar's changes; apply them as a sync session would.
        do {
            let source = try NodeStore.open(at: bar.dataDirectory + "/" + NodeStore.databaseFileName)
            let remote = try source.changes(ChangeFilter(limit: 1000)).map(\.change)
            let target = try NodeStore.open(at: district.dataDirectory + "/" + NodeStore.databaseFileName)
            let outcomes = try target.write { writer in try remote.map { try writer.apply($0) } }
            try #require(outcomes == [.applied])
        }
        let before = try district.changes()

        let updated = try district.run("lawyer", "update", "SZL000001", "--e-service", "li-court@example.org")
        #expect(updated.succeeded, "\(updated)")
        let after = try district.changes()
        try #require(after.count == before.count + 1)
        let last = try #require(after.last)
        #expect(change(last)["op"] as? String == "update")
        #expect(change(last)["origin"] as? String == "gd0304")
        #expect(change(last)["table"] as? String == "lawyers")
        #expect(changedFields(last) == ["e_service_address"])
        let shown = try district.run("lawyer", "show", "--format", "json", "SZL000001").jsonObject()
        #expect(shown["e_service_address"] as? String == "li-court@example.org")

        for options in [["--email", "x@example.org"], ["--status", "suspended"],
                        ["--e-service", "other@example.org", "--name", "李某"]] {
            let refused = try district.run(["lawyer", "update", "SZL000001"] + options)
            expectFailure(refused, status: 1, mentions: ["not allowed on this node", "e_service_address"])
        }
        #expect(try district.changeCount() == after.count)
        #expect(try district.run("lawyer", "show", "--format", "json", "SZL000001").jsonObject()["name"] as? String == "李律师")
    }

    @Test("lawyer update on the bar node changes the registry; lawyer show of an unknown lawyer fails")
    func updateOnBar() throws {
        let bar = try CLINode.bar()
        try #require(try bar.run("lawyer", "add", "SZL000001", "--name", "李律师", "--licence", Self.licence).succeeded)
        let updated = try bar.run("lawyer", "update", "SZL000001", "--status", "suspended")
        #expect(updated.succeeded, "\(updated)")
        let changes = try bar.changes()
        #expect(changes.count == 2)
        #expect(changes.last.map(changedFields) == ["licence_status"])
        let refused = try bar.run("lawyer", "update", "SZL000001", "--licence", "440304198001010012")
        expectFailure(refused, status: 65, mentions: ["resident ID number"])
        #expect(try bar.changeCount() == 2)

        let missing = try bar.run("lawyer", "show", "SZL999999")
        expectFailure(missing, status: 1, mentions: ["SZL999999"])
    }
}
