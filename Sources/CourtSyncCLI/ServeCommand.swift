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
        abstract: "Serve this node's change feed over HTTPS with mutual TLS.",
        discussion: """
            Only peers listed in peers/ with a valid certificate from the federation CA are served;
            each reads only what its role may read. SIGTERM or SIGINT stops the server after the
            requests in flight have finished (a pushed batch is applied whole or not at all).
            """)

    @OptionGroup var node: NodeOptions
    @Option(help: "Address to listen on (default: listen.host of courtsync.yaml).") var host: String?
    @Option(help: "Port to listen on, 0 for any free port (default: listen.port).") var port: Int?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.") var logLevel = "info"

    func run() async throws {
        var logger = Logger(label: "courtsync.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let runtime = try reportingFailures { try NodeRuntime(node, logger: logger) }
        logger[metadataKey: "node"] = "\(runtime.store.identity.nodeID)"
        let service = runtime.service(logger: logger)
        let store = runtime.store
        let app = try FeedServer.application(
            service: service, identity: runtime.identity, directory: runtime.directory,
            host: host ?? runtime.config.listenHost, port: port ?? runtime.config.listenPort, logger: logger,
            status: { try NodeStatus(store: store) },
            onRunning: { port in
                // Read by scripts and tests: unbuffered, one line.
                FileHandle.standardOutput.write(Data("listening on port \(port)\n".utf8))
            })
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("stopped")
    }
}
