import AsyncHTTPClient
import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// A transport failure, classified for retries: network blips are transient; refused
/// certificates, refused batches and incompatible peers are not.
public struct TransportError: TransientCapable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var isTransient: Bool

    public var description: String { message }
}

/// A peer's feed over HTTPS with mutual TLS (docs/SYNC-PROTOCOL.md).
public struct HTTPSPeerFeed: PeerFeed {
    public let client: HTTPClient
    public let peer: PeerEntry
    /// How long one request may take to answer (the response head).
    public var timeout: TimeAmount = .seconds(60)

    public init(client: HTTPClient, peer: PeerEntry) {
        self.client = client
        self.peer = peer
    }

    /// An HTTP client presenting this node's certificate and trusting only the federation CA.
    /// `resolve` maps host names to addresses (like curl's --resolve), for hosts not in DNS.
    /// `connectTimeout` bounds connection set-up, TLS handshake included (the client retries a
    /// refused connection within it).
    public static func makeClient(
        identity: TLSIdentity, resolve: [String: String] = [:], connectTimeout: TimeAmount = .seconds(10)
    ) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try identity.clientTLSConfiguration(),
            timeout: .init(connect: connectTimeout, read: .seconds(120)))
        configuration.dnsOverride = resolve
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    private func url(_ path: String) -> String {
        var base = peer.url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    private func request(_ path: String, method: HTTPMethod = .GET) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url(path))
        request.method = method
        request.headers.add(name: schemaVersionHeaderName, value: String(NodeStore.schemaVersion))
        return request
    }

    public func hello() async throws -> PeerHello {
        let response = try await execute(request("/v1/status"))
        let body = try await collect(response, limit: 4 << 20)
        do {
            let status = try JSONDecoder().decode(NodeHello.self, from: body)
            return PeerHello(nodeID: status.nodeID, role: status.role, schemaVersion: status.schemaVersion)
        } catch {
            throw TransportError(message: "\(peer.nodeID) answered /v1/status with something that is not a node status",
                                 isTransient: false)
        }
    }

    public func pull(after cursor: Int64, limit: Int) async throws -> FeedPage {
        let response = try await execute(request("/v1/changes?after=\(cursor)&limit=\(limit)"))
        var splitter = LineSplitter()
        var items: [FeedItem] = []
        var end: (next: Int64, more: Bool)?
        var lineNumber = 0
        func take(_ line: [UInt8]) throws {
            lineNumber += 1
            let decoded = try FeedLine.decode(line, lineNumber: lineNumber)
            if let item = decoded.item {
                guard end == nil else { throw TransportError(message: "\(peer.nodeID) sent items after the closing line", isTransient: false) }
                items.append(item)
            } else {
                end = decoded.end
            }
        }
        do {
            for try await chunk in response.body {
                for line in try splitter.lines(in: chunk.readableBytesView) { try take(line) }
            }
            if let last = splitter.remainder { try take(last) }
        } catch let error as ValidationError {
            throw TransportError(message: "\(peer.nodeID) sent a malformed feed: \(error.field): \(error.reason)", isTransient: false)
        } catch {
            throw classify(error)
        }
        guard let end else {
            throw TransportError(message: "the feed from \(peer.nodeID) ended before its closing line (connection cut?)",
                                 isTransient: true)
        }
        return FeedPage(items: items, next: end.next, more: end.more)
    }

    public func push(_ page: FeedPage) async throws -> ApplySummary {
        var bytes: [UInt8] = []
        for item in page.items {
            FeedLineWriter.append(item, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        let body = ByteBuffer(bytes: bytes)
        var request = request("/v1/changes", method: .POST)
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        request.body = .bytes(body)
        let response = try await execute(request)
        let data = try await collect(response, limit: 4 << 20)
        return (try? JSONDecoder().decode(ApplySummary.self, from: data)) ?? ApplySummary()
    }

    /// Sends a request; non-2xx answers become errors carrying the problem document's words.
    private func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw classify(error)
        }
        guard (200..<300).contains(response.status.code) else {
            let data = (try? await collect(response, limit: 1 << 20)) ?? Data()
            let problem = try? JSONDecoder().decode(ProblemDocument.self, from: data)
            let words = problem.map { $0.title + ($0.detail.map { ": \($0)" } ?? "") } ?? "HTTP \(response.status.code)"
            throw TransportError(
                message: "\(peer.nodeID) refused: \(words)",
                hint: response.status.code == 403 ? "check peers/ and the certificates on both nodes" : nil,
                isTransient: response.status.code >= 500)
        }
        return response
    }

    private func collect(_ response: HTTPClientResponse, limit: Int) async throws -> Data {
        do {
            return Data(buffer: try await response.body.collect(upTo: limit))
        } catch {
            throw classify(error)
        }
    }

    /// Network blips are transient; TLS refusals (bad or unknown certificate) are not.
    private func classify(_ error: any Error) -> TransportError {
        if let error = error as? TransportError { return error }
        let text = String(describing: error)
        if error is NIOSSLError || error is BoringSSLError || text.contains("SSL") || text.contains("certificate") {
            return TransportError(
                message: "TLS with \(peer.nodeID) failed: \(text)",
                hint: "check that both nodes' certificates come from the federation CA, are valid, and are listed in peers/",
                isTransient: false)
        }
        return TransportError(message: "cannot reach \(peer.nodeID) at \(peer.url.absoluteString): \(text)", isTransient: true)
    }
}
