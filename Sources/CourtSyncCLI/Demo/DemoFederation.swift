import CourtSyncModel
import CourtSyncReplication
import CourtSyncSampleData
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging
import ServiceLifecycle

/// The local federation `courtsync demo` builds: five nodes, each a real data directory
/// (database, courtsync.yaml, tls/, peers/) as `courtsync init` and `courtsync certs` make them,
/// served over mutual TLS on 127.0.0.1.
struct DemoFederation {
    struct Member: Sendable {
        let id: String
        let role: NodeRole
        let court: String?
    }

    struct Node: Sendable {
        let member: Member
        let directory: URL
        let store: NodeStore
        let identity: TLSIdentity

        var id: String { member.id }
        var host: String { DemoFederation.host(id) }
        func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }
    }

    static let members = [
        Member(id: "gd03", role: .intermediate, court: "粤03"),
        Member(id: "gd0304", role: .district, court: "粤0304"),
        Member(id: "gd0305", role: .district, court: "粤0305"),
        Member(id: "gd0306", role: .district, court: "粤0306"),
        Member(id: "szbar", role: .bar, court: nil),
    ]
    static var districtIDs: [String] { members.filter { $0.role == .district }.map(\.id) }

    static func host(_ id: String) -> String { "\(id).nodes.courtsync.test" }

    let root: URL
    let reference: ReferenceData
    let nodes: [String: Node]

    func node(_ id: String) -> Node { nodes[id]! }

    /// Who syncs with whom: each district with the intermediate court and the bar association,
    /// the intermediate court with the bar (it relays the registry to its districts). Who calls
    /// whom: see ``initiates(_:_:)``.
    static func peers(of id: String) -> [String] {
        switch id {
        case "gd03": districtIDs + ["szbar"]
        case "szbar": ["gd03"] + districtIDs
        default: ["gd03", "szbar"]
        }
    }

    /// Whether `id` calls `peer` (rather than waiting for its call): districts call the
    /// intermediate court and the bar, the intermediate court calls the bar, the bar calls no one.
    static func initiates(_ id: String, _ peer: String) -> Bool {
        switch id {
        case "szbar": false
        case "gd03": peer == "szbar"
        default: true
        }
    }

    /// Makes the CA, then each node's directory, certificate and database.
    static func create(root: URL, reference: ReferenceData) throws -> DemoFederation {
        let caDirectory = root.appendingPathComponent("ca")
        try FileManager.default.createDirectory(at: caDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let ca = try PKI.makeCA(commonName: "courtsync demo federation CA", organization: "深圳市中级人民法院", validDays: 30)
        let caPath = caDirectory.appendingPathComponent("ca.pem").path
        try PKI.write(ca, certificatePath: caPath, keyPath: caDirectory.appendingPathComponent("ca.key").path)
        var nodes: [String: Node] = [:]
        for member in members {
            let directory = root.appendingPathComponent(member.id)
            let resolve = peers(of: member.id).map { "  \(host($0)): 127.0.0.1\n" }.joined()
            let config = NodeConfig.template(nodeID: member.id)
                .replacingOccurrences(of: "port: 8443", with: "port: 0              ")
                + "resolve:                 # the demo's peers all run on this machine\n" + resolve
            let store = try NodeSetup.create(
                directory: directory, identity: NodeIdentity(nodeID: member.id, role: member.role, courtCode: member.court),
                court: member.court.flatMap { reference.court(code: $0) }, config: config)
            let issued = try PKI.issueNode(nodeID: member.id, dnsNames: [host(member.id)], ipAddresses: [], validDays: 7, by: ca)
            let tls = directory.appendingPathComponent("tls")
            try PKI.write(
                issued, certificatePath: tls.appendingPathComponent("\(member.id).pem").path,
                keyPath: tls.appendingPathComponent("\(member.id).key").path)
            try FileManager.default.copyItem(atPath: caPath, toPath: tls.appendingPathComponent("ca.pem").path)
            let identity = try TLSIdentity(
                certificatePath: tls.appendingPathComponent("\(member.id).pem").path,
                keyPath: tls.appendingPathComponent("\(member.id).key").path,
                caPath: tls.appendingPathComponent("ca.pem").path)
            nodes[member.id] = Node(member: member, directory: directory, store: store, identity: identity)
        }
        return DemoFederation(root: root, reference: reference, nodes: nodes)
    }

    /// Writes every node's peers/ with the peers' ports, and loads it back as `serve` would.
    func writePeers(ports: [String: Int]) throws -> [String: PeerDirectory] {
        var directories: [String: PeerDirectory] = [:]
        for (id, node) in nodes {
            for peerID in Self.peers(of: id) {
                let peer = self.node(peerID).member
                let relays = peer.role == .intermediate && node.member.role == .district ? ["szbar"] : []
                let entry = PeerEntry(
                    nodeID: peer.id, role: peer.role, courtCode: peer.court,
                    url: URL(string: "https://\(Self.host(peer.id)):\(ports[peer.id] ?? 8443)")!, relays: relays,
                    initiates: Self.initiates(id, peer.id))
                try entry.yamlText.write(toFile: node.path("peers/\(peer.id).yaml"), atomically: true, encoding: .utf8)
            }
            directories[id] = try PeerDirectory.load(
                directory: node.directory.appendingPathComponent("peers"), reference: reference)
        }
        return directories
    }

    /// Generates each node's sample data as of `asOf` into its database, in one transaction per
    /// node; returns the records written per node.
    func generate(casesPerDistrict: Int, lawyers: Int, firms: Int, seed: UInt64, asOf: CivilDate) throws -> [String: Int] {
        let generator = SampleGenerator(seed: seed, reference: reference)
        var written: [String: Int] = [:]
        for (id, node) in nodes.sorted(by: { $0.key < $1.key }) {
            var count = 0
            try node.store.write { writer in
                let emit: (SampleRecord) throws -> Void = { record in
                    try writer.insert(into: record.table, record.fieldSet)
                    count += 1
                }
                switch node.member.role {
                case .bar: try generator.registry(lawyers: lawyers, firms: firms, emit: emit)
                case .district:
                    try generator.court(
                        code: node.member.court!, cases: casesPerDistrict, firstYear: asOf.year - 3, asOf: asOf,
                        registryLawyers: lawyers, emit: emit)
                case .intermediate:
                    try generator.court(
                        code: node.member.court!, cases: max(1, casesPerDistrict / 4), firstYear: asOf.year - 3, asOf: asOf,
                        registryLawyers: lawyers, districtCases: casesPerDistrict, emit: emit)
                }
            }
            written[id] = count
        }
        return written
    }
}

/// The five feed servers of the demo in one service group, as five `courtsync serve` would run.
final class DemoServers: Sendable {
    let ports: [String: Int]
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(_ federation: DemoFederation, routes: @Sendable (DemoFederation.Node) -> ReportRoutes, logger: Logger) async throws {
        // The servers check clients against peers/; ports are not known yet, so the URLs there are
        // placeholders until every server listens.
        let directories = try federation.writePeers(ports: [:])
        let (stream, continuation) = AsyncStream<(String, Int)>.makeStream()
        var services: [any Service] = []
        for (id, node) in federation.nodes {
            let directory = directories[id]!
            let context = ValidationContext(reference: federation.reference, currentYear: NodeOptions.currentYear, strictLicences: false)
            let service = FeedService(store: node.store, peers: directory.infos, context: context, logger: logger)
            let store = node.store
            services.append(
                try FeedServer.application(
                    service: service, identity: node.identity, directory: directory, host: "127.0.0.1", port: 0,
                    logger: logger, status: { try NodeStatus(store: store) }, reports: routes(node),
                    onRunning: { continuation.yield((id, $0)) }))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        self.group = group
        // The stream ends if the group stops (a server could not start): then its error is thrown.
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        self.task = task
        var ports: [String: Int] = [:]
        for await (id, port) in stream {
            ports[id] = port
            if ports.count == federation.nodes.count { break }
        }
        guard ports.count == federation.nodes.count else {
            await group.triggerGracefulShutdown()
            try await task.value
            throw CLIFailure("the demo's servers stopped before all of them listened", hint: "see the messages above")
        }
        self.ports = ports
    }

    /// Stops accepting connections, lets requests in flight finish, and waits.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
