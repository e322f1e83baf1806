import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

/// The sqlite3 command-line shell, when it is installed (used to watch a running child's cursor).
private let sqlite3 = ChildProcess.which("sqlite3")

@Suite("Crash recovery of a pulling client process")
struct CrashRecoveryTests {
    /// What one attempt found: the client's cursor when it was killed, and where the feed ends.
    struct Interruption {
        let cursorAtKill: Int64
        let end: Int64
    }

    /// A client's pull cursor for gd0304 as its database holds it now (0 before the first page),
    /// read by another process so that the running child is not disturbed.
    static func pullCursor(_ node: NodeDataDirectory) async throws -> Int64 {
        let result = try await ChildProcess.runTool(
            "sqlite3", ["-cmd", ".timeout 5000", node.databasePath, "SELECT pull_cursor FROM sync_peers WHERE peer_id = 'gd0304'"])
        guard result.succeeded else { throw NodeDirectoryError("sqlite3 failed: \(result)") }
        return Int64(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Every row (with its field versions) of two databases is the same; reports the first difference.
    static func expectSameRows(_ a: NodeStore, _ b: NodeStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for table in Catalog.tables {
            let rowsA = try a.allRows(table: table.name)
            let rowsB = try b.allRows(table: table.name)
            #expect(rowsA.count == rowsB.count, "\(table.name): \(rowsA.count) rows vs \(rowsB.count)", sourceLocation: sourceLocation)
            if let (x, y) = zip(rowsA, rowsB).first(where: { $0 != $1 }) {
                Issue.record("\(table.name): first different row \(x.key) vs \(y.key):\n\(x)\n\(y)", sourceLocation: sourceLocation)
            }
        }
    }

    /// `origin#sequence` of every change the server's feed gives `reader`, read page by page.
    static func servedChanges(_ store: NodeStore, to reader: PeerInfo) throws -> Set<String> {
        let service = FeedService(
            store: store, peers: [reader], context: ValidationContext(currentYear: 2025, strictLicences: false),
            logger: .init(label: "test"))
        var served = Set<String>()
        var cursor: Int64 = 0
        while true {
            let page = try service.page(for: reader, after: cursor, limit: 5000)
            for case .change(let change, _) in page.items { served.insert("\(change.origin)#\(change.originSequence)") }
            guard page.more, page.next > cursor else { return served }
            cursor = page.next
        }
    }

    /// The server gd0304 (in this process) with `cases` generated cases; two client databases of
    /// the intermediate court gd03, identical at the start, made by `courtsync init`. Client A is
    /// killed with SIGKILL in the middle of its pull and restarted; client B syncs once. Returns
    /// nil when A finished before it could be killed.
    static func attempt(cases: Int) async throws -> Interruption? {
        let pki = try FederationPKI()
        try pki.issue("gd0304")
        try pki.issue("gd03")
        let serverNode = try TestNode("gd0304")
        try serverNode.store.populate(cases: cases, lawyers: 40)
        let server = try await RunningServer(
            store: serverNode.store, identity: try pki.identity("gd0304"),
            directory: PeerDirectory(peers: [servingPeer("gd03", port: 1)]), logger: LogCapture().logger(level: .critical))
        return try await withServer(server) { () -> Interruption? in
            let a = try await NodeDataDirectory.create(nodeID: "gd03", role: .intermediate, court: "粤03")
            try a.installCertificate(from: pki)
            try a.writePeer(servingPeer("gd0304", port: server.port))
            try a.writeConfig(resolve: [nodeHost("gd0304"): "127.0.0.1"], pageSize: 100)
            let b = try NodeDataDirectory.copy(of: a)

            // A: killed once about a third of the feed is committed.
            let target = max(1, try serverNode.store.snapshot { try $0.lastPosition() } / 3)
            let child = try ChildProcess.courtsync(["sync"] + a.dataDirectoryArguments)
            do {
                while child.exit == nil {
                    if try await pullCursor(a) >= target {
                        child.send(SIGKILL)
                        break
                    }
                    try await Task.sleep(for: .milliseconds(5))
                }
            } catch {
                await child.terminate()
                throw error
            }
            let exit = try await child.wait(timeout: .seconds(30))
            let end = try serverNode.store.snapshot { try $0.lastPosition() }
            let cursorAtKill = try await pullCursor(a)
            guard exit.bySignal, exit.status == SIGKILL, cursorAtKill < end else {
                let result = try await child.result()
                #expect(exit.bySignal || result.succeeded, "the first sync of A failed on its own: \(result)")
                return nil  // finished before the kill: try again with more data
            }
            #expect(cursorAtKill > 0 && cursorAtKill < end, "A was killed at cursor \(cursorAtKill) of \(end)")

            // A again, to the end; B once, uninterrupted.
            let resumed = try await ChildProcess.runCourtsync(["sync"] + a.dataDirectoryArguments, timeout: .seconds(120))
            try #require(resumed.succeeded, "\(resumed)")
            // The pull comes first, so A's own change (its court row) is pushed only now.
            #expect(resumed.stdout.contains("gd0304: pushed 1, pulled"), "\(resumed.stdout)")
            let whole = try await ChildProcess.runCourtsync(["sync"] + b.dataDirectoryArguments, timeout: .seconds(120))
            try #require(whole.succeeded, "\(whole)")

            let storeA = try a.openStore()
            let storeB = try b.openStore()
            try expectSameRows(storeA, storeB)
            let logA = try storeA.changes(ChangeFilter(limit: 10_000_000)).map { "\($0.change.origin)#\($0.change.originSequence)" }
            let logB = try storeB.changes(ChangeFilter(limit: 10_000_000)).map { "\($0.change.origin)#\($0.change.originSequence)" }
            #expect(Set(logA).count == logA.count, "A's change log holds duplicates")
            #expect(Set(logB).count == logB.count, "B's change log holds duplicates")
            #expect(Set(logA) == Set(logB))
            // Nothing lost: A holds every change the server's feed serves gd03.
            let served = try Self.servedChanges(serverNode.store, to: servingPeer("gd03", port: 1).info)
            #expect(served.count > 1000)
            #expect(served.isSubset(of: Set(logA)), "A lacks \(served.subtracting(logA).count) served changes")
            // B synced after A pushed its court row, which the server logged after `end`.
            #expect(try storeB.peerState("gd0304").pullCursor >= end)
            #expect(try storeA.peerState("gd0304").pullCursor == end)
            return Interruption(cursorAtKill: cursorAtKill, end: end)
        }
    }

    @Test(
        "a `courtsync sync` killed with SIGKILL mid-pull and restarted ends with the same database as an uninterrupted sync",
        .enabled(if: sqlite3 != nil, "the sqlite3 shell is needed to watch the client's cursor"),
        .timeLimit(.minutes(4)))
    func killedMidPull() async throws {
        for cases in [400, 1600] {
            if let interruption = try await Self.attempt(cases: cases) {
                #expect(interruption.cursorAtKill > 0 && interruption.cursorAtKill < interruption.end)
                return
            }
        }
        Issue.record("the client finished its pull before it could be killed, even with 1600 cases")
    }
}
