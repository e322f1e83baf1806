import ArgumentParser
import CourtSyncModel
import CourtSyncReports
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync with peers now: pull what is new, push what they have not acknowledged.",
        discussion: """
            Peers whose file says `initiate: false` call this node themselves and are left alone
            unless named with --peer. Each pulled page is applied in one transaction with its cursor, so an interrupted sync
            resumes where it stopped with nothing lost and nothing applied twice. Network failures are
            retried with exponential back-off; refused certificates or batches are not. A peer that
            fails does not stop the others; the exit status is 1 if any failed.
            """)

    @OptionGroup var node: NodeOptions
    @Option(help: "Only this peer (node id).") var peer: String?
    @Option(name: .customLong("page-size"), help: "Changes per page (default: sync.page_size).") var pageSize: Int?

    func run() async throws {
        var logger = Logger(label: "courtsync.sync")
        logger.logLevel = .warning
        let runtime = try reportingFailures { try NodeRuntime(node, logger: logger) }
        let peers = try reportingFailures { () throws -> [PeerEntry] in
            if let peer {
                guard let entry = runtime.directory.peer(peer) else {
                    throw CLIFailure("\(peer) is not in peers/", hint: "known peers: \(runtime.directory.peers.keys.sorted().joined(separator: ", "))")
                }
                return [entry]
            }
            let called = runtime.directory.peers.values.filter(\.initiates).sorted { $0.nodeID < $1.nodeID }
            guard !called.isEmpty else {
                throw CLIFailure(
                    "every peer in peers/ calls this node (initiate: false); there is no one to call",
                    hint: "name one with --peer to call it anyway")
            }
            return called
        }
        var syncer = try runtime.syncer(logger: logger)
        if let pageSize { syncer.pageSize = pageSize }
        var failures: [String] = []
        for entry in peers {
            let display = ProgressDisplay(label: "sync \(entry.nodeID)")
            let outcome = await syncer.sync(
                entry, progress: { progress in display.update(rows: progress.items) },
                onRetry: { attempt, error, wait in printError("sync \(entry.nodeID): \(error); retry \(attempt) in \(wait)") })
            display.finish()
            switch outcome {
            case .synced(let summary): print(summary.line)
            case .failed(let reason, _):
                printError("sync \(entry.nodeID) failed: \(reason)")
                failures.append(entry.nodeID)
            }
        }
        try await syncer.shutdown()
        if !failures.isEmpty {
            throw CLIFailure(
                "sync failed with \(failures.joined(separator: ", "))",
                hint: "see the reasons above; `courtsync status` shows each peer's last result")
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "This node's identity, clock, change log and each peer's last sync.")

    @OptionGroup var node: NodeOptions
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            let config = try NodeConfig.load(dataDirectory: node.resolvedDataDirectory)
            let status = try NodeStatus(store: store, schedule: ScheduleStatus(schedule: config.schedule))
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(status), as: UTF8.self))
                return
            }
            print("node \(status.nodeID) (\(status.role)\(status.court.map { ", \($0)" } ?? "")), schema \(status.schemaVersion)")
            print("changes held \(status.changes), made here \(status.localChanges), clock \(status.clock)")
            if let schedule = status.schedule {
                print("schedule: \(schedule.summary)")
                if let next = schedule.nextRoundAt { print("next round due \(next) (while `courtsync serve` runs)") }
            }
            var table = TextTable(headers: ["peer", "pulled up to", "pushed up to", "last attempt", "last success", "last result"])
            for peer in status.peers {
                table.append([
                    peer.peerID, String(peer.pullCursor), String(peer.pushCursor), peer.lastAttemptAt ?? "-",
                    peer.lastSuccessAt ?? "-", String(peer.resultText.prefix(100)),
                ])
            }
            print(table.render())
        }
    }
}
