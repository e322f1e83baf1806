import CourtSyncModel
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync conflicts")
struct ConflictsCommandTests {
    /// A district (gd0304) that recorded a conflict on a lawyer's e-service address with the bar.
    func nodeWithConflict() async throws -> TestFederation {
        let fed = try TestFederation(["gd0304", "szbar"])
        try fed.store("szbar").populate(cases: 0, lawyers: 3)
        try await fed.sync("gd0304", with: "szbar")
        try fed.store("gd0304").write { try $0.update("lawyers", key: "SZL000001", ["e_service_address": .text("court@example.org")]) }
        try fed.store("szbar").write { try $0.update("lawyers", key: "SZL000001", ["e_service_address": .text("bar@example.org")]) }
        try await fed.sync("gd0304", with: "szbar")
        return fed
    }

    @Test("list, show and resolve a recorded conflict through the real executable")
    func listShowResolve() async throws {
        let fed = try await nodeWithConflict()
        let dataDir = fed.nodes["gd0304"]!.directory.path

        let list = try courtsync().run(["conflicts", "list", "--data-dir", dataDir, "--open", "--format", "json"])
        #expect(list.succeeded, "\(list)")
        let entries = try #require(try list.json() as? [[String: Any]])
        #expect(entries.count == 1)
        let id = try #require(entries.first?["id"] as? Int)
        #expect(entries.first?["field"] as? String == "e_service_address")
        #expect(entries.first?["rule"] as? String == "newer-write")

        let show = try courtsync().run(["conflicts", "show", "--data-dir", dataDir, String(id)])
        #expect(show.succeeded, "\(show)")
        #expect(show.stdout.contains("court@example.org") && show.stdout.contains("bar@example.org"))
        #expect(show.stdout.contains("open"))

        // The court keeps its own confirmed address: a new version that syncs to the bar.
        let resolve = try courtsync().run(["conflicts", "resolve", "--data-dir", dataDir, String(id), "--take", "local"])
        #expect(resolve.succeeded, "\(resolve)")
        let reopened = try NodeStore.open(at: fed.nodes["gd0304"]!.directory.file(NodeStore.databaseFileName))
        #expect(try reopened.conflicts(ConflictFilter(open: true)).isEmpty)
        #expect(try reopened.fetch(Lawyer.self, key: "SZL000001")?.eServiceAddress == "court@example.org")
        try await fed.sync("gd0304", with: "szbar")
        #expect(try fed.store("szbar").fetch(Lawyer.self, key: "SZL000001")?.eServiceAddress == "court@example.org")
        #expect(try fed.store("szbar").conflicts(ConflictFilter(open: true)).isEmpty)

        let missing = try courtsync().run(["conflicts", "show", "--data-dir", dataDir, "999"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Hint:"))
    }
}
