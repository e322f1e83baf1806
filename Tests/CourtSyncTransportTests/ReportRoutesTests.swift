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
        let fed = try HTTPSFederation(["gd03", "gd0304", "szbar"])
        try fed.store("szbar").populate(cases: 0, lawyers: 20)
        try fed.store("gd0304").populate(cases: 80, lawyers: 20)
        try await fed.federation.sync("gd0304", with: "szbar")
        try await fed.federation.sync("gd03", with: "gd0304")
        let gd03 = fed.store("gd03")
        let server = try await RunningServer(
            store: gd03, identity: try fed.pki.identity("gd03"), directory: fed.directory(of: "gd03"),
            logger: LogCapture().logger(level: .critical), reports: NodeReports.routes(store: gd03, reference: .bundled))
        try await withServer(server) {
            // Statistics: the same JSON as computed on the node itself.
            let stats = try await Self.get("/v1/stats?period=year&by=court", as: "gd0304", fed: fed, port: server.port)
            #expect(stats.status == 200)
            #expect(stats.contentType == "application/json")
            let local = try Statistics.compute(
                store: gd03, query: try StatisticsQuery.parse(period: "year", from: nil, to: nil, courts: [], by: "court"),
                reference: .bundled)
            #expect(String(decoding: stats.body, as: UTF8.self) == (try local.json()))
            #expect(!local.rows.isEmpty)
            let csv = try await Self.get("/v1/stats?format=csv&court=%E7%B2%A40304", as: "gd0304", fed: fed, port: server.port)
            #expect(csv.status == 200)
            #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))

            let badPeriod = try await Self.get("/v1/stats?period=week", as: "gd0304", fed: fed, port: server.port)
            #expect(badPeriod.status == 400)
            #expect(try Self.problem(badPeriod).detail?.contains("period") == true)
            let barStats = try await Self.get("/v1/stats", as: "szbar", fed: fed, port: server.port)
            #expect(barStats.status == 403)
            #expect(try Self.problem(barStats).title.contains("statistics are for the courts"))

            // A lawyer's case list: the same cases as built on the node.
            let lawyer = try #require(try gd03.lawyerCaseCounts().max { $0.value < $1.value }?.key)
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
