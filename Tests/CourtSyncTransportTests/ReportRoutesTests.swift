import AsyncHTTPClient
@testable import CourtSyncCLI
import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

@Suite("GET /v1/stats and GET /v1/lawyers/{id}/cases over mutual TLS")
struct ReportRoutesTests {
    struct Answer {
        var status: UInt
        var contentType: String?
        var body: Data
    }

    static func get(_ path: String, as caller: String, fed: HTTPSFederation, port: Int) async throws -> Answer {
        try await withClient(try loopbackClient(try fed.pki.identity(caller), for: "gd03")) { client in
            let response = try await client.execute(
                HTTPClientRequest(url: "https://\(nodeHost("gd03")):\(port)\(path)"), timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 32 << 20)
            return Answer(status: response.status.code, contentType: response.headers.first(name: "Content-Type"), body: Data(buffer: body))
        }
    }

    static func problem(_ answer: Answer) throws -> ProblemDocument {
        #expect(answer.contentType == "application/problem+json")
        return try JSONDecoder().decode(ProblemDocument.self, from: answer.body)
    }

    @Test("the intermediate court serves statistics to the courts and lawyers' case lists to the bar, and refuses the rest")
    func reportsOverHTTPS() async throws {
        let fed = try HTTPSFederation(["gd03", "gd0304", "gd0305", "szbar"])
        // The registry holds SZL000001…SZL000015; the districts' counsel run to SZL000020, so
        // some counsel known at gd03 are not lawyers of the registry.
        try fed.store("szbar").populate(cases: 0, lawyers: 15)
        try fed.store("gd0304").populate(cases: 80, lawyers: 20)
        try fed.store("gd0305").populate(seed: 9, cases: 40, lawyers: 20)
        try await fed.federation.sync("gd0304", with: "szbar")
        try await fed.federation.sync("gd03", with: "gd0304")
        try await fed.federation.sync("gd03", with: "gd0305")
        try await fed.federation.sync("gd03", with: "szbar")
        let gd03 = fed.store("gd03")
        let server = try await RunningServer(
            store: gd03, identity: try fed.pki.identity("gd03"), directory: fed.directory(of: "gd03"),
            logger: LogCapture().logger(level: .critical), reports: NodeReports.routes(store: gd03, reference: .bundled))
        try await withServer(server) {
            // Statistics: the same JSON as computed on the node itself for the caller's court.
            let stats = try await Self.get("/v1/stats?period=year&by=court", as: "gd0304", fed: fed, port: server.port)
            #expect(stats.status == 200)
            #expect(stats.contentType == "application/json")
            let local = try Statistics.compute(
                store: gd03, query: try StatisticsQuery.parse(period: "year", from: nil, to: nil, courts: ["粤0304"], by: "court"),
                reference: .bundled)
            #expect(String(decoding: stats.body, as: UTF8.self) == (try local.json()))
            #expect(!local.rows.isEmpty)
            let csv = try await Self.get("/v1/stats?format=csv&court=%E7%B2%A40304", as: "gd0304", fed: fed, port: server.port)
            #expect(csv.status == 200)
            #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))

            let badPeriod = try await Self.get("/v1/stats?period=week", as: "gd0304", fed: fed, port: server.port)
            #expect(badPeriod.status == 400)
            #expect(try Self.problem(badPeriod).detail?.contains("period") == true)
            // A district reads its own court's figures only.
            let own = try await Self.get("/v1/stats?period=year", as: "gd0304", fed: fed, port: server.port)
            let ownJSON = try #require(try JSONSerialization.jsonObject(with: own.body) as? [String: Any])
            let ownRows = try #require(ownJSON["rows"] as? [[String: Any]])
            #expect(!ownRows.isEmpty)
            #expect(Set(ownRows.compactMap { $0["court"] as? String }) == ["粤0304"], "\(ownRows.prefix(2))")
            let other = try await Self.get("/v1/stats?court=%E7%B2%A40305", as: "gd0304", fed: fed, port: server.port)
            #expect(other.status == 403)
            #expect(try Self.problem(other).detail?.contains("粤0304 only") == true)
            let barStats = try await Self.get("/v1/stats", as: "szbar", fed: fed, port: server.port)
            #expect(barStats.status == 403)
            #expect(try Self.problem(barStats).title.contains("statistics are for the courts"))

            // A lawyer's case list: the same cases as built on the node.
            let lawyer = try #require(try gd03.lawyerCaseCounts().filter { $0.key <= "SZL000015" }.max { $0.value < $1.value }?.key)
            let list = try await Self.get("/v1/lawyers/\(lawyer)/cases", as: "szbar", fed: fed, port: server.port)
            #expect(list.status == 200)
            let json = try #require(try JSONSerialization.jsonObject(with: list.body) as? [String: Any])
            let cases = try #require(json["cases"] as? [[String: Any]])
            let expected = try LawyerCaseList.build(store: gd03, selection: .lawyer(lawyer), asOf: Date()).cases.map(\.caseNumber)
            #expect(cases.compactMap { $0["case_number"] as? String }.sorted() == expected.sorted())
            #expect(!expected.isEmpty)
            let ics = try await Self.get("/v1/lawyers/\(lawyer)/cases?format=ics", as: "szbar", fed: fed, port: server.port)
            #expect(ics.status == 200)
            #expect(ics.contentType?.hasPrefix("text/calendar") == true)
            #expect(String(decoding: ics.body, as: UTF8.self).hasPrefix("BEGIN:VCALENDAR\r\n"))

            // Counsel known here but not in the registry: no list (the bar's scope never has them).
            let outsider = try #require(try gd03.lawyerCaseCounts().keys.filter { $0 > "SZL000015" }.min())
            #expect(try gd03.fetch(Lawyer.self, key: outsider) == nil)
            let unregistered = try await Self.get("/v1/lawyers/\(outsider)/cases", as: "szbar", fed: fed, port: server.port)
            #expect(unregistered.status == 404)
            #expect(try Self.problem(unregistered).detail?.contains("not a lawyer of the registry") == true)

            // /v1/status shows a peer its own sync state only.
            let status = try await Self.get("/v1/status", as: "gd0304", fed: fed, port: server.port)
            let peers = try JSONDecoder().decode(NodeStatus.self, from: status.body).peers.map(\.peerID)
            #expect(peers == ["gd0304"], "\(peers)")
            #expect(try NodeStatus(store: gd03).peers.count >= 3)

            let unknown = try await Self.get("/v1/lawyers/SZL999999/cases", as: "szbar", fed: fed, port: server.port)
            #expect(unknown.status == 404)
            #expect(try Self.problem(unknown).detail?.contains("SZL999999") == true)
            let badFormat = try await Self.get("/v1/lawyers/\(lawyer)/cases?format=pdf", as: "szbar", fed: fed, port: server.port)
            #expect(badFormat.status == 400)
            let district = try await Self.get("/v1/lawyers/\(lawyer)/cases", as: "gd0304", fed: fed, port: server.port)
            #expect(district.status == 403)
        }
    }
}
