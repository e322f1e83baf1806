import AsyncHTTPClient
import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import NIOCore
import Testing

@Suite("Write authority over HTTPS: a refused push is refused whole")
struct HTTPSAuthorityTests {
    /// The intermediate court gd03 serving, with one case of its district gd0304 already applied;
    /// gd0305 (another district) pushes to it.
    struct Bench {
        let pki: FederationPKI
        let node: TestNode
        let capture = LogCapture()
        let directory: PeerDirectory

        init() throws {
            pki = try FederationPKI()
            node = try TestNode("gd03", role: .intermediate, court: "粤03")
            for id in ["gd03", "gd0304", "gd0305"] { try pki.issue(id) }
            directory = PeerDirectory(peers: [servingPeer("gd0304", port: 1), servingPeer("gd0305", port: 1)])
            // A case of 粤0304 the intermediate court already holds (applied from gd0304).
            try node.store.write { writer in
                _ = try writer.apply(
                    ChangeRecord(
                        origin: "gd0304", originSequence: 1, hlc: Self.now(), table: "cases",
                        key: Self.gd0304Case, operation: .insert,
                        fields: try Fixtures.courtCase(Self.gd0304Case).fieldSet))
            }
        }

        static let gd0304Case = "（2024）粤0304民初1号"
        static let gd0305Case = "（2024）粤0305民初7号"

        static func now() -> HLCTimestamp {
            HLCTimestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000), counter: 0)
        }

        /// A valid change of gd0305: a new case of its own court.
        static func validItem() throws -> FeedItem {
            let fields = try Fixtures.courtCase(gd0305Case, court: "粤0305").fieldSet
            return .change(
                ChangeRecord(
                    origin: "gd0305", originSequence: 1, hlc: now(), table: "cases", key: gd0305Case,
                    operation: .insert, fields: fields),
                caseNumber: gd0305Case)
        }

        func start() async throws -> RunningServer {
            try await RunningServer(
                store: node.store, identity: try pki.identity("gd03"), directory: directory,
                logger: capture.logger(label: "test.authority", level: .info))
        }

        /// What the server holds: its change count and every row of every table.
        struct State: Equatable {
            var changes: Int
            var rows: [String: [StoredRow]]
        }

        func state() throws -> State {
            var rows: [String: [StoredRow]] = [:]
            for table in Catalog.tables { rows[table.name] = try node.store.allRows(table: table.name) }
            return State(changes: try node.store.changeCounts().total, rows: rows)
        }

        /// POSTs `page` as gd0305 with the raw HTTP client and returns the status, content type and
        /// problem document; then the same page through ``HTTPSPeerFeed/push(_:)``.
        func push(_ page: FeedPage, port: Int) async throws -> (status: UInt, contentType: String?, problem: ProblemDocument?, feedError: (any Error)?) {
            try await withClient(try loopbackClient(try pki.identity("gd0305"), for: "gd03")) { client in
                var body = ByteBuffer()
                for item in page.items {
                    body.writeBytes(try FeedLine(item).encoded())
                    body.writeInteger(UInt8(ascii: "\n"))
                }
                var request = HTTPClientRequest(url: "https://\(nodeHost("gd03")):\(port)/v1/changes")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/x-ndjson")
                request.headers.add(name: schemaVersionHeaderName, value: String(NodeStore.schemaVersion))
                request.body = .bytes(body)
                let response = try await client.execute(request, timeout: .seconds(30))
                let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
                let problem = try? JSONDecoder().decode(ProblemDocument.self, from: data)

                let feed = HTTPSPeerFeed(client: client, peer: servingPeer("gd03", port: port))
                var feedError: (any Error)?
                do {
                    _ = try await feed.push(page)
                } catch {
                    feedError = error
                }
                return (response.status.code, response.headers.first(name: "Content-Type"), problem, feedError)
            }
        }

        /// Pushes `page`, expects 403 problem+json whose detail contains `reason`, a refusal logged,
        /// and nothing applied.
        func expectRefused(_ page: FeedPage, port: Int, reason: String, sourceLocation: SourceLocation = #_sourceLocation)
            async throws
        {
            let before = try state()
            let answer = try await push(page, port: port)
            #expect(answer.status == 403, sourceLocation: sourceLocation)
            #expect(answer.contentType == "application/problem+json", sourceLocation: sourceLocation)
            #expect(answer.problem?.status == 403, sourceLocation: sourceLocation)
            #expect(answer.problem?.title == "batch refused", sourceLocation: sourceLocation)
            #expect(
                answer.problem?.detail?.contains(reason) == true, "detail: \(answer.problem?.detail ?? "none")",
                sourceLocation: sourceLocation)
            let transport = answer.feedError as? TransportError
            #expect(transport != nil, "HTTPSPeerFeed.push did not fail: \(String(describing: answer.feedError))", sourceLocation: sourceLocation)
            #expect(transport?.isTransient == false, sourceLocation: sourceLocation)
            #expect(transport?.message.contains(reason) == true, "\(String(describing: transport))", sourceLocation: sourceLocation)
            #expect(try state() == before, "the server applied part of a refused batch", sourceLocation: sourceLocation)
            let logged = await capture.waitForEntry(containing: ["push refused", "gd0305", reason])
            #expect(logged != nil, "no refusal logged:\n\(capture.text)", sourceLocation: sourceLocation)
        }
    }

    @Test("a push from gd0305 with a change claiming origin gd0304 is refused whole; its valid items are not applied")
    func forgedOrigin() async throws {
        let bench = try Bench()
        let forged = FeedItem.change(
            ChangeRecord(
                origin: "gd0304", originSequence: 2, hlc: Bench.now(), table: "cases", key: Bench.gd0304Case,
                operation: .update, fields: ["status": .text("closed"), "closed_date": .text("2024-06-01")]),
            caseNumber: Bench.gd0304Case)
        let server = try await bench.start()
        try await withServer(server) {
            try await bench.expectRefused(
                FeedPage(items: [try Bench.validItem(), forged], next: 0, more: false), port: server.port,
                reason: "item 2: gd0305 sent a change claiming origin gd0304, which it may not relay")
            // The valid item alone is accepted: the refusal was the forged item's.
            let answer = try await bench.push(FeedPage(items: [try Bench.validItem()], next: 0, more: false), port: server.port)
            #expect(answer.status == 200)
            #expect(try bench.node.store.fetch(CourtCase.self, key: Bench.gd0305Case) != nil)
            #expect(try bench.node.store.fetch(CourtCase.self, key: Bench.gd0304Case)?.status == .pending)
        }
    }

    @Test("a push from gd0305 of a 粤0304 case under its own origin (outside its authority) is refused whole")
    func outsideAuthority() async throws {
        let bench = try Bench()
        let trespass = FeedItem.change(
            ChangeRecord(
                origin: "gd0305", originSequence: 2, hlc: Bench.now(), table: "cases", key: Bench.gd0304Case,
                operation: .update, fields: ["judge": .text("赵法官")]),
            caseNumber: Bench.gd0304Case)
        let newCase = "（2024）粤0304民初99号"
        let invented = FeedItem.change(
            ChangeRecord(
                origin: "gd0305", originSequence: 3, hlc: Bench.now(), table: "cases", key: newCase, operation: .insert,
                fields: try Fixtures.courtCase(newCase).fieldSet),
            caseNumber: newCase)
        let server = try await bench.start()
        try await withServer(server) {
            try await bench.expectRefused(
                FeedPage(items: [try Bench.validItem(), trespass], next: 0, more: false), port: server.port,
                reason: "item 2: gd0305 may not write this: 粤0304's rows belong to that court")
            try await bench.expectRefused(
                FeedPage(items: [try Bench.validItem(), invented], next: 0, more: false), port: server.port,
                reason: "item 2: gd0305 may not write this: 粤0304's rows belong to that court")
            #expect(try bench.node.store.fetch(CourtCase.self, key: newCase) == nil)
            #expect(try bench.node.store.fetch(CourtCase.self, key: Bench.gd0304Case)?.judge == "王法官")
        }
    }

    @Test("a push claiming the receiving node's own origin with a sequence it never made is refused whole")
    func receiverOriginClaimed() async throws {
        let bench = try Bench()
        let claim = FeedItem.change(
            ChangeRecord(
                origin: "gd03", originSequence: 500, hlc: Bench.now(), table: "cases", key: Bench.gd0304Case,
                operation: .update, fields: ["appeal_result": .text("reversed")]),
            caseNumber: Bench.gd0304Case)
        let server = try await bench.start()
        try await withServer(server) {
            try await bench.expectRefused(
                FeedPage(items: [try Bench.validItem(), claim], next: 0, more: false), port: server.port,
                reason: "gd0305 sent a change claiming origin gd03, which it may not relay")
        }
    }

    /// Found by this suite and fixed: `InboundVerifier.author(of:sender:)` used to accept any change
    /// whose origin is the receiving node itself without asking whether the sender may relay it,
    /// and `ChangeWriter.isKnown` then dropped it as a duplicate when
    /// its sequence is one the receiver has made, whatever its contents. So a forged change in the
    /// receiver's name does not refuse the batch, and the batch's other items are applied — unlike
    /// a forged change in a third node's name (``forgedOrigin()``).
    @Test("a push from gd0305 with a forged change in the receiver's own name (a sequence it made) is refused whole")
    func receiverOriginForgedWithKnownSequence() async throws {
        let bench = try Bench()
        // gd03 makes one change of its own: origin gd03, sequence 1.
        try bench.node.store.write {
            _ = try $0.update("cases", key: Bench.gd0304Case, ["appeal_result": .text("affirmed")])
        }
        let forged = FeedItem.change(
            ChangeRecord(
                origin: "gd03", originSequence: 1, hlc: Bench.now(), table: "cases", key: Bench.gd0304Case,
                operation: .update, fields: ["appeal_result": .text("reversed")]),
            caseNumber: Bench.gd0304Case)
        let server = try await bench.start()
        try await withServer(server) {
            let before = try bench.state()
            let answer = try await bench.push(FeedPage(items: [try Bench.validItem(), forged], next: 0, more: false), port: server.port)
            let after = try bench.state()
            #expect(answer.status == 403)
            #expect(answer.problem?.detail?.contains("gd0305 sent a change claiming origin gd03") == true)
            #expect(after.changes == before.changes, "the valid item of a batch with a forged item was applied")
            // Whatever the answer, the forged value itself never lands.
            #expect(try bench.node.store.fetch(CourtCase.self, key: Bench.gd0304Case)?.appealResult == .affirmed)
        }
    }
}
