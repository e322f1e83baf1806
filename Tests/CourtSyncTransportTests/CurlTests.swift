import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

/// curl, when it is installed.
private let curl = ChildProcess.which("curl")

@Suite("curl reads the feed (a client nobody here wrote)")
struct CurlTests {
    /// The server gd0304 with 12 generated cases; gd03 (the intermediate court) reads it.
    struct Bench {
        let pki: FederationPKI
        let node: TestNode
        let directory: PeerDirectory

        init() throws {
            pki = try FederationPKI()
            node = try TestNode("gd0304")
            try pki.issue("gd0304")
            try pki.issue("gd03")
            try node.store.populate(cases: 12, lawyers: 10)
            var gd03 = servingPeer("gd03", port: 1)
            gd03.relays = ["szbar"]
            directory = PeerDirectory(peers: [gd03])
        }

        /// `curl -sS` with gd03's certificate (unless `certificate` is false) against the server.
        func curl(_ path: String, port: Int, certificate: Bool = true) async throws -> CommandResult {
            let host = nodeHost("gd0304")
            var arguments = ["-sS", "--max-time", "20", "--cacert", pki.caPath]
            if certificate {
                arguments += ["--cert", pki.directory.file("gd03.pem"), "--key", pki.directory.file("gd03.key")]
            }
            arguments += ["--resolve", "\(host):\(port):127.0.0.1", "https://\(host):\(port)\(path)"]
            return try await ChildProcess.runTool("curl", arguments)
        }

        /// The page the server's feed service gives gd03, as JSON objects line by line.
        func expectedLines(after cursor: Int64, limit: Int) throws -> [NSDictionary] {
            let service = FeedService(
                store: node.store, peers: directory.infos, context: ValidationContext(currentYear: 2025, strictLicences: false),
                logger: .init(label: "test"))
            let page = try service.page(for: directory.peer("gd03")!.info, after: cursor, limit: limit)
            let lines = try page.items.map { try FeedLine($0).encoded() } + [try FeedLine(next: page.next, more: page.more).encoded()]
            return try lines.map { try #require(try JSONSerialization.jsonObject(with: $0) as? NSDictionary) }
        }
    }

    /// Each line of curl's output parsed on its own as a JSON object.
    static func objects(_ result: CommandResult) throws -> [NSDictionary] {
        try result.stdoutLines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? NSDictionary, "not a JSON object: \(line)")
        }
    }

    @Test("GET /v1/changes with curl gives NDJSON matching the server's feed, closed by {next, more}",
          .enabled(if: curl != nil, "curl is not installed"))
    func changesWithCurl() async throws {
        let bench = try Bench()
        let server = try await RunningServer(
            store: bench.node.store, identity: try bench.pki.identity("gd0304"), directory: bench.directory,
            logger: LogCapture().logger())
        try await withServer(server) {
            let first = try await bench.curl("/v1/changes?after=0&limit=50", port: server.port)
            try #require(first.succeeded, "\(first)")
            let lines = try Self.objects(first)
            try #require(lines.count == 51, "50 items and the closing line expected, got \(lines.count)")
            let closing = try #require(lines.last)
            #expect(Set(closing.allKeys.compactMap { $0 as? String }) == ["next", "more"])
            #expect(closing["more"] as? Bool == true)
            let next = try #require((closing["next"] as? NSNumber)?.int64Value)
            #expect(next > 0)
            for line in lines.dropLast() {
                #expect(line["change"] != nil || line["snapshot"] != nil || line["retract"] != nil, "\(line)")
            }
            #expect(lines == (try bench.expectedLines(after: 0, limit: 50)))

            // Following the cursor to the end gives every change of the server's log, once, in order.
            let rest = try await bench.curl("/v1/changes?after=\(next)&limit=10000", port: server.port)
            try #require(rest.succeeded, "\(rest)")
            let restLines = try Self.objects(rest)
            #expect(restLines == (try bench.expectedLines(after: next, limit: 10000)))
            #expect(restLines.last?["more"] as? Bool == false)
            let served = (lines.dropLast() + restLines.dropLast()).compactMap { $0["change"] as? NSDictionary }
                .map { "\($0["origin"] ?? "")#\($0["origin_seq"] ?? "")" }
            let logged = try bench.node.store.changes(ChangeFilter(after: 0, limit: 1_000_000)).map {
                "\($0.change.origin)#\($0.change.originSequence)"
            }
            #expect(served == logged)
        }
    }

    @Test("GET /v1/status with curl gives JSON naming the node", .enabled(if: curl != nil, "curl is not installed"))
    func statusWithCurl() async throws {
        let bench = try Bench()
        let server = try await RunningServer(
            store: bench.node.store, identity: try bench.pki.identity("gd0304"), directory: bench.directory,
            logger: LogCapture().logger())
        try await withServer(server) {
            let result = try await bench.curl("/v1/status", port: server.port)
            try #require(result.succeeded, "\(result)")
            let status = try result.jsonObject()
            #expect(status["node_id"] as? String == "gd0304")
            #expect(status["role"] as? String == "district")
            #expect(status["schema_version"] as? Int == NodeStore.schemaVersion)
        }
    }

    @Test("curl without a client certificate is refused (non-zero exit)", .enabled(if: curl != nil, "curl is not installed"))
    func curlWithoutCertificate() async throws {
        let bench = try Bench()
        let server = try await RunningServer(
            store: bench.node.store, identity: try bench.pki.identity("gd0304"), directory: bench.directory,
            logger: LogCapture().logger())
        try await withServer(server) {
            let result = try await bench.curl("/v1/changes?after=0&limit=50", port: server.port, certificate: false)
            #expect(!result.succeeded, "\(result)")
            #expect(!result.stdout.contains("\"next\""), "the feed was served: \(result)")
        }
    }
}
