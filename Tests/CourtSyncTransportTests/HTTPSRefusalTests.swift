import AsyncHTTPClient
import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import NIOCore
import NIOSSL
import Testing

/// The federation PKI of CourtSyncTestSupport (this target has its own, older `TestPKI`).
typealias FederationPKI = CourtSyncTestSupport.TestPKI

/// Runs `body` against a started server and stops the server afterwards, also when `body` throws.
func withServer<T>(_ server: RunningServer, _ body: () async throws -> T) async throws -> T {
    do {
        let result = try await body()
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}

/// Runs `body` with an HTTP client and shuts the client down afterwards, also when `body` throws.
func withClient<T>(_ client: HTTPClient, _ body: (HTTPClient) async throws -> T) async throws -> T {
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// The host name of a node's certificate, mapped to loopback by the clients of these tests.
func nodeHost(_ nodeID: String) -> String { "\(nodeID).nodes.courtsync.test" }

/// A peer entry for a node serving on loopback at `port`, as a client's peers/ would hold it.
func servingPeer(_ nodeID: String, port: Int) -> PeerEntry {
    let info: (NodeRole, String?) =
        switch nodeID {
        case "szbar": (.bar, nil)
        case "gd03": (.intermediate, "粤03")
        default: (.district, "粤" + nodeID.dropFirst(2))
        }
    return PeerEntry(
        nodeID: nodeID, role: info.0, courtCode: info.1, url: URL(string: "https://\(nodeHost(nodeID)):\(port)")!)
}

/// A client presenting `identity`, resolving the node names of these tests to loopback.
func loopbackClient(_ identity: TLSIdentity, for server: String) throws -> HTTPClient {
    try HTTPSPeerFeed.makeClient(identity: identity, resolve: [nodeHost(server): "127.0.0.1"])
}

/// A client that trusts the CA in `caPath` but presents no certificate of its own.
func anonymousClient(caPath: String, for server: String) throws -> HTTPClient {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath))
    tls.minimumTLSVersion = .tlsv12
    var configuration = HTTPClient.Configuration(tlsConfiguration: tls, timeout: .init(connect: .seconds(10), read: .seconds(30)))
    configuration.dnsOverride = [nodeHost(server): "127.0.0.1"]
    configuration.httpVersion = .http1Only
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}

/// The server gd0304 (a district with one case) and the federation PKI, for refusal tests. Its
/// peers/ lists gd03 (the intermediate court) unless a test says otherwise.
struct RefusalBench {
    let pki: FederationPKI
    let node: TestNode
    let capture = LogCapture()

    init() throws {
        pki = try FederationPKI()
        node = try TestNode("gd0304")
        try pki.issue("gd0304")
        try pki.issue("gd03")
        try node.store.write { try $0.insert(Fixtures.courtCase()) }
    }

    /// peers/ of the server: gd03, optionally pinned, and a revocation list.
    func directory(pin: String? = nil, revocations: RevocationList = .init()) -> PeerDirectory {
        var gd03 = servingPeer("gd03", port: 1)
        gd03.relays = ["szbar"]
        gd03.pin = pin
        return PeerDirectory(peers: [gd03], revocations: revocations)
    }

    func start(_ directory: PeerDirectory) async throws -> RunningServer {
        try await RunningServer(
            store: node.store, identity: try pki.identity("gd0304"), directory: directory,
            logger: capture.logger(label: "test.refusal", level: .info))
    }

    /// Pulls the first page from the server through `client`; the error, if refused.
    func pull(through client: HTTPClient, port: Int) async -> Result<FeedPage, any Error> {
        let feed = HTTPSPeerFeed(client: client, peer: servingPeer("gd0304", port: port))
        do {
            return .success(try await feed.pull(after: 0, limit: 10))
        } catch {
            return .failure(error)
        }
    }

    /// Pulls as the holder of `identity`, with its own client.
    func pull(as identity: TLSIdentity, port: Int) async throws -> Result<FeedPage, any Error> {
        try await withClient(try loopbackClient(identity, for: "gd0304")) { client in
            await pull(through: client, port: port)
        }
    }

    /// Checks that the client was refused with a permanent transport error, and that the server
    /// logged a line containing every one of `logged`.
    func expectRefused(
        _ result: Result<FeedPage, any Error>, logged: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        switch result {
        case .success(let page):
            Issue.record("the client was served \(page.items.count) items instead of being refused", sourceLocation: sourceLocation)
        case .failure(let error):
            let transport = error as? TransportError
            #expect(transport != nil, "not a TransportError: \(error)", sourceLocation: sourceLocation)
            #expect(transport?.isTransient == false, "a refusal must not be retried: \(error)", sourceLocation: sourceLocation)
        }
        let entry = await capture.waitForEntry(containing: logged)
        #expect(entry != nil, "the server logged no line with \(logged); it logged:\n\(capture.text)", sourceLocation: sourceLocation)
    }
}

@Suite("HTTPS refusals: who the server does not serve, and why it says so")
struct HTTPSRefusalTests {
    @Test("a client without a certificate is refused in the handshake, and the server logs why")
    func noClientCertificate() async throws {
        let bench = try RefusalBench()
        let server = try await bench.start(bench.directory())
        try await withServer(server) {
            let result = try await withClient(try anonymousClient(caPath: bench.pki.caPath, for: "gd0304")) { client in
                await bench.pull(through: client, port: server.port)
            }
            await bench.expectRefused(result, logged: ["connection failed", "CERTIFICATE"])
            // The peer (gd03) itself is served: the refusal is about the missing certificate.
            let served = try await bench.pull(as: try bench.pki.identity("gd03"), port: server.port)
            #expect((try? served.get())?.items.isEmpty == false)
        }
    }

    @Test("a certificate from another CA is refused: the log names the unknown issuer")
    func certificateFromAnotherCA() async throws {
        let bench = try RefusalBench()
        let other = try FederationPKI(name: "Rogue CA")
        try other.issue("gd03")
        // The client trusts the federation CA (to check the server) and its own CA (so that its
        // identity loads): one bundle with both.
        let bundle = other.directory.file("bundle.pem")
        let text = try String(contentsOfFile: other.caPath, encoding: .utf8)
            + String(contentsOfFile: bench.pki.caPath, encoding: .utf8)
        try text.write(toFile: bundle, atomically: true, encoding: .utf8)
        let rogue = try TLSIdentity(
            certificatePath: other.directory.file("gd03.pem"), keyPath: other.directory.file("gd03.key"), caPath: bundle)

        let server = try await bench.start(bench.directory())
        try await withServer(server) {
            let result = try await bench.pull(as: rogue, port: server.port)
            await bench.expectRefused(
                result, logged: ["client certificate refused", "node gd03", "was not issued by the federation CA"])
        }
    }

    @Test("a certificate of another CA with the federation CA's name is refused too")
    func certificateFromLookAlikeCA() async throws {
        let bench = try RefusalBench()
        let other = try FederationPKI()  // same name as the federation CA, another key
        try other.issue("gd03")
        let bundle = other.directory.file("bundle.pem")
        let text = try String(contentsOfFile: other.caPath, encoding: .utf8)
            + String(contentsOfFile: bench.pki.caPath, encoding: .utf8)
        try text.write(toFile: bundle, atomically: true, encoding: .utf8)
        let lookAlike = try TLSIdentity(
            certificatePath: other.directory.file("gd03.pem"), keyPath: other.directory.file("gd03.key"), caPath: bundle)

        let server = try await bench.start(bench.directory())
        try await withServer(server) {
            let result = try await bench.pull(as: lookAlike, port: server.port)
            await bench.expectRefused(result, logged: ["client certificate refused", "was not issued by the federation CA"])
        }
    }

    @Test("an expired certificate is refused: the log gives the expiry date")
    func expiredCertificate() async throws {
        let bench = try RefusalBench()
        try bench.pki.issue("gd03", validDays: 1, notBefore: Date().addingTimeInterval(-3 * 86_400), suffix: "-expired")
        let expired = try bench.pki.identity("gd03", suffix: "-expired")
        #expect(expired.certificate.notValidAfter < Date())

        let server = try await bench.start(bench.directory())
        try await withServer(server) {
            let result = try await bench.pull(as: expired, port: server.port)
            await bench.expectRefused(result, logged: ["client certificate refused", "node gd03", "expired on"])
        }
    }

    @Test("a revoked certificate is refused; a new certificate for the same node is served")
    func revokedCertificate() async throws {
        let bench = try RefusalBench()
        let revoked = try bench.pki.identity("gd03")
        let serial = PKI.serialHex(of: revoked.certificate)
        try bench.pki.issue("gd03", suffix: "-new")
        let renewed = try bench.pki.identity("gd03", suffix: "-new")
        let list = RevocationList(certificates: [
            .init(serial: serial, nodeID: "gd03", reason: "key lost", revokedOn: "2025-01-31")
        ])

        let server = try await bench.start(bench.directory(revocations: list))
        try await withServer(server) {
            let result = try await bench.pull(as: revoked, port: server.port)
            await bench.expectRefused(
                result, logged: ["client certificate refused", "revoked", serial, "key lost", "revoked.yaml"])
            let served = try await bench.pull(as: renewed, port: server.port)
            #expect((try? served.get())?.items.isEmpty == false, "the renewed certificate was refused: \(served)")
        }
    }

    @Test("a valid certificate of a node that is not in peers/ is refused")
    func unknownNode() async throws {
        let bench = try RefusalBench()
        try bench.pki.issue("gd0306")
        let stranger = try bench.pki.identity("gd0306")

        let server = try await bench.start(bench.directory())
        try await withServer(server) {
            let result = try await bench.pull(as: stranger, port: server.port)
            await bench.expectRefused(
                result, logged: ["client certificate refused", "node gd0306 is not a peer", "peers/gd0306.yaml"])
        }
    }

    @Test("a certificate whose key does not match the pin in peers/ is refused")
    func pinMismatch() async throws {
        let bench = try RefusalBench()
        try bench.pki.issue("gd03", suffix: "-other")
        let otherPin = try bench.pki.identity("gd03", suffix: "-other").pin
        let client = try bench.pki.identity("gd03")
        #expect(client.pin != otherPin)

        let server = try await bench.start(bench.directory(pin: otherPin))
        try await withServer(server) {
            let result = try await bench.pull(as: client, port: server.port)
            await bench.expectRefused(
                result, logged: ["client certificate refused", "does not match the pin", "peers/gd03.yaml", client.pin])
            // The pinned key itself is served.
            let served = try await bench.pull(as: try bench.pki.identity("gd03", suffix: "-other"), port: server.port)
            #expect((try? served.get())?.items.isEmpty == false, "the pinned certificate was refused: \(served)")
        }
    }

    @Test("a request with another schema version gets 409 problem+json naming both versions")
    func schemaVersionMismatch() async throws {
        let bench = try RefusalBench()
        let server = try await bench.start(bench.directory())
        try await withServer(server) {
            try await withClient(try loopbackClient(try bench.pki.identity("gd03"), for: "gd0304")) { client in
                var request = HTTPClientRequest(url: "https://\(nodeHost("gd0304")):\(server.port)/v1/changes?after=0")
                request.headers.add(name: schemaVersionHeaderName, value: "999")
                let response = try await client.execute(request, timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 1 << 20)
                #expect(response.status.code == 409)
                #expect(response.headers.first(name: "Content-Type") == "application/problem+json")
                let problem = try JSONDecoder().decode(ProblemDocument.self, from: Data(buffer: body))
                #expect(problem.status == 409)
                let detail = problem.detail ?? ""
                #expect(detail.contains("999"), "detail: \(detail)")
                #expect(detail.contains("runs \(NodeStore.schemaVersion)"), "detail: \(detail)")
            }
        }
    }

    @Test("a cursor that is not a number gets 400 problem+json")
    func malformedCursor() async throws {
        let bench = try RefusalBench()
        let server = try await bench.start(bench.directory())
        try await withServer(server) {
            try await withClient(try loopbackClient(try bench.pki.identity("gd03"), for: "gd0304")) { client in
                let request = HTTPClientRequest(url: "https://\(nodeHost("gd0304")):\(server.port)/v1/changes?after=abc")
                let response = try await client.execute(request, timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 1 << 20)
                #expect(response.status.code == 400)
                #expect(response.headers.first(name: "Content-Type") == "application/problem+json")
                let problem = try JSONDecoder().decode(ProblemDocument.self, from: Data(buffer: body))
                #expect(problem.status == 400)
                #expect(problem.detail?.contains("after") == true, "detail: \(problem.detail ?? "")")
            }
        }
    }
}
