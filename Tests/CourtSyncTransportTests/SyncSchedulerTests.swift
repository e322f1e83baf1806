import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

@Suite("The sync schedule of a serving node")
struct SyncSchedulerTests {
    @Test("the commented template of `courtsync init` parses to a nightly round at 02:00 Asia/Shanghai")
    func templateSchedule() throws {
        let temporary = TemporaryDirectory()
        try Data(NodeConfig.template(nodeID: "gd0304").utf8).write(to: temporary.url.appendingPathComponent(NodeConfig.fileName))
        let config = try NodeConfig.load(dataDirectory: temporary.url.path)
        #expect(config.schedule.dailyAt == .init(hour: 2, minute: 0))
        #expect(config.schedule.timeZone.identifier == "Asia/Shanghai")
        #expect(config.schedule.interval == nil)
        #expect(config.schedule.window == .seconds(4 * 3600))
        #expect(config.schedule.retryAfter == .seconds(300))
        #expect(config.schedule.jitter == .seconds(600))
        #expect(config.schedule.summary.hasPrefix("daily at 02:00 Asia/Shanghai (UTC+08:00)"), "\(config.schedule.summary)")
    }

    @Test("a malformed schedule is refused naming the field and the reason", arguments: [
        ("daily_at: \"2:00\"", "sync.schedule.daily_at", "not a time of day HH:MM"),
        ("daily_at: \"02:00\"\n    time_zone: Asia/Shenzhen", "sync.schedule.time_zone", "not a time zone name"),
        ("every: 15", "sync.schedule.every", "not a duration"),
        ("every: 2d", "sync.schedule.every", "not a duration"),
        ("daily_at: \"02:00\"\n    window: 0s", "sync.schedule.window", "must be 1s to 24h"),
        ("window: 2h", "sync.schedule.daily_at", "needs daily_at or every"),
        ("every: 10m\n    jitter: 10m", "sync.schedule.jitter", "shorter than the retry window"),
        ("daily_at: \"02:00\"\n    every: 10m\n    jitter: 15m", "sync.schedule.jitter", "shorter than the retry window (10m)"),
        ("daily_at: \"02:05\"\n    every: 10m\n    jitter: 5m", "sync.schedule.jitter", "shorter than the retry window (5m)"),
        ("daily_at: \"02:00\"\n    window: 1h\n    retry_after: 2h", "sync.schedule.retry_after", "or no peer is ever tried again"),
        ("daily_at: \"02:00\"\n    time_zone: CST", "sync.schedule.time_zone", "abbreviations like CST are ambiguous"),
        ("interval: 30m", "sync.schedule.interval", "unknown key; sync.schedule has daily_at, time_zone, every"),
    ])
    func malformedSchedule(body: String, field: String, reason: String) throws {
        let temporary = TemporaryDirectory()
        let text = "sync:\n  schedule:\n    \(body)\n"
        try Data(text.utf8).write(to: temporary.url.appendingPathComponent(NodeConfig.fileName))
        #expect {
            try NodeConfig.load(dataDirectory: temporary.url.path)
        } throws: { error in
            let message = "\(error)"
            return message.contains(NodeConfig.fileName) && message.contains(field) && message.contains(reason)
        }
    }

    @Test("without jitter and retry_after a short schedule gets a quarter of its window for each")
    func shortScheduleDefaults() throws {
        let temporary = TemporaryDirectory()
        try Data("sync:\n  schedule:\n    every: 2m\n".utf8).write(to: temporary.url.appendingPathComponent(NodeConfig.fileName))
        let schedule = try NodeConfig.load(dataDirectory: temporary.url.path).schedule
        #expect(schedule.interval == .seconds(120))
        #expect(schedule.jitter == .seconds(30))
        #expect(schedule.retryAfter == .seconds(30))
    }

    @Test("a misspelt key anywhere in courtsync.yaml is refused, naming it and its line")
    func unknownKeys() throws {
        let temporary = TemporaryDirectory()
        try Data("listen:\n  host: 127.0.0.1\n  prot: 8443\n".utf8).write(to: temporary.url.appendingPathComponent(NodeConfig.fileName))
        #expect {
            try NodeConfig.load(dataDirectory: temporary.url.path)
        } throws: { error in
            "\(error)" == "courtsync.yaml: listen.prot: unknown key; listen has host, port (line 3)"
        }
    }

    @Test("a round syncs every peer at once: a peer that hangs does not hold back the others")
    func hangingPeerDoesNotHoldBackOthers() async throws {
        let fed = try HTTPSFederation(["gd03", "gd0304", "szbar"])
        try fed.store("szbar").populate(cases: 0, lawyers: 25)
        try fed.store("gd0304").populate(cases: 40, lawyers: 25)
        let bar = try await RunningServer(
            store: fed.store("szbar"), identity: try fed.pki.identity("szbar"), directory: fed.directory(of: "szbar"),
            logger: LogCapture().logger(level: .error))
        // gd03 sorts before szbar: syncing one peer after the other would wait on it first.
        let hanging = try SilentListener()
        let syncer = try fed.syncer(
            of: "gd0304", ports: ["gd03": hanging.port, "szbar": bar.port], connectTimeout: .seconds(120),
            logger: LogCapture().logger(level: .error))
        let scheduler = SyncScheduler(
            syncer: syncer, peers: fed.directory(of: "gd0304", ports: ["gd03": hanging.port, "szbar": bar.port]).peers.values.map { $0 },
            schedule: SyncSchedule(interval: .seconds(3600), retryAfter: .seconds(1)),
            logger: LogCapture().logger(level: .error))
        let round = Task { await scheduler.round(deadline: Date().addingTimeInterval(600)) }
        defer { round.cancel() }

        // The registry arrives from the bar and the bar gets its cases while gd03 still hangs.
        var synced = false
        for _ in 0..<1200 {
            let states = try fed.store("gd0304").peerStates()
            if states.first(where: { $0.peerID == "szbar" })?.lastSuccessAt != nil {
                #expect(states.first(where: { $0.peerID == "gd03" })?.lastAttemptAt == nil, "gd03 finished: \(states)")
                synced = true
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(synced, "szbar was not synced while gd03 hung")
        #expect(try fed.store("gd0304").allRows(table: "lawyers").count == 25)
        let status = try NodeStatus(store: fed.store("gd0304"))
        let barStatus = try #require(status.peers.first { $0.peerID == "szbar" })
        #expect(barStatus.error == nil)
        #expect((barStatus.pulled ?? 0) >= 25, "\(barStatus)")
        #expect((barStatus.pushed ?? 0) > 0)
        #expect(barStatus.conflicts == 0)

        round.cancel()
        hanging.close()  // resets the hanging connection
        _ = await round.value
        try await syncer.shutdown()
        try await bar.stop()
    }

    /// gd0304 with a scheduler whose one peer, gd03, is down: its port refuses connections (bound,
    /// then closed; a test may bring gd03 up there later).
    static func downPeer(retryAfter: Duration) throws
        -> (HTTPSFederation, Int, LogCapture, PeerSyncer, SyncScheduler)
    {
        let fed = try HTTPSFederation(["gd03", "gd0304"])
        let port = try SilentListener().port
        let log = LogCapture()
        let syncer = try fed.syncer(
            of: "gd0304", ports: ["gd03": port], connectTimeout: .milliseconds(500), logger: log.logger(level: .error))
        let scheduler = SyncScheduler(
            syncer: syncer, peers: Array(fed.directory(of: "gd0304", ports: ["gd03": port]).peers.values),
            schedule: SyncSchedule(interval: .seconds(3600), retryAfter: retryAfter), logger: log.logger(level: .info))
        return (fed, port, log, syncer, scheduler)
    }

    @Test("a peer that is down is tried again within the window and synced once it is back; its error is in the status meanwhile")
    func downPeerRetriedUntilBack() async throws {
        let (fed, port, log, syncer, scheduler) = try Self.downPeer(retryAfter: .milliseconds(200))
        try fed.store("gd0304").populate(cases: 5, lawyers: 5)
        let round = Task { await scheduler.round(deadline: Date().addingTimeInterval(600)) }

        let retried = await log.waitForEntry(containing: ["sync failed; trying again", "peer=gd03"], timeout: .seconds(300))
        #expect(retried != nil, "no retry logged:\n\(log.text)")
        let failed = try #require(try NodeStatus(store: fed.store("gd0304")).peers.first { $0.peerID == "gd03" })
        #expect(failed.error?.contains("cannot reach gd03") == true, "\(failed)")
        #expect(failed.lastSuccessAt == nil)

        let server = try await RunningServer(
            store: fed.store("gd03"), identity: try fed.pki.identity("gd03"), directory: fed.directory(of: "gd03"),
            logger: LogCapture().logger(level: .critical), port: port)
        let outcomes = await round.value
        try await syncer.shutdown()
        try await server.stop()
        guard case .synced(let summary)? = outcomes["gd03"] else {
            Issue.record("gd03 was not synced once back: \(outcomes)\n\(log.text)")
            return
        }
        #expect(summary.pushed > 0)
        #expect(try !fed.store("gd03").allRows(table: "cases").isEmpty)
        let synced = try #require(try NodeStatus(store: fed.store("gd0304")).peers.first { $0.peerID == "gd03" })
        #expect(synced.error == nil && synced.lastSuccessAt != nil && synced.pushed == summary.pushed)
        #expect(log.entries(containing: "sync round done", "gd03 ok").count == 1, "\(log.text)")
    }

    @Test("once the window has ended a failed peer is not tried again; the round reports it failed")
    func windowEnded() async throws {
        let (fed, _, log, syncer, scheduler) = try Self.downPeer(retryAfter: .milliseconds(100))
        let outcomes = await scheduler.round(deadline: Date())
        try await syncer.shutdown()
        // A peer that calls us (initiate: false) is left out of the schedule.
        var caller = servingPeer("gd0305", port: 1)
        caller.initiates = false
        let withCaller = SyncScheduler(
            syncer: syncer, peers: [caller] + Array(fed.directory(of: "gd0304").peers.values),
            schedule: SyncSchedule(interval: .seconds(3600)), logger: log.logger())
        #expect(withCaller.peers.map(\.nodeID) == ["gd03"])
        guard case .failed(let reason, let transient)? = outcomes["gd03"] else {
            Issue.record("gd03 did not fail: \(outcomes)")
            return
        }
        #expect(transient && reason.contains("cannot reach gd03"), "\(reason)")
        #expect(log.entries(containing: "sync failed; trying again").isEmpty, "\(log.text)")
        #expect(log.entries(containing: "sync failed", "attempt=1").count == 1, "\(log.text)")
        #expect(log.entries(containing: "sync round done", "gd03 failed").count == 1, "\(log.text)")
    }

    @Test("`courtsync serve` runs the schedule of courtsync.yaml on its own; `courtsync status` shows the results")
    func serveRunsSchedule() async throws {
        let pki = try FederationPKI()
        try pki.issue("gd03")
        try pki.issue("gd0304")
        let gd03 = try await NodeDataDirectory.create(nodeID: "gd03", role: .intermediate, court: "粤03")
        try gd03.installCertificate(from: pki)
        var districtEntry = servingPeer("gd0304", port: 1)
        districtEntry.relays = []
        try gd03.writePeer(districtEntry)
        let gd03Store = try gd03.openStore()
        let server = try await RunningServer(
            store: gd03Store, identity: try TLSIdentity(
                certificatePath: gd03.file("tls/gd03.pem"), keyPath: gd03.file("tls/gd03.key"), caPath: gd03.file("tls/ca.pem")),
            directory: PeerDirectory(peers: [districtEntry]), logger: LogCapture().logger(level: .error))

        let district = try await NodeDataDirectory.create(nodeID: "gd0304", role: .district, court: "粤0304")
        try district.installCertificate(from: pki)
        try district.openStore().populate(cases: 12, lawyers: 8)
        var intermediate = servingPeer("gd03", port: server.port)
        intermediate.relays = []
        try district.writePeer(intermediate)
        try district.writeConfig(resolve: [nodeHost("gd03"): "127.0.0.1"], schedule: ["every: 1s", "jitter: 0s"])

        let serve = try ChildProcess.courtsync(["serve", "--port", "0"] + district.dataDirectoryArguments)
        do {
            _ = await serve.waitForLine(startingWith: "listening on port ")
            var status: NodeStatus?
            for _ in 0..<200 {
                let result = try await ChildProcess.runCourtsync(["status", "--format", "json"] + district.dataDirectoryArguments)
                status = try JSONDecoder().decode(NodeStatus.self, from: Data(result.stdout.utf8))
                if status?.peers.first(where: { $0.peerID == "gd03" })?.lastSuccessAt != nil { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let peer = try #require(status?.peers.first { $0.peerID == "gd03" }, "no gd03 result; stderr:\n\(serve.stderr)")
            #expect(peer.lastSuccessAt != nil, "\(peer); stderr:\n\(serve.stderr)")
            #expect((peer.pushed ?? 0) > 100, "\(peer)")
            #expect(try !gd03Store.allRows(table: "cases").isEmpty)
            #expect(status?.schedule?.summary.hasPrefix("every 1s") == true)

            let table = try await ChildProcess.runCourtsync(["status"] + district.dataDirectoryArguments)
            #expect(table.stdout.contains("schedule: every 1s"), "\(table.stdout)")
            #expect(table.stdout.contains("ok: pushed"), "\(table.stdout)")

            serve.send(SIGTERM)
            let exit = try await serve.wait(timeout: .seconds(20))
            #expect(exit.succeeded, "serve ended with \(exit); stderr:\n\(serve.stderr)")
            #expect(serve.stderr.contains("sync schedule: every 1s"), "\(serve.stderr)")
        } catch {
            await serve.terminate()
            throw error
        }
        try await server.stop()
    }
}
