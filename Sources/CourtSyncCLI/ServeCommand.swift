import ArgumentParser
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve this node's change feed over HTTPS with mutual TLS, and sync on schedule.",
        discussion: """
            Only peers listed in peers/ with a valid certificate from the federation CA are served;
            each reads only what its role may read. The sync schedule of courtsync.yaml
            (sync.schedule: a nightly time and/or an interval) runs in the same process: every peer
            is synced at once, and peers that fail are tried again until the round's window ends.
            `courtsync status` shows each peer's last result. SIGTERM or SIGINT stops the server
            after the requests in flight have finished (a pushed batch is applied whole or not at
            all) and stops a running round between pages.
            """)

    @OptionGroup var node: NodeOptions
    @Option(help: "Address to listen on (default: listen.host of courtsync.yaml).") var host: String?
    @Option(help: "Port to listen on, 0 for any free port (default: listen.port).") var port: Int?
    @Flag(name: .customLong("no-schedule"), help: "Serve only; do not run the sync schedule.") var noSchedule = false
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.") var logLevel = "info"

    func run() async throws {
        var logger = Logger(label: "courtsync.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let runtime = try reportingFailures { try NodeRuntime(node, logger: logger) }
        logger[metadataKey: "node"] = "\(runtime.store.identity.nodeID)"
        let service = runtime.service(logger: logger)
        let store = runtime.store
        // The schedule's HTTPS client exists only when a schedule runs.
        let scheduler = runtime.config.schedule.isEnabled && !noSchedule
            ? SyncScheduler(
                syncer: try runtime.syncer(logger: logger), peers: Array(runtime.directory.peers.values),
                schedule: runtime.config.schedule, logger: logger)
            : nil
        let app = try FeedServer.application(
            service: service, identity: runtime.identity, directory: runtime.directory,
            host: host ?? runtime.config.listenHost, port: port ?? runtime.config.listenPort, logger: logger,
            status: { try NodeStatus(store: store, schedule: scheduler?.status) },
            reports: NodeReports.routes(store: store, reference: runtime.context.reference),
            onRunning: { port in
                // Read by scripts and tests: unbuffered, one line.
                FileHandle.standardOutput.write(Data("listening on port \(port)\n".utf8))
            })
        let group = ServiceGroup(
            configuration: .init(
                services: [app] + (scheduler.map { [$0] } ?? []), gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            try? await scheduler?.syncer.shutdown()
            throw error
        }
        try await scheduler?.syncer.shutdown()
        logger.info("stopped")
    }
}
