import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import Testing

@Suite("Conflicts: detection, policies, resolution")
struct ConflictTests {
    /// A federation where the bar's registry reached gd0304 and gd0304's cases reached gd03.
    func federation() async throws -> TestFederation {
        let fed = try TestFederation(["gd03", "gd0304", "szbar"])
        try fed.store("szbar").populate(cases: 0, lawyers: 5)
        try await fed.sync("gd0304", with: "szbar")
        try fed.store("gd0304").write { try $0.insert(Fixtures.courtCase()) }
        try await fed.sync("gd03", with: "gd0304")
        return fed
    }

    @Test("an e-service address confirmed at a court and changed at the bar between syncs: recorded, newer wins, same everywhere")
    func eServiceAddressRace() async throws {
        let fed = try await federation()
        try fed.store("gd0304").write { try $0.update("lawyers", key: "SZL000001", ["e_service_address": .text("court@example.org")]) }
        try fed.store("szbar").write { try $0.update("lawyers", key: "SZL000001", ["e_service_address": .text("bar@example.org")]) }
        try await fed.sync("gd0304", with: "szbar")
        try await fed.sync("gd0304", with: "szbar")
        let atCourt = try fed.store("gd0304").fetch(Lawyer.self, key: "SZL000001")?.eServiceAddress
        let atBar = try fed.store("szbar").fetch(Lawyer.self, key: "SZL000001")?.eServiceAddress
        #expect(atCourt == "bar@example.org")  // the bar wrote later
        #expect(atBar == atCourt)
        for store in [fed.store("gd0304"), fed.store("szbar")] {
            let recorded = try store.conflicts(ConflictFilter(table: "lawyers"))
            #expect(recorded.count == 1)
            #expect(recorded.first?.field == "e_service_address")
            #expect(recorded.first?.rule == "newer-write")
            #expect(Set([recorded.first?.localValue, recorded.first?.remoteValue])
                    == [.text("court@example.org"), .text("bar@example.org")])
        }
    }

    @Test("fast-forwards, duplicates and old changes arriving late record nothing")
    func noFalseConflicts() async throws {
        let fed = try await federation()
        let key = Fixtures.courtCase().caseNumber
        try fed.store("gd0304").write { try $0.update("cases", key: key, ["judge": .text("甲")]) }
        try fed.store("gd0304").write { try $0.update("cases", key: key, ["judge": .text("乙")]) }
        try await fed.sync("gd03", with: "gd0304")
        try await fed.sync("gd03", with: "gd0304")
        #expect(try fed.store("gd03").conflicts(ConflictFilter()).isEmpty)
        #expect(try fed.store("gd0304").conflicts(ConflictFilter()).isEmpty)

        // The second change arrives before the first at another node: a late old change.
        let log = try fed.store("gd0304").changes(ChangeFilter(table: "cases", key: key)).map(\.change)
        let other = try TestNode("gd03", role: .intermediate, court: "粤03")
        try other.store.write { w in for c in [log[0], log[2], log[1]] { try w.apply(c) } }
        #expect(try other.store.conflicts(ConflictFilter()).isEmpty)
        #expect(try other.store.fetch(CourtCase.self, key: key)?.judge == "乙")
    }

    @Test("a lawyer's withdrawal racing a judge's decision ends with the decision on every node; it never returns to pending")
    func decisionBeatsWithdrawal() async throws {
        let fed = try await federation()
        let request = FileReviewRequest(
            id: "0190f000-0000-7000-8000-0000000000f1", caseNumber: Fixtures.courtCase().caseNumber,
            lawyerID: "SZL000002", requestedAt: "2025-03-02T09:00:00+08:00", decision: .pending)
        // The lawyer is counsel of record, so the case and its requests are in the bar's scope.
        try fed.store("gd0304").write {
            try $0.insert(Representation(
                id: "0190f000-0000-7000-8000-0000000000a2", caseNumber: request.caseNumber,
                partyID: "0190f000-0000-7000-8000-000000000001", lawyerID: "SZL000002", side: .plaintiff,
                status: .active, since: CivilDate(year: 2024, month: 3, day: 2)))
        }
        try fed.store("szbar").write { try $0.insert(request) }
        try await fed.sync("gd0304", with: "szbar")
        try fed.store("szbar").write { try $0.update("file_review_requests", key: request.id, ["decision": .text("withdrawn")]) }
        try fed.store("gd0304").write {
            try $0.update("file_review_requests", key: request.id, [
                "decision": .text("approved"), "decided_at": .text("2025-03-03T10:00:00+08:00"),
            ])
        }
        try await fed.sync("gd0304", with: "szbar")
        try await fed.sync("gd0304", with: "szbar")
        #expect(try fed.store("gd0304").fetch(FileReviewRequest.self, key: request.id)?.decision == .approved)
        #expect(try fed.store("szbar").fetch(FileReviewRequest.self, key: request.id)?.decision == .approved)
        #expect(try !fed.store("szbar").conflicts(ConflictFilter(table: "file_review_requests")).isEmpty)
        #expect(throws: StoreError.self) {
            try fed.store("gd0304").write { try $0.update("file_review_requests", key: request.id, ["decision": .text("pending")]) }
        }
    }

    @Test("a stale write cannot move a case's stage backwards, here or at a peer")
    func stageDoesNotMoveBack() async throws {
        let fed = try await federation()
        let key = Fixtures.courtCase().caseNumber
        let stale = try fed.store("gd0304").changes(ChangeFilter(table: "cases", key: key)).last!.change
        try fed.store("gd0304").write { try $0.update("cases", key: key, ["stage": .text("trial")]) }
        #expect(throws: StoreError.self) {
            try fed.store("gd0304").write { try $0.update("cases", key: key, ["stage": .text("filed")]) }
        }
        // A stale insert carrying stage "filed" with a greater (forged) HLC still loses at a peer.
        var forged = stale
        forged.hlc = HLCTimestamp(milliseconds: forged.hlc.milliseconds + 1000, counter: 0)
        forged.originSequence = 99
        forged.origin = "gd0399"
        let peer = try TestNode("gd03", role: .intermediate, court: "粤03")
        try await fed.sync("gd03", with: "gd0304")
        try peer.store.write { w in
            for c in try fed.store("gd0304").changes(ChangeFilter(table: "cases", key: key)).map(\.change) { try w.apply(c) }
            try w.apply(forged)
        }
        #expect(try peer.store.fetch(CourtCase.self, key: key)?.stage == .trial)
    }

    @Test("an update racing a delete ends the same on both nodes whatever the order")
    func deleteAndUpdateConverge() throws {
        let a = try TestNode("gd0304")
        let party = Fixtures.party(caseNumber: Fixtures.courtCase().caseNumber)
        try a.store.write { try $0.insert(party) }
        let insert = try a.store.changes(ChangeFilter()).map(\.change)
        let b = try TestNode("gd03", role: .intermediate, court: "粤03")
        let c = try TestNode("gd0305", role: .district, court: "粤0305")
        for node in [b, c] { try node.store.write { w in for x in insert { try w.apply(x) } } }
        // Two replicas of the same origin's history cannot race; build a race from two origins
        // by hand: a delete at gd0304 and an update from the intermediate court's copy.
        try a.store.write { try $0.delete(from: "parties", key: party.id) }
        let delete = try a.store.changes(ChangeFilter(after: 1)).map(\.change)
        try b.store.write { try $0.update("parties", key: party.id, ["phone": .text("13900000000")]) }
        let update = try b.store.changes(ChangeFilter(after: 1)).map(\.change)
        try b.store.write { w in for x in delete { try w.apply(x) } }
        try c.store.write { w in for x in update + delete { try w.apply(x) } }
        try a.store.write { w in for x in update { try w.apply(x) } }
        let states = try [a, b, c].map { try $0.store.allRows(table: "parties").map { [$0.key: $0.fields] } }
        #expect(states[0] == states[1])
        #expect(states[1] == states[2])
    }

    @Test("resolving a conflict writes a new version that marks it resolved on every node")
    func resolutionSyncs() async throws {
        let fed = try await federation()
        try fed.store("gd0304").write { try $0.update("lawyers", key: "SZL000003", ["e_service_address": .text("a@example.org")]) }
        try fed.store("szbar").write { try $0.update("lawyers", key: "SZL000003", ["e_service_address": .text("b@example.org")]) }
        try await fed.sync("gd0304", with: "szbar")
        try await fed.sync("gd0304", with: "szbar")
        let open = try #require(try fed.store("szbar").conflicts(ConflictFilter(open: true)).first)
        // The bar keeps the court's confirmed address instead.
        try fed.store("szbar").write {
            try $0.update("lawyers", key: "SZL000003", ["e_service_address": .text("a@example.org")], force: true)
        }
        #expect(try fed.store("szbar").conflicts(ConflictFilter(open: true)).isEmpty)
        try await fed.sync("gd0304", with: "szbar")
        #expect(try fed.store("gd0304").conflicts(ConflictFilter(open: true)).isEmpty)
        #expect(try fed.store("gd0304").fetch(Lawyer.self, key: "SZL000003")?.eServiceAddress == "a@example.org")
        _ = open
    }
}
