import CourtSyncModel
import CourtSyncReplication
import CourtSyncSampleData
import CourtSyncStore

/// One seeded, reproducible convergence scenario (STYLE 16, after cr-sqlite's `test_sync_prop.py`):
/// 3 to 5 nodes of mixed roles, random writes within each node's authority, deliberate races on one
/// field between two nodes, random syncs between connected nodes through faulty feeds, restarts,
/// then a final full sync. Everything it wrote is recorded for ``ConvergenceCheck``.
public final class ScenarioRunner {
    public let seed: UInt64
    public let fed: ScenarioFederation
    var rng: SeededRandom
    public internal(set) var writes: [RecordedWrite] = []
    public internal(set) var races: [RecordedRace] = []
    public internal(set) var deletes: [RecordedDelete] = []
    /// Problems seen while running (a refused page that left something behind, an unexpected error).
    public internal(set) var problems: [Discrepancy] = []
    /// What happened, step by step, for failure messages.
    public internal(set) var trace: [String] = []
    /// Whether the final sync reached a round that moved nothing.
    public internal(set) var quiescent = false
    public internal(set) var finalRounds = 0
    /// How often each kind of event happened (syncs, faults that fired, restarts, races…).
    public internal(set) var stats: [String: Int] = [:]
    var step = 0
    var counters: [String: Int] = [:]
    /// Fields written after their row's insert (a race needs a field nobody has updated yet).
    var updated: Set<FieldKey> = []
    /// Fields of a deliberate race: no later writes, and their rows are never deleted.
    var raced: Set<FieldKey> = []
    var racedRows: Set<String> = []
    let base: Int64 = 1_748_736_000_000  // 2025-06-01T00:00:00Z
    var elapsed: Int64 = 0
    var skew: [String: Int64] = [:]

    public static let districts = ["gd0304", "gd0305", "gd0306"]

    /// The nodes of a scenario: the intermediate court, one to three districts, the bar in about half.
    public static func nodeIDs(_ rng: inout SeededRandom) -> [String] {
        let withBar = rng.chance(percent: 50)
        let count = rng.integer(in: withBar ? 1...3 : 2...3)
        var pool = districts
        var chosen: [String] = []
        for _ in 0..<count { chosen.append(pool.remove(at: rng.below(pool.count))) }
        return ["gd03"] + chosen + (withBar ? ["szbar"] : [])
    }

    public init(seed: UInt64) throws {
        self.seed = seed
        rng = SeededRandom(seed: seed)
        let ids = Self.nodeIDs(&rng)
        var clocks: [String: ManualClock] = [:]
        for id in ids {
            // Wall clocks up to 20 s apart: well inside the 5-minute drift bound.
            skew[id] = Int64(rng.integer(in: -20_000...20_000))
            clocks[id] = ManualClock(base + skew[id]!)
        }
        fed = try ScenarioFederation(ids, clocks: clocks)
        trace.append("nodes \(ids.joined(separator: ","))")
    }

    public var hasBar: Bool { fed.nodes["szbar"] != nil }

    /// Runs the random part, then the final sync.
    public func run() async throws {
        if hasBar {
            for _ in 0..<rng.integer(in: 1...3) { try barInsertLawyer() }
        }
        let steps = rng.integer(in: 12...26)
        for _ in 0..<steps {
            step += 1
            tick()
            let roll = rng.below(100)
            if roll < 52 {
                let id = rng.pick(fed.ids)
                try operation(at: id)
            } else if roll < 62 {
                try await race()
            } else if roll < 95 {
                try await randomSync()
            } else {
                let id = rng.pick(fed.ids)
                try fed[id].restart()
                stats["restart", default: 0] += 1
                trace.append("\(step): restart \(id)")
            }
        }
        try await finalSync()
    }

    /// Moves every wall clock on by the same amount, plus a jitter that can step a clock back.
    func tick() {
        elapsed += Int64(rng.integer(in: 1...400))
        for id in fed.ids {
            fed[id].clock.set(base + elapsed + skew[id]! + Int64(rng.integer(in: -30...30)))
        }
    }

    func next(_ name: String) -> Int {
        counters[name, default: 0] += 1
        return counters[name]!
    }

    // MARK: Syncs

    static let pageSizes = [1, 2, 3, 5, 50]

    func randomFault() -> PeerFeedFault {
        guard rng.chance(percent: 45) else { return .none }
        let call = rng.integer(in: 1...3)
        switch rng.below(9) {
        case 0: return .duplicatePulledPages
        case 1: return .duplicatePushedPages
        case 2: return .failPull(call: call)
        case 3: return .failPushBeforeApply(call: call)
        case 4: return .failPushAfterApply(call: call)
        case 5: return .replayOlderPull(call: call)
        case 6: return .poisonPull(call: 1)
        case 7: return .poisonPush(call: 1)
        default: return .failPull(call: 1)
        }
    }

    func randomSync() async throws {
        let (a, b) = rng.pick(fed.links)
        let (client, server) = rng.chance(percent: 50) ? (a, b) : (b, a)
        let fault = randomFault()
        let pageSize = rng.pick(Self.pageSizes)
        trace.append("\(step): sync \(client)←\(server) page \(pageSize) fault \(fault)")
        let watched: String? = switch fault {
        case .poisonPull: client
        case .poisonPush: server
        default: nil
        }
        let before = try watched.map { try stateDigest($0, peer: $0 == client ? server : client) }
        let feed = fed.feed(client, with: server, fault: fault)
        defer {
            stats["sync", default: 0] += 1
            if feed.fired { stats["fault \(fault)".prefix { $0 != "#" }.description, default: 0] += 1 }
        }
        do {
            try await fed.sync(client, with: server, pageSize: pageSize, feed: feed)
            if fault.isPoison, feed.fired {
                problems.append(Discrepancy(
                    kind: .partialApply, table: "", node: watched ?? client, other: nil,
                    message: "a page with an invalid last item was accepted (\(fault), \(client)←\(server))"))
            }
        } catch is InjectedFault {
            // Sometimes the process dies with the connection, between two pages of the session.
            if rng.chance(percent: 50) {
                try fed[client].restart()
                trace.append("\(step): restart \(client) after \(fault)")
            }
        } catch let refused as RefusedBatch {
            let expected = switch fault {
            case .poisonPull, .poisonPush, .replayOlderPull: true
            default: false
            }
            if !expected {
                problems.append(Discrepancy(
                    kind: .syncError, table: "", node: client, other: server,
                    message: "sync \(client)←\(server) (\(fault)) refused: \(refused)"))
            }
        } catch {
            problems.append(Discrepancy(
                kind: .syncError, table: "", node: client, other: server,
                message: "sync \(client)←\(server) (\(fault)) failed: \(error)"))
        }
        if let watched, let before {
            let peer = watched == client ? server : client
            if rng.chance(percent: 50) {
                try fed[watched].restart()  // a process killed mid-apply comes back
                trace.append("\(step): restart \(watched) after refused page")
            }
            let after = try stateDigest(watched, peer: peer)
            if after != before {
                problems.append(Discrepancy(
                    kind: .partialApply, table: "", node: watched, other: peer,
                    message: "a refused page (\(fault), \(client)←\(server)) left changes at \(watched)"))
            }
            // Fixed: the same sync without the fault goes through.
            do {
                try await fed.sync(client, with: server, pageSize: pageSize)
            } catch {
                problems.append(Discrepancy(
                    kind: .syncError, table: "", node: client, other: server,
                    message: "resync \(client)←\(server) after a refused page failed: \(error)"))
            }
        }
    }

    /// Everything a refused page could have touched at a node.
    func stateDigest(_ id: String, peer: String) throws -> String {
        let store = fed.store(id)
        var parts: [String] = []
        for table in Catalog.tables {
            for row in try store.allRows(table: table.name) {
                let fields = row.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                let versions = row.versions.sorted { $0.key < $1.key }.map { "\($0.key)@\($0.value)" }
                parts.append("\(table.name) \(row.key) \(fields) \(versions)")
            }
        }
        parts.append("changes \(try store.changeCounts().total)")
        parts.append("conflicts \(try store.conflictCounts().total)")
        parts.append("clock \(try store.clockState().hlc)")
        parts.append("pull \(try store.peerState(peer).pullCursor)")
        return parts.joined(separator: "\n")
    }

    /// Every connected pair syncs both ways, round after round, until a round moves nothing.
    func finalSync() async throws {
        for round in 1...10 {
            finalRounds = round
            tick()
            var moved = 0
            for (a, b) in fed.links {
                for (client, server) in [(a, b), (b, a)] {
                    do {
                        let summary = try await fed.sync(client, with: server, pageSize: 200)
                        moved += summary.pushed + summary.pulled
                    } catch {
                        moved += 1
                        problems.append(Discrepancy(
                            kind: .syncError, table: "", node: client, other: server,
                            message: "final sync \(client)←\(server) round \(round) failed: \(error)"))
                    }
                }
            }
            if moved == 0 {
                quiescent = true
                return
            }
        }
        problems.append(Discrepancy(
            kind: .noQuiescence, table: "", node: "", other: nil,
            message: "final sync still moving items after 10 rounds"))
    }
}
