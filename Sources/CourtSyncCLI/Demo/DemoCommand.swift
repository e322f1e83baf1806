import ArgumentParser
import CourtSyncModel
import CourtSyncReplication
import CourtSyncReports
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a whole federation on this machine and show what it does, in about a minute.",
        discussion: """
            Builds the intermediate court 粤03, the districts 粤0304 福田, 粤0305 南山 and 粤0306 宝安 and
            the bar association as five nodes on 127.0.0.1, with a fresh demo PKI and generated cases;
            runs a nightly round; makes a lawyer's e-service address change at a court and at the bar
            between two rounds and shows how the conflict was resolved and where it was recorded;
            prints the intermediate court's statistics and a lawyer's case list; writes an HTML
            report and an .ics calendar; and shuts the servers down. The nodes' directories are kept
            so that every other command can be tried on them.
            """)

    @Option(help: "Directory for the federation (default: a new temporary directory). Must not exist yet.")
    var dir: String?
    @Option(help: "Cases per district court.") var cases = 3000
    @Option(help: "Lawyers in the bar association's registry.") var lawyers = 400
    @Option(help: "Random seed of the generated data.") var seed: UInt64 = 2020

    func validate() throws {
        guard (10...200_000).contains(cases) else { throw ArgumentParser.ValidationError("--cases must be 10 to 200000") }
        guard (10...100_000).contains(lawyers) else { throw ArgumentParser.ValidationError("--lawyers must be 10 to 100000") }
    }

    func run() async throws {
        try await reportingFailures {
            let root = try demoDirectory()
            try await DemoRun(root: root, casesPerDistrict: cases, lawyers: lawyers, seed: seed).run()
        }
    }

    private func demoDirectory() throws -> URL {
        if let dir {
            let url = URL(fileURLWithPath: dir)
            if FileManager.default.fileExists(atPath: url.path),
                !((try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty ?? false)
            {
                throw CLIFailure("\(dir) exists and is not empty", hint: "give a new directory, or leave out --dir")
            }
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "courtsync-demo-\(ProcessInfo.processInfo.processIdentifier)-\(Int(Date().timeIntervalSince1970))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One run of the demo: each step prints what it did and where to look.
struct DemoRun {
    let root: URL
    let casesPerDistrict: Int
    let lawyers: Int
    let seed: UInt64
    let started = Date()
    let reference = ReferenceData.bundled
    /// The demo's "today": the sample data is generated as of this date in China Standard Time.
    let today: CivilDate

    init(root: URL, casesPerDistrict: Int, lawyers: Int, seed: UInt64) {
        self.root = root
        self.casesPerDistrict = casesPerDistrict
        self.lawyers = lawyers
        self.seed = seed
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SyncSchedule.defaultTimeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        today = CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    func run() async throws {
        var logger = Logger(label: "courtsync.demo")
        logger.logLevel = .critical
        intro()

        step(1, "A federation CA and five nodes")
        let federation = try DemoFederation.create(root: root, reference: reference)
        say("made a throw-away CA (\(path("ca/ca.pem"))) and one certificate per node, SAN urn:courtsync:node:<id>;")
        say("each node has its own directory like `courtsync init` makes: database, courtsync.yaml, tls/ (keys 0600), peers/")

        step(2, "Sample data, generated as of \(today) (seed \(seed))")
        let written = try federation.generate(
            casesPerDistrict: casesPerDistrict, lawyers: lawyers, firms: max(1, lawyers / 8), seed: seed, asOf: today)
        for id in ["szbar", "gd0304", "gd0305", "gd0306", "gd03"] {
            let store = federation.node(id).store
            let what =
                id == "szbar"
                ? "\(n(try store.count("lawyers"))) lawyers, \(n(try store.count("law_firms"))) law firms"
                : "\(n(try store.count("cases"))) cases" + (id == "gd03" ? " (appeals of its districts' cases)" : "")
            say("\(pad(id, 7)) \(what)  (\(n(written[id] ?? 0)) rows, each write logged as a change)")
        }

        step(3, "Five HTTPS servers with mutual TLS on 127.0.0.1")
        let servers = try await DemoServers(
            federation, routes: { NodeReports.routes(store: $0.store, reference: reference) }, logger: logger)
        let directories: [String: PeerDirectory]
        do {
            directories = try federation.writePeers(ports: servers.ports)
        } catch {
            try? await servers.stop()
            throw error
        }
        for member in DemoFederation.members {
            say("\(pad(member.id, 7)) https://127.0.0.1:\(servers.ports[member.id]!)  \(memberTitle(member))")
        }
        say("a node accepts only peers listed in its peers/ with a certificate from the federation CA,")
        say("and sends each only what its role may see (the bar never gets personal data or sealed cases).")

        var syncers: [String: PeerSyncer] = [:]
        do {
            for (id, node) in federation.nodes {
                syncers[id] = try PeerSyncer(
                    store: node.store, directory: directories[id]!,
                    context: ValidationContext(reference: reference, currentYear: today.year, strictLicences: false),
                    identity: node.identity,
                    resolve: Dictionary(uniqueKeysWithValues: DemoFederation.peers(of: id).map { (DemoFederation.host($0), "127.0.0.1") }),
                    pageSize: 2000, retry: RetryPolicy(attempts: 3), logger: logger)
            }
            try await scenario(federation, directories: directories, syncers: syncers, logger: logger)
        } catch {
            for syncer in syncers.values { try? await syncer.shutdown() }
            try? await servers.stop()
            throw error
        }
        for syncer in syncers.values { try? await syncer.shutdown() }

        step(9, "Shutting down")
        try await servers.stop()
        say("all five servers stopped after finishing their requests (as on SIGTERM).")
        print("")
        print("Done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s. The nodes are kept in \(root.path):")
        print("  courtsync status    --data-dir \(path("gd0304"))")
        print("  courtsync conflicts list --data-dir \(path("szbar"))")
        print("  courtsync stats     --data-dir \(path("gd03")) --period quarter")
        print("  courtsync lawyer-cases --data-dir \(path("szbar")) --firm SZF0001")
        print("Remove the directory when done: rm -r \(root.path)")
    }

    private func scenario(
        _ federation: DemoFederation, directories: [String: PeerDirectory], syncers: [String: PeerSyncer], logger: Logger
    ) async throws {
        step(4, "The nightly round")
        say("what `courtsync serve` runs at 02:00 Asia/Shanghai: a node syncs with every peer it calls, all at once")
        say("(the districts call the intermediate court and the bar: they pull the lawyer registry and push their")
        say("cases; the intermediate court calls the bar; peers/ files say `initiate: false` for peers that call us)")
        try await round(federation, nodes: DemoFederation.districtIDs, syncers: syncers, logger: logger)
        try await round(federation, nodes: ["gd03"], syncers: syncers, logger: logger)
        let gd03 = federation.node("gd03").store
        let bar = federation.node("szbar").store
        let districtCases = try gd03.count("cases", where: "court_code <> '粤03'")
        let exposed = try gd03.count(
            "parties",
            where: """
                (id_number IS NOT NULL OR address IS NOT NULL OR phone IS NOT NULL)
                AND case_number IN (SELECT case_number FROM cases WHERE court_code <> '粤03' AND appeal_result IS NULL)
                """)
        say("gd03 now holds \(n(districtCases)) cases of its districts, minimised: \(n(exposed)) parties with an ID number,")
        say("   address or phone outside the cases before it on appeal; sealed cases only as statistics")
        say("szbar now holds \(n(try bar.count("cases"))) cases in which its lawyers are counsel of record, "
            + "\(n(try bar.count("parties"))) party rows, \(n(try bar.count("cases", where: "sealed = 1"))) sealed cases")

        step(5, "A conflict: one lawyer's e-service address, changed at a court and at the bar")
        let lawyerID = try busiestLawyer(bar, district: federation.node("gd0304").store)
        let lawyer = try bar.fetch(Lawyer.self, key: lawyerID)!
        let courtValue = "\(lawyerID.lowercased())@court-confirmed.example"
        let barValue = "\(lawyerID.lowercased())@szlawyer.example"
        try federation.node("gd0304").store.write { _ = try $0.update("lawyers", key: lawyerID, ["e_service_address": .text(courtValue)]) }
        try bar.write { _ = try $0.update("lawyers", key: lawyerID, ["e_service_address": .text(barValue)]) }
        say("福田 court (gd0304) records the address \(lawyer.name) (\(lawyerID)) confirmed at the court: \(courtValue)")
        say("a moment later the bar association (szbar) changes it in its registry:     \(barValue)")
        say("the next night's round:")
        try await round(federation, nodes: ["gd0304"], syncers: syncers, logger: logger)
        try await round(federation, nodes: ["gd03"], syncers: syncers, logger: logger)
        for id in ["gd0304", "szbar", "gd03"] {
            let value = try federation.node(id).store.fetch(Lawyer.self, key: lawyerID)?.eServiceAddress ?? "-"
            say("\(pad(id, 7)) now has \(value)")
        }
        for id in ["gd0304", "szbar"] {
            let store = federation.node(id).store
            for conflict in try store.conflicts(ConflictFilter(table: "lawyers", limit: 10)) where conflict.key == lawyerID {
                say("\(pad(id, 7)) recorded conflict #\(conflict.id): field \(conflict.field), rule \"\(conflict.rule)\", kept the \(conflict.winner) value "
                    + "(\(conflict.winner == "local" ? conflict.localValue : conflict.remoteValue) written at \(conflict.winner == "local" ? conflict.localVersion.origin : conflict.remoteVersion.origin))")
            }
        }
        say("every node applies the same rule to the same versions, so all agree without talking it over;")
        say("the record stays for review: courtsync conflicts list --data-dir \(path("gd0304"))  (docs/CONFLICTS.md)")

        step(6, "Statistics of the intermediate court for its districts, \(today.year - 1) and \(today.year) so far")
        let districtCourts = DemoFederation.members.filter { $0.role == .district }.compactMap(\.court)
        let query = try StatisticsQuery.parse(
            period: "year", from: "\(today.year - 1)", to: "\(today.year)", courts: districtCourts, by: "court")
        let report = try Statistics.compute(store: gd03, query: query, reference: reference)
        print(indent(report.table()))
        let monthly = try Statistics.compute(
            store: gd03,
            query: try StatisticsQuery.parse(
                period: "month", from: "\(today.year - 1)-01", to: String(today.description.prefix(7)), courts: districtCourts,
                by: "court"),
            reference: reference)
        let html = root.appendingPathComponent("statistics.html")
        try monthly.html(title: "深圳市中级人民法院 辖区法院司法统计（演示数据）").write(to: html, atomically: true, encoding: .utf8)
        say("HTML report with monthly trends and the online-service shares: \(html.path)")
        say("same figures as CSV or JSON: courtsync stats --data-dir \(path("gd03")) --format csv; over HTTPS: GET /v1/stats")

        step(7, "A lawyer's case list at the bar association")
        let list = try LawyerCaseList.build(store: bar, selection: .lawyer(lawyerID), asOf: Date(), reference: reference)
        var open = list
        open.cases = list.cases.filter { $0.status != .closed }
        say("\(list.cases.count) cases in all across the courts; the \(open.cases.count) still open:")
        print(indent(open.table()))
        let ics = root.appendingPathComponent("\(lawyerID).ics")
        try list.ics(now: Date()).write(to: ics, atomically: true, encoding: .utf8)
        say("calendar of \(list.upcomingHearings.count) upcoming hearings, for any calendar program: \(ics.path)")
        say("the whole list: courtsync lawyer-cases --data-dir \(path("szbar")) --lawyer \(lawyerID)  (--format csv|json|ics)")
        say("over HTTPS: GET /v1/lawyers/\(lawyerID)/cases (?format=ics for the calendar)")

        step(8, "Every node's view of its peers (courtsync status)")
        for id in ["gd0304", "gd03"] {
            for peer in try NodeStatus(store: federation.node(id).store).peers {
                say("\(pad(id, 7)) ↔ \(pad(peer.peerID, 7)) last sync \(peer.lastAttemptAt ?? "-")  \(peer.resultText)")
            }
        }
    }

    /// One round at each of `nodes` (all at once), printing each peer's result.
    private func round(
        _ federation: DemoFederation, nodes: [String], syncers: [String: PeerSyncer], logger: Logger
    ) async throws {
        let outcomes = await withTaskGroup(of: (String, [String: PeerOutcome]).self) { group in
            for id in nodes {
                let scheduler = SyncScheduler(
                    syncer: syncers[id]!, peers: Array(syncers[id]!.directory.peers.values),
                    schedule: SyncSchedule(dailyAt: .init(hour: 2, minute: 0)), logger: logger)
                group.addTask { (id, await scheduler.round(deadline: Date().addingTimeInterval(60))) }
            }
            var all: [String: [String: PeerOutcome]] = [:]
            for await (id, outcome) in group { all[id] = outcome }
            return all
        }
        var failed: [String] = []
        for id in nodes {
            for (peer, outcome) in outcomes[id, default: [:]].sorted(by: { $0.key < $1.key }) {
                switch outcome {
                case .synced(let s):
                    say("\(pad(id, 7)) ↔ \(pad(peer, 7)) pushed \(pad(n(s.pushed), 7, right: true)), pulled \(pad(n(s.pulled), 7, right: true)), "
                        + "conflicts \(s.applied.conflicts)  (\(String(format: "%.1f", s.seconds)) s)")
                case .failed(let reason, _):
                    say("\(pad(id, 7)) ↔ \(pad(peer, 7)) FAILED: \(reason)")
                    failed.append("\(id)↔\(peer)")
                }
            }
        }
        if !failed.isEmpty {
            throw CLIFailure("sync failed: \(failed.joined(separator: ", "))", hint: "the reasons are above")
        }
    }

    /// A lawyer of the registry who is counsel at 福田, with the most upcoming hearings at the bar
    /// (then the most open cases), so that the calendar has something in it.
    private func busiestLawyer(_ bar: NodeStore, district: NodeStore) throws -> String {
        let hearings = try bar.upcomingHearingCounts(after: StatusTime.text(Date()))
        let open = try bar.lawyerCaseCounts(pendingOnly: true)
        let atDistrict = Set(try district.lawyerCaseCounts().keys)
        let candidates = Set(open.keys).union(hearings.keys).filter { atDistrict.contains($0) }
        guard let best = candidates.max(by: { a, b in
            (hearings[a, default: 0], open[a, default: 0], b) < (hearings[b, default: 0], open[b, default: 0], a)
        })
        else { throw CLIFailure("no lawyer is counsel of record at 福田 and known at the bar", hint: "try more --cases") }
        return best
    }

    private func intro() {
        print("""
            courtsync demo: a federation of courts on this machine
              gd03    粤03    深圳市中级人民法院      intermediate court: supervision, appeals, statistics
              gd0304  粤0304  深圳市福田区人民法院    district court
              gd0305  粤0305  深圳市南山区人民法院    district court
              gd0306  粤0306  深圳市宝安区人民法院    district court
              szbar           深圳市律师协会          bar association: lawyer registry, lawyers' case lists
            Each node is one process's worth of work: its own SQLite database, TLS identity and HTTPS server.
            Working in \(root.path)
            """)
    }

    private func memberTitle(_ member: DemoFederation.Member) -> String {
        member.court.flatMap { reference.court(code: $0).map { "\($0.code) \($0.name)" } } ?? "深圳市律师协会"
    }

    private func step(_ number: Int, _ title: String) {
        print("\n\(number). \(title)  [\(String(format: "%.1f", Date().timeIntervalSince(started))) s]")
    }

    private func say(_ line: String) { print("   " + line) }
    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
    private func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    private func n(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - TextTable.displayWidth(text)))
        return right ? padding + text : text + padding
    }
}
