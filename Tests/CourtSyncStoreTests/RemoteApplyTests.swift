import CourtSyncModel
import CourtSyncStore
import CourtSyncTestSupport
import Testing

@Suite("Applying remote changes")
struct RemoteApplyTests {
    /// Makes changes at a source node and returns them as the log holds them.
    private func changes(from node: TestNode, _ body: (ChangeWriter) throws -> Void) throws -> [ChangeRecord] {
        let before = try node.store.changeCounts().total
        try node.store.write(body)
        return try node.store.changes(ChangeFilter(after: Int64(before), limit: 10_000)).map(\.change)
    }

    @Test("applied changes keep origin, sequence and version and are not captured as local edits")
    func applyKeepsOrigin() throws {
        let bar = try TestNode("szbar", role: .bar, court: nil)
        let district = try TestNode()
        let remote = try changes(from: bar) { try $0.insert(Fixtures.lawyer()) }

        let outcomes = try district.store.write { w in try remote.map { try w.apply($0) } }
        #expect(outcomes == [.applied])

        let held = try district.store.changes(ChangeFilter())
        #expect(held.count == 1)
        #expect(held.map(\.isLocal) == [false])
        #expect(held.map(\.change) == remote)
        #expect(try district.store.clockState().localChanges == 0)
        #expect(try district.store.fetch(Lawyer.self, key: "SZL000001") == Fixtures.lawyer())
        let versions = try district.store.fieldVersions(table: "lawyers", key: "SZL000001")
        #expect(Set(versions.values) == [remote[0].version])
    }

    @Test("a change already held is dropped, within one batch and across batches")
    func duplicatesDropped() throws {
        let bar = try TestNode("szbar", role: .bar, court: nil)
        let district = try TestNode()
        var lawyer = Fixtures.lawyer()
        var remote = try changes(from: bar) { try $0.insert(lawyer) }
        lawyer.eServiceAddress = "new@example.org"
        remote += try changes(from: bar) { try $0.update(lawyer) }

        let first = try district.store.write { w in try (remote + remote).map { try w.apply($0) } }
        #expect(first == [.applied, .applied, .duplicate, .duplicate])
        let second = try district.store.write { w in try remote.map { try w.apply($0) } }
        #expect(second == [.duplicate, .duplicate])
        #expect(try district.store.changeCounts().total == 2)
        #expect(try district.store.fetch(Lawyer.self, key: lawyer.id) == lawyer)
    }

    @Test("a node's own change relayed back to it is recognised; one it never made is refused")
    func ownChangesRelayedBack() throws {
        let district = try TestNode()
        let own = try changes(from: district) { try $0.insert(Fixtures.courtCase()) }
        #expect(try district.store.write { w in try w.apply(own[0]) } == .duplicate)

        var forged = own[0]
        forged.originSequence = 99
        #expect(throws: StoreError.self) { try district.store.write { w in try w.apply(forged) } }
        #expect(try district.store.changeCounts().total == 1)
    }

    @Test("a remote timestamp beyond the drift bound refuses the whole batch")
    func driftRefusesBatch() throws {
        let clock = ManualClock()
        let bar = try TestNode("szbar", role: .bar, court: nil, clock: clock)
        let district = try TestNode(clock: ManualClock(clock.now() - 10 * 60 * 1000))  // 10 minutes behind
        let remote = try changes(from: bar) {
            try $0.insert(Fixtures.lawyer())
        }
        #expect(throws: StoreError.self) {
            try district.store.write { w in try remote.forEach { try w.apply($0) } }
        }
        #expect(try district.store.changeCounts().total == 0)
        #expect(try district.store.rowCounts().allSatisfy { $0.rows == 0 })
    }

    @Test("per field, the greater version wins regardless of arrival order")
    func greaterVersionWins() throws {
        let clock = ManualClock()
        let bar = try TestNode("szbar", role: .bar, court: nil, clock: clock)
        var lawyer = Fixtures.lawyer()
        var log = try changes(from: bar) { try $0.insert(lawyer) }
        clock.advance(by: 1000)
        lawyer.email = "second@example.org"
        log += try changes(from: bar) { try $0.update(lawyer) }

        let district = try TestNode(clock: clock)
        try district.store.write { w in
            try w.apply(log[1])  // the update arrives first
            try w.apply(log[0])  // then the older insert: must not overwrite email
        }
        #expect(try district.store.fetch(Lawyer.self, key: lawyer.id) == lawyer)
    }

    @Test("a remote delete leaves a tombstone that an older insert cannot undo")
    func remoteDelete() throws {
        let district = try TestNode()
        let party = Fixtures.party(caseNumber: "（2024）粤0304民初1号")
        let log = try changes(from: district) { w in
            try w.insert(party)
            try w.delete(from: "parties", key: party.id)
        }
        let intermediate = try TestNode("gd03", role: .intermediate, court: "粤03")
        let outcomes = try intermediate.store.write { w in [try w.apply(log[1]), try w.apply(log[0])] }
        #expect(outcomes == [.applied, .superseded])
        #expect(try intermediate.store.fetch(Party.self, key: party.id) == nil)
        #expect(try intermediate.store.tombstone(table: "parties", key: party.id) == log[1].version)
    }
}
