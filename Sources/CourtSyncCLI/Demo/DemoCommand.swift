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

    func intro() {
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

    func memberTitle(_ member: DemoFederation.Member) -> String {
        member.court.flatMap { reference.court(code: $0).map { "\($0.code) \($0.name)" } } ?? "深圳市律师协会"
    }

    func step(_ number: Int, _ title: String) {
        print("\n\(number). \(title)  [\(String(format: "%.1f", Date().timeIntervalSince(started))) s]")
    }

    func say(_ line: String) { print("   " + line) }
    func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    func n(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        TextTable.pad(text, to: width, right: right)
    }
}
