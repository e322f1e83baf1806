import CourtSyncModel
import CourtSyncReplication
import CourtSyncSampleData
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging
import ServiceLifecycle

/// A nightly round: `districts` basic courts under 粤03 (粤0303, 粤0304, …), each having changed
/// `casesPerDistrict` cases since the last round, sync with the intermediate court gd03 at once,
/// as each district's `courtsync serve` schedule does it: over HTTPS with mutual TLS on 127.0.0.1
/// (gd03's `FeedServer`, each district's `SyncScheduler.round` with its `PeerSyncer`). Side by side,
/// in the same rounds, the same sessions run against gd03's `FeedService` in memory
/// (`InMemoryPeerFeed`): the same validation, authority checks and apply, without HTTP and TLS.
func nightlyBenchmark(casesPerDistrict: Int, districts count: Int, rounds: Int) async throws {
    let courts = Array(SampleGenerator(seed: 2020).districts(of: "粤03").prefix(count))
    guard courts.count == count else { fail("粤03 has only \(courts.count) basic courts") }
    let hub = PeerInfo(nodeID: "gd03", role: .intermediate, courtCode: "粤03")
    let districts = courts.map { PeerInfo(nodeID: "gd" + $0.dropFirst(), role: .district, courtCode: $0) }
    let directory = benchBase.appendingPathComponent("courtsync-bench-nightly-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var logger = Logger(label: "courtsync-bench")
    logger.logLevel = .error

    // A federation PKI made in-process: one CA, a certificate per node.
    let pki = directory.appendingPathComponent("pki")
    try FileManager.default.createDirectory(at: pki, withIntermediateDirectories: true)
    let ca = try PKI.makeCA(commonName: "courtsync bench CA", organization: "courtsync bench", validDays: 3)
    let caPath = pki.appendingPathComponent("ca.pem").path
    try PKI.write(ca, certificatePath: caPath, keyPath: pki.appendingPathComponent("ca.key").path)
    var identities: [String: TLSIdentity] = [:]
    for node in [hub] + districts {
        let issued = try PKI.issueNode(
            nodeID: node.nodeID, dnsNames: [host(node.nodeID)], ipAddresses: [], validDays: 2,
            notBefore: Date().addingTimeInterval(-60), by: ca)
        let (certificate, key) = (pki.appendingPathComponent("\(node.nodeID).pem").path, pki.appendingPathComponent("\(node.nodeID).key").path)
        try PKI.write(issued, certificatePath: certificate, keyPath: key)
        identities[node.nodeID] = try TLSIdentity(certificatePath: certificate, keyPath: key, caPath: caPath)
    }

    // The state before the round, made once: every district's cases fully synced to gd03, then
    // each district's changes of the day.
    let base = directory.appendingPathComponent("base")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    try await prepareNightly(
        at: base, hub: hub, districts: districts, casesPerDistrict: casesPerDistrict, logger: logger)

    var times: [Bool: [Double]] = [true: [], false: []]
    var totals: [Bool: RoundTotals] = [:]
    for round in 0..<rounds {
        for network in round % 2 == 0 ? [true, false] : [false, true] {
            let copy = directory.appendingPathComponent("r\(round)-\(network ? "https" : "memory")")
            try copyDatabases(from: base, to: copy)
            let (elapsed, result) = network
                ? try await httpsRound(at: copy, hub: hub, districts: districts, identities: identities, logger: logger)
                : try await inMemoryRound(at: copy, hub: hub, districts: districts, logger: logger)
            times[network]!.append(elapsed)
            if let previous = totals[network], previous != result {
                fail("rounds moved different changes: \(previous) and \(result)")
            }
            totals[network] = result
            try? FileManager.default.removeItem(at: copy)
        }
        print("  round \(round + 1): https \(String(format: "%.2f s", times[true]!.last!)), "
            + "in memory \(String(format: "%.2f s", times[false]!.last!))")
    }
    let https = totals[true]!
    guard https == totals[false]! else { fail("https moved \(https), in memory \(totals[false]!)") }
    let rate = { (t: Double) in String(format: "%.0f changes/s", Double(https.pushed) / t) }
    print("\n\(count) districts × \(casesPerDistrict) changed cases into gd03, \(rounds) rounds: "
        + "pushed \(https.pushed) changes, pulled \(https.pulled); gd03 holds \(https.hubHearings) hearings after the round")
    print("  https, mutual TLS   median \(String(format: "%.2f s", median(times[true]!)))  \(rate(median(times[true]!)))"
        + "  (rounds " + times[true]!.map { String(format: "%.2f", $0) }.joined(separator: " ") + ")")
    print("  in memory           median \(String(format: "%.2f s", median(times[false]!)))  \(rate(median(times[false]!)))"
        + "  (rounds " + times[false]!.map { String(format: "%.2f", $0) }.joined(separator: " ") + ")")
    print("  ratio https / in memory \(ratioText(times[true]!, times[false]!))")
}

/// What a round moved, summed over the districts.
struct RoundTotals: Equatable, CustomStringConvertible {
    var pushed = 0
    var pulled = 0
    var applied = 0
    var conflicts = 0
    /// Hearings at gd03 after the round (each changed case brought one).
    var hubHearings = 0

    mutating func add(_ summary: SyncSummary) {
        pushed += summary.pushed
        pulled += summary.pulled
        applied += summary.applied.applied
        conflicts += summary.applied.conflicts
    }

    var description: String {
        "pushed \(pushed), pulled \(pulled), applied \(applied), conflicts \(conflicts), hearings at gd03 \(hubHearings)"
    }
}

private func host(_ nodeID: String) -> String { "\(nodeID).nodes.courtsync.test" }

private func databasePath(_ directory: URL, _ node: PeerInfo) -> String {
    directory.appendingPathComponent("\(node.nodeID).sqlite").path
}

private let validation = ValidationContext(currentYear: 2025, strictLicences: false)

/// Generates each district's cases, syncs them all to gd03 (in memory, not timed), then changes
/// every case at every district: pending cases are closed by judgment (status, stage, closing
/// date and method), closed ones archived and given another judge, and each case gets a new
/// scheduled hearing.
private func prepareNightly(
    at base: URL, hub: PeerInfo, districts: [PeerInfo], casesPerDistrict: Int, logger: Logger
) async throws {
    let generator = SampleGenerator(seed: 2020)
    let hubStore = try NodeStore.create(at: databasePath(base, hub), identity: NodeIdentity(nodeID: hub.nodeID, role: .intermediate, courtCode: hub.courtCode))
    let service = FeedService(store: hubStore, peers: districts, context: validation, logger: logger)
    var initial = RoundTotals()
    var changes = 0
    let elapsed = try await seconds {
        for district in districts {
            let store = try NodeStore.create(
                at: databasePath(base, district),
                identity: NodeIdentity(nodeID: district.nodeID, role: .district, courtCode: district.courtCode))
            var cases: [CourtCase] = []
            try store.write { w in
                try generator.court(code: district.courtCode!, cases: casesPerDistrict, registryLawyers: 2_000) { record in
                    if case .courtCase(let c) = record { cases.append(c) }
                    try w.insert(into: record.table, record.fieldSet)
                }
            }
            var session = SyncSession(
                store: store, peer: hub, peers: [hub], feed: InMemoryPeerFeed(service: service, client: district),
                context: validation, logger: logger)
            session.pageSize = 2_000
            initial.add(try await session.run())
            let before = try store.clockState().localChanges
            try store.write { w in
                for (index, c) in cases.enumerated() {
                    if c.status == .closed {
                        // Archived (many already are) and reassigned: `judge` is a column the
                        // intermediate court receives (`notes` is sealed-class and would not travel).
                        try w.update("cases", key: c.caseNumber, [
                            "stage": .text(CaseStage.archived.rawValue), "judge": .text("归档复核法官"),
                        ])
                    } else {
                        try w.update("cases", key: c.caseNumber, [
                            "status": .text(CaseStatus.closed.rawValue), "stage": .text(CaseStage.decided.rawValue),
                            "closed_date": .text("2025-06-30"), "closing_method": .text(ClosingMethod.judgment.rawValue),
                        ])
                    }
                    let online = index % 2 == 0
                    let hearing = Hearing(
                        id: UUIDv7.make(), caseNumber: c.caseNumber,
                        scheduledAt: "2025-07-\(10 + index % 20)T\(online ? "09" : "14"):30:00+08:00",
                        mode: online ? .online : .offline, platform: online ? "深圳移动微法院" : nil,
                        courtroom: online ? nil : "第\(index % 12 + 1)法庭", status: .scheduled)
                    try w.insert(into: Hearing.table, hearing.fieldSet)
                }
            }
            changes += Int(try store.clockState().localChanges - before)
        }
    }
    print("gd03 holds \(try hearings(hubStore)) hearings before the round")
    print("prepared \(districts.count) districts × \(casesPerDistrict) cases; initial sync in memory "
        + "(\(initial.pushed) changes pushed) and the day's changes (\(changes) change-log rows) in "
        + String(format: "%.0f s", elapsed))
}

/// Copies each node's database files (the stores that wrote them are closed).
private func copyDatabases(from source: URL, to target: URL) throws {
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
        try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
    }
}

/// The round over HTTPS: gd03 serves its feed with mutual TLS on 127.0.0.1; every district runs
/// one round of its sync schedule with gd03 as its peer, all at once. Timed from the start of the
/// rounds (first connection, TLS handshakes included) until the last district is done.
private func httpsRound(
    at directory: URL, hub: PeerInfo, districts: [PeerInfo], identities: [String: TLSIdentity], logger: Logger
) async throws -> (Double, RoundTotals) {
    let hubStore = try NodeStore.open(at: databasePath(directory, hub))
    let service = FeedService(store: hubStore, peers: districts, context: validation, logger: logger)
    let hubPeers = PeerDirectory(peers: districts.map { entry($0, port: 1) })
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = try FeedServer.application(
        service: service, identity: identities[hub.nodeID]!, directory: hubPeers, host: "127.0.0.1", port: 0,
        logger: logger, status: { try NodeStatus(store: hubStore) }, onRunning: { continuation.yield($0) })
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    let server = Task { try await group.run() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }

    let hubEntry = entry(hub, port: port)
    var schedulers: [SyncScheduler] = []
    for district in districts {
        let syncer = try PeerSyncer(
            store: try NodeStore.open(at: databasePath(directory, district)), directory: PeerDirectory(peers: [hubEntry]),
            context: validation, identity: identities[district.nodeID]!, resolve: [host(hub.nodeID): "127.0.0.1"],
            pageSize: 2_000, retry: RetryPolicy(attempts: 1), logger: logger)
        schedulers.append(SyncScheduler(
            syncer: syncer, peers: [hubEntry], schedule: SyncSchedule(dailyAt: SyncSchedule.TimeOfDay(hour: 2, minute: 0)),
            logger: logger))
    }
    var outcomes: [String: PeerOutcome] = [:]
    let deadline = Date().addingTimeInterval(3_600)
    let elapsed = await seconds {
        outcomes = await withTaskGroup(of: (String, PeerOutcome?).self) { group in
            for (district, scheduler) in zip(districts, schedulers) {
                group.addTask { (district.nodeID, await scheduler.round(deadline: deadline)[hub.nodeID]) }
            }
            var outcomes: [String: PeerOutcome] = [:]
            for await (district, outcome) in group { outcomes[district] = outcome }
            return outcomes
        }
    }
    for scheduler in schedulers { try await scheduler.syncer.shutdown() }
    await group.triggerGracefulShutdown()
    try await server.value
    var totals = RoundTotals(hubHearings: try hearings(hubStore))
    for district in districts {
        switch outcomes[district.nodeID] {
        case .synced(let summary): totals.add(summary)
        case .failed(let reason, _): fail("\(district.nodeID) failed to sync over https: \(reason)")
        case nil: fail("\(district.nodeID) did not sync")
        }
    }
    return (elapsed, totals)
}

/// The same round without the network: each district's sync session calls gd03's feed service
/// in this process, all at once.
private func inMemoryRound(
    at directory: URL, hub: PeerInfo, districts: [PeerInfo], logger: Logger
) async throws -> (Double, RoundTotals) {
    let hubStore = try NodeStore.open(at: databasePath(directory, hub))
    let service = FeedService(store: hubStore, peers: districts, context: validation, logger: logger)
    var sessions: [SyncSession] = []
    for district in districts {
        var session = SyncSession(
            store: try NodeStore.open(at: databasePath(directory, district)), peer: hub, peers: [hub],
            feed: InMemoryPeerFeed(service: service, client: district), context: validation, logger: logger)
        session.pageSize = 2_000
        sessions.append(session)
    }
    var totals = RoundTotals()
    let elapsed = try await seconds {
        totals = try await withThrowingTaskGroup(of: SyncSummary.self) { group in
            for session in sessions { group.addTask { try await session.run() } }
            var totals = RoundTotals()
            for try await summary in group { totals.add(summary) }
            return totals
        }
    }
    totals.hubHearings = try hearings(hubStore)
    return (elapsed, totals)
}

private func hearings(_ store: NodeStore) throws -> Int {
    try store.rowCounts().first { $0.table == Hearing.table }?.rows ?? 0
}

private func entry(_ node: PeerInfo, port: Int) -> PeerEntry {
    PeerEntry(
        nodeID: node.nodeID, role: node.role, courtCode: node.courtCode,
        url: URL(string: "https://\(host(node.nodeID)):\(port)")!)
}
