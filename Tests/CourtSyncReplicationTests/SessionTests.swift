import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import Synchronization
import Testing

/// A feed that answers with another schema version, or fails a given number of times.
final class ScriptedFeed: PeerFeed {
    let answer: PeerHello
    let failures: Mutex<Int>
    let transient: Bool

    struct Blip: TransientCapable {
        let isTransient: Bool
    }

    init(answer: PeerHello, failures: Int = 0, transient: Bool = true) {
        self.answer = answer
        self.failures = Mutex(failures)
        self.transient = transient
    }

    func hello() async throws -> PeerHello {
        let fail = failures.withLock { left in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fail { throw Blip(isTransient: transient) }
        return answer
    }

    func pull(after cursor: Int64, limit: Int) async throws -> FeedPage { FeedPage(items: [], next: cursor, more: false) }
    func push(_ page: FeedPage) async throws -> ApplySummary { ApplySummary() }
}

@Suite("Sync sessions: schema versions and retries")
struct SessionTests {
    @Test("a peer on another schema version is refused with both versions named")
    func schemaMismatch() async throws {
        let node = try TestNode()
        let peer = PeerInfo(nodeID: "gd03", role: .intermediate, courtCode: "粤03")
        let feed = ScriptedFeed(answer: PeerHello(nodeID: "gd03", role: .intermediate, schemaVersion: 99))
        let session = SyncSession(
            store: node.store, peer: peer, peers: [peer], feed: feed, context: ValidationContext(currentYear: 2025))
        do {
            _ = try await session.run()
            Issue.record("synced across schema versions")
        } catch let error as SchemaMismatch {
            #expect(error.description.contains("schema version 99"))
            #expect(error.description.contains("this node runs \(NodeStore.schemaVersion)"))
        }
    }

    @Test("transient failures are retried with growing, jittered waits; permanent ones are not")
    func retries() async throws {
        let policy = RetryPolicy(attempts: 4, baseDelay: .milliseconds(100), maximumDelay: .milliseconds(250))
        #expect(policy.delay(beforeRetry: 0, fraction: 1) == .milliseconds(100))
        #expect(policy.delay(beforeRetry: 1, fraction: 1) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 5, fraction: 1) == .milliseconds(250))
        #expect(policy.delay(beforeRetry: 3, fraction: 0.5) == .milliseconds(125))

        let waits = Mutex<[Duration]>([])
        let flaky = ScriptedFeed(answer: PeerHello(nodeID: "gd03", role: .intermediate, schemaVersion: 1), failures: 2)
        let hello = try await policy.run(sleep: { wait in waits.withLock { $0.append(wait) } }) {
            try await flaky.hello()
        }
        #expect(hello.nodeID == "gd03")
        #expect(waits.withLock { $0.count } == 2)

        let broken = ScriptedFeed(
            answer: PeerHello(nodeID: "gd03", role: .intermediate, schemaVersion: 1), failures: 1, transient: false)
        let attempts = Mutex(0)
        await #expect(throws: ScriptedFeed.Blip.self) {
            try await policy.run(sleep: { _ in }) {
                attempts.withLock { $0 += 1 }
                return try await broken.hello()
            }
        }
        #expect(attempts.withLock { $0 } == 1)
    }
}

@Suite("Sync sessions: pull, then push")
struct PullThenPushTests {
    @Test("a refused pulled page stops the pull but not the push: the node's own changes still go out")
    func refusedPullStillPushes() async throws {
        let clock = ManualClock(1_750_000_000_000)
        let fed = try ScenarioFederation(["gd03", "gd0304"], clocks: ["gd03": clock, "gd0304": clock])
        try fed.store("gd0304").populate(cases: 10, lawyers: 5)
        try fed.store("gd03").populate(cases: 3, lawyers: 5)
        let feed = fed.feed("gd0304", with: "gd03", fault: .poisonPull(call: 1))
        do {
            try await fed.sync("gd0304", with: "gd03", feed: feed)
            Issue.record("the poisoned page was applied")
        } catch is RefusedBatch {
            #expect(feed.fired)
        }
        // gd0304's cases reached gd03 although the pull was refused; the pull cursor did not move.
        let pushed = try fed.store("gd03").allRows(table: "cases").filter { $0.key.contains("粤0304") }
        #expect(pushed.count == 10)
        #expect(try fed.store("gd0304").peerState("gd03").pullCursor == 0)
        #expect(try fed.store("gd0304").peerState("gd03").pushCursor > 0)
    }
}
