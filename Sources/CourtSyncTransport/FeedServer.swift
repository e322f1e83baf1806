import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HTTPTypes
import Logging
import NIOCore
import NIOSSL

/// The header both sides send with their schema version; a mismatch is refused (409).
public let schemaVersionHeaderName = "Courtsync-Schema-Version"
let schemaVersionHeader = HTTPField.Name(schemaVersionHeaderName)!

/// The request context of the feed server: the connection's channel and the authenticated peer.
struct NodeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    var peer: PeerInfo?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Maps the verified client certificate to a peer of peers/; everything else is refused (403).
/// The role used for scopes and authority comes from peers/, never from the request.
struct PeerAuthentication: RouterMiddleware {
    typealias Context = NodeRequestContext
    let directory: PeerDirectory
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let certificate = try await context.channel.nioSSL_peerCertificate().get(),
            let nodeID = TLSIdentity.peerNodeID(certificate)
        else {
            logger.warning("request refused: no client certificate with a node id")
            throw ProblemError(.forbidden, "client certificate required", detail: "present a federation node certificate")
        }
        guard let entry = directory.peer(nodeID) else {
            logger.warning("request refused: node not in peers/", metadata: ["peer": "\(nodeID)"])
            throw ProblemError(.forbidden, "unknown node", detail: "\(nodeID) is not a peer of this node")
        }
        if let version = request.headers[schemaVersionHeader], Int(version) != NodeStore.schemaVersion {
            throw ProblemError(
                .conflict, "incompatible schema version",
                detail: "the client runs schema version \(version), this node runs \(NodeStore.schemaVersion)")
        }
        var context = context
        context.peer = entry.info
        return try await next(request, context)
    }
}

extension PeerEntry {
    /// The peer as replication sees it.
    public var info: PeerInfo {
        PeerInfo(nodeID: nodeID, role: role, courtCode: courtCode, relays: Set(relays))
    }
}

extension PeerDirectory {
    /// Every peer as replication sees it.
    public var infos: [PeerInfo] { peers.values.map(\.info).sorted { $0.nodeID < $1.nodeID } }
}

/// Logs failed connections (refused handshakes) with the peer's address: Hummingbird logs them
/// only at trace level.
final class ConnectionErrorLogger: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.warning("connection failed", metadata: [
            "address": "\(context.remoteAddress.map { "\($0)" } ?? "?")", "error": "\(error)",
        ])
        context.fireErrorCaught(error)
    }
}

/// The node's HTTPS server: mutual TLS, the change feed, pushes and status (docs/SYNC-PROTOCOL.md).
public enum FeedServer {
    /// Most items one GET returns; a client asks again from the returned cursor.
    public static let maximumPageItems = 10_000
    /// Most items one POST may carry.
    public static let maximumPushItems = 10_000
    /// Most log positions one GET scans; the client continues from the returned cursor.
    public static let maximumScanPerRequest = 50_000

    /// An application (a `Service` for a `ServiceGroup`) serving `service` on `host:port`.
    /// `onRunning` receives the bound port (useful with port 0).
    public static func application(
        service: FeedService, identity: TLSIdentity, directory: PeerDirectory, host: String, port: Int,
        logger: Logger, status: @escaping @Sendable () throws -> NodeStatus, reports: ReportRoutes = ReportRoutes(),
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router(context: NodeRequestContext.self)
        router.add(middleware: PeerAuthentication(directory: directory, logger: logger))
        router.get("/v1/changes") { request, context in
            try changes(request, context, service: service)
        }
        router.post("/v1/changes") { request, context in
            try await receive(request, context, service: service, logger: logger)
        }
        router.get("/v1/status") { _, context in
            // A peer sees its own sync state with this node, not the other peers'.
            var answer = try status()
            answer.peers = answer.peers.filter { $0.peerID == context.peer?.nodeID }
            let body = try JSONEncoder.canonical.encode(answer)
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        reports.register(on: router)
        let tls = TLSChannelConfiguration(
            tlsConfiguration: try identity.serverTLSConfiguration(),
            customAsyncVerificationCallback: { chain in
                switch await identity.verifyClient(chain: chain, peers: directory) {
                case .accepted:
                    return .certificateVerified
                case .refused(let reason):
                    logger.warning("client certificate refused", metadata: ["reason": "\(reason)"])
                    return .failed
                }
            })
        return Application(
            router: router,
            server: try .tls(
                .http1(configuration: .init(additionalChannelHandlers: [ConnectionErrorLogger(logger: logger)])),
                configuration: tls),
            configuration: .init(address: .hostname(host, port: port), serverName: "courtsync"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// `GET /v1/changes?after=N&limit=M`: the caller's page, streamed as NDJSON.
    static func changes(_ request: Request, _ context: NodeRequestContext, service: FeedService) throws -> Response {
        guard let reader = context.peer else { throw ProblemError(.forbidden, "unknown node") }
        let after = try integer(request, "after", default: 0, range: 0...Int64.max)
        let limit = Int(try integer(request, "limit", default: 2000, range: 1...Int64(maximumPageItems)))
        return Response(
            status: .ok,
            headers: [.contentType: "application/x-ndjson", schemaVersionHeader: String(NodeStore.schemaVersion)],
            body: ResponseBody { writer in
                var cursor = after
                var sent = 0
                var more = true
                var buffer = ByteBuffer()
                var line: [UInt8] = []
                // Bounded work per request even when little of the log is in the reader's scope.
                while sent < limit, more, cursor - after < Int64(maximumScanPerRequest) {
                    let page = try service.page(for: reader, after: cursor, limit: min(500, limit - sent))
                    for item in page.items {
                        line.removeAll(keepingCapacity: true)
                        FeedLineWriter.append(item, to: &line)
                        line.append(UInt8(ascii: "\n"))
                        buffer.writeBytes(line)
                    }
                    sent += page.items.count
                    more = page.more
                    if page.next == cursor { break }
                    cursor = page.next
                    if buffer.readableBytes >= 32 * 1024 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                line.removeAll(keepingCapacity: true)
                FeedLineWriter.appendEnd(next: cursor, more: more, to: &line)
                line.append(UInt8(ascii: "\n"))
                buffer.writeBytes(line)
                try await writer.write(buffer)
                try await writer.finish(nil)
            })
    }

    /// `POST /v1/changes`: a pushed page (NDJSON items, optionally a closing line), applied
    /// atomically or refused whole.
    static func receive(
        _ request: Request, _ context: NodeRequestContext, service: FeedService, logger: Logger
    ) async throws -> Response {
        guard let sender = context.peer else { throw ProblemError(.forbidden, "unknown node") }
        var splitter = LineSplitter()
        var items: [FeedItem] = []
        var lineNumber = 0
        func take(_ line: [UInt8]) throws {
            lineNumber += 1
            let decoded: FeedLine
            do {
                decoded = try FeedLine.decode(line, lineNumber: lineNumber)
            } catch let error as ValidationError {
                throw ProblemError(.badRequest, "malformed feed line", detail: "\(error.field): \(error.reason)")
            }
            if let item = decoded.item { items.append(item) }
            guard items.count <= maximumPushItems else {
                throw ProblemError(.contentTooLarge, "too many items", detail: "at most \(maximumPushItems) per push")
            }
        }
        for try await chunk in request.body {
            for line in try splitter.lines(in: chunk.readableBytesView) { try take(line) }
        }
        if let last = splitter.remainder { try take(last) }
        do {
            let summary = try service.receive(FeedPage(items: items, next: 0, more: false), from: sender)
            let body = try JSONEncoder.canonical.encode(summary)
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        } catch let refused as RefusedBatch {
            throw ProblemError(.forbidden, "batch refused", detail: refused.description)
        } catch let error as StoreError {
            logger.error("push failed", metadata: ["peer": "\(sender.nodeID)", "error": "\(error)"])
            throw ProblemError(.unprocessableContent, "batch not applied", detail: error.description)
        }
    }

    static func integer(_ request: Request, _ name: String, default value: Int64, range: ClosedRange<Int64>) throws -> Int64 {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Int64(text), range.contains(number) else {
            throw ProblemError(
                .badRequest, "bad query parameter",
                detail: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

extension JSONEncoder {
    /// Sorted keys, no escaped slashes: the same value always gives the same bytes.
    static var canonical: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
