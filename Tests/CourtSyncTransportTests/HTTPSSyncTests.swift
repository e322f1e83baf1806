import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

@Suite("Sync over HTTPS with mutual TLS")
struct HTTPSSyncTests {
    @Test("district and intermediate court sync both ways over mutual TLS on loopback")
    func twoNodesBothWays() async throws {
        let fed = try HTTPSFederation()
        try fed.store("gd0304").populate(cases: 40)
        let server = try await fed.serve("gd03")
        do {
            let first = try await fed.sync("gd0304", with: "gd03", port: server.port)
            #expect(first.pushed > 0)
            let districtCases = try fed.store("gd0304").allRows(table: "cases").map(\.key)
            #expect(try fed.store("gd03").allRows(table: "cases").map(\.key) == districtCases)

            // The intermediate court writes an appeal result; the district pulls it.
            let number = districtCases[0]
            try fed.store("gd03").write { try $0.update("cases", key: number, ["appeal_result": .text("remanded")]) }
            let second = try await fed.sync("gd0304", with: "gd03", port: server.port)
            #expect(second.applied.applied == 1)
            #expect(try fed.store("gd0304").fetch(CourtCase.self, key: number)?.appealResult == .remanded)
            #expect(try fed.store("gd0304").peerState("gd03").pullCursor > 0)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }
}
