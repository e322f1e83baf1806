import CourtSyncModel
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

@Suite("Change capture")
struct CaptureTests {
    @Test("an insert records one change with every field, version and origin sequence 1")
    func insertRecordsOneChange() throws {
        let node = try TestNode()
        let courtCase = Fixtures.courtCase()
        try node.store.write { try $0.insert(courtCase) }

        let changes = try node.store.changes(ChangeFilter())
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change.isLocal)
        #expect(change.position == 1)
        #expect(change.change.origin == "gd0304")
        #expect(change.change.originSequence == 1)
        #expect(change.change.operation == .insert)
        #expect(change.change.table == "cases")
        #expect(change.change.key == courtCase.caseNumber)
        #expect(change.change.fields == (try courtCase.fieldSet))
        #expect(change.change.previous.isEmpty)

        let versions = try node.store.fieldVersions(table: "cases", key: courtCase.caseNumber)
        #expect(versions.count == Catalog.table(named: "cases")!.columns.count)
        #expect(Set(versions.values) == [change.change.version])
        #expect(try node.store.fetch(CourtCase.self, key: courtCase.caseNumber) == courtCase)
    }

    @Test("an update records only the changed fields and the versions they overwrote")
    func updateRecordsChangedFields() throws {
        let node = try TestNode()
        var courtCase = Fixtures.courtCase()
        try node.store.write { try $0.insert(courtCase) }
        let inserted = try #require(try node.store.changes(ChangeFilter()).first?.change)

        courtCase.stage = .trial
        courtCase.judge = "陈法官"
        let changed = try node.store.write { try $0.update(courtCase) }
        #expect(changed)

        let changes = try node.store.changes(ChangeFilter(after: 1))
        #expect(changes.count == 1)
        let update = try #require(changes.first?.change)
        #expect(update.operation == .update)
        #expect(update.originSequence == 2)
        #expect(update.fields == ["stage": .text("trial"), "judge": .text("陈法官")])
        #expect(update.previous == ["stage": inserted.version, "judge": inserted.version])
        #expect(update.hlc > inserted.hlc)

        let versions = try node.store.fieldVersions(table: "cases", key: courtCase.caseNumber)
        #expect(versions["stage"] == update.version)
        #expect(versions["cause"] == inserted.version)
    }

    @Test("an update that changes nothing records nothing")
    func noOpUpdate() throws {
        let node = try TestNode()
        let courtCase = Fixtures.courtCase()
        try node.store.write { try $0.insert(courtCase) }
        let changed = try node.store.write { try $0.update(courtCase) }
        #expect(!changed)
        #expect(try node.store.changeCounts().total == 1)
    }

    @Test("a delete removes the row, leaves a tombstone and records a delete change")
    func deleteLeavesTombstone() throws {
        let node = try TestNode()
        let party = Fixtures.party(caseNumber: "（2024）粤0304民初1号")
        try node.store.write { try $0.insert(party) }
        try node.store.write { try $0.delete(from: "parties", key: party.id) }

        #expect(try node.store.fetch(Party.self, key: party.id) == nil)
        let delete = try #require(try node.store.changes(ChangeFilter(after: 1)).first?.change)
        #expect(delete.operation == .delete)
        #expect(delete.fields.isEmpty)
        #expect(try node.store.tombstone(table: "parties", key: party.id) == delete.version)
    }

    @Test("a transaction that throws records nothing and writes nothing")
    func rollbackRecordsNothing() throws {
        struct Abort: Error {}
        let node = try TestNode()
        #expect(throws: Abort.self) {
            try node.store.write { writer in
                try writer.insert(Fixtures.courtCase())
                try writer.insert(Fixtures.lawyer())
                throw Abort()
            }
        }
        #expect(try node.store.changeCounts().total == 0)
        #expect(try node.store.rowCounts().allSatisfy { $0.rows == 0 })
        #expect(try node.store.clockState().localChanges == 0)
        // The next write still gets origin sequence 1: nothing leaked from the rolled-back one.
        try node.store.write { try $0.insert(Fixtures.lawyer()) }
        #expect(try node.store.changes(ChangeFilter()).map(\.change.originSequence) == [1])
    }

    @Test("inserting an existing key fails and records nothing")
    func duplicateInsert() throws {
        let node = try TestNode()
        try node.store.write { try $0.insert(Fixtures.courtCase()) }
        #expect(throws: StoreError.alreadyExists(table: "cases", key: "（2024）粤0304民初1号")) {
            try node.store.write { try $0.insert(Fixtures.courtCase()) }
        }
        #expect(try node.store.changeCounts().total == 1)
    }

    @Test("unknown tables and columns are refused")
    func unknownColumns() throws {
        let node = try TestNode()
        #expect(throws: StoreError.unknownTable("verdicts")) {
            try node.store.write { try $0.insert(into: "verdicts", ["id": .text("x")]) }
        }
        #expect(throws: StoreError.unknownColumn(table: "lawyers", column: "salary")) {
            try node.store.write { try $0.insert(into: "lawyers", ["id": .text("x"), "salary": .integer(1)]) }
        }
    }

    @Test("origin sequence and clock survive a reopen")
    func sequenceSurvivesReopen() throws {
        let clock = ManualClock()
        let node = try TestNode(clock: clock)
        try node.store.write { try $0.insert(Fixtures.courtCase()) }
        let first = try #require(try node.store.changes(ChangeFilter()).first?.change)
        clock.advance(by: -60_000)  // the wall clock steps back a minute across the restart
        let reopened = try node.reopen(clock: clock)
        try reopened.write { try $0.insert(Fixtures.lawyer()) }
        let second = try #require(try reopened.changes(ChangeFilter(after: 1)).first?.change)
        #expect(second.originSequence == 2)
        #expect(second.hlc > first.hlc)
    }
}

@Suite("Change capture in bulk")
struct BulkCaptureTests {
    @Test("a transaction of many writes logs every one, in order, with sequences 1…n")
    func manyWritesInOrder() throws {
        let node = try TestNode()
        let cases = (1...150).map { Fixtures.courtCase("（2024）粤0304民初\($0)号") }
        try node.store.write { w in
            for c in cases { try w.insert(c) }
            for c in cases.prefix(70) { try w.update("cases", key: c.caseNumber, ["stage": .text("trial")]) }
        }
        let log = try node.store.changes(ChangeFilter(limit: 1000))
        #expect(log.count == 220)
        #expect(log.map(\.position) == Array(1...220))
        #expect(log.map(\.change.originSequence) == Array(1...220))
        #expect(log.prefix(150).map(\.change.key) == cases.map(\.caseNumber))
        #expect(log.suffix(70).allSatisfy { $0.change.operation == .update && $0.change.fields == ["stage": .text("trial")] })
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.change.hlc < $1.change.hlc })
    }

    @Test("a remote batch larger than the log batch is deduped within itself and against the log")
    func remoteDedupeAcrossBatches() throws {
        let source = try TestNode("gd0305", role: .district, court: "粤0305")
        try source.store.write { w in
            for i in 1...100 { try w.insert(Fixtures.courtCase("（2024）粤0305民初\(i)号", court: "粤0305")) }
        }
        let remote = try source.store.changes(ChangeFilter(limit: 1000)).map(\.change)
        let target = try TestNode("gd03", role: .intermediate, court: "粤03")
        let outcomes = try target.store.write { w in try (remote + remote).map { try w.apply($0) } }
        #expect(outcomes.filter { $0 == .applied }.count == 100)
        #expect(outcomes.filter { $0 == .duplicate }.count == 100)
        let again = try target.store.write { w in try remote.map { try w.apply($0) } }
        #expect(again.allSatisfy { $0 == .duplicate })
        #expect(try target.store.changeCounts() == (total: 100, local: 0))
    }
}
