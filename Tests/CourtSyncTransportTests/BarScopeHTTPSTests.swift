import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

@Suite("What the bar association may see, over HTTPS")
struct BarScopeHTTPSTests {
    /// Starts a node's server with its peers/ from the federation and a quiet logger.
    static func serve(_ fed: HTTPSFederation, _ id: String) async throws -> RunningServer {
        try await RunningServer(
            store: fed.store(id), identity: try fed.pki.identity(id), directory: fed.directory(of: id),
            logger: LogCapture().logger(level: .error))
    }

    @Test("after a full sync among szbar, gd0304, gd03 and gd0305 the bar holds no personal data and no sealed case; sealing later retracts")
    func barHoldsOnlyItsScope() async throws {
        let fed = try HTTPSFederation()
        try fed.store("szbar").populate(cases: 0, lawyers: 30)
        try fed.store("gd0304").populate(cases: 60, lawyers: 30)
        // Make sure some cases with registered counsel are sealed or non-public before anything syncs.
        let represented = try Set(fed.store("gd0304").allRows(table: "representations").compactMap {
            $0.fields["case_number"]?.textValue
        }).sorted()
        try #require(represented.count >= 6, "too few represented cases in the sample")
        try fed.store("gd0304").write { writer in
            _ = try writer.update("cases", key: represented[0], ["sealed": .integer(1)])
            _ = try writer.update("cases", key: represented[1], ["non_public": .integer(1), "notes": .text("合议庭评议意见")])
        }

        var servers: [RunningServer] = []
        do {
            for id in ["szbar", "gd0304", "gd03"] { servers.append(try await Self.serve(fed, id)) }
            let port = Dictionary(uniqueKeysWithValues: zip(["szbar", "gd0304", "gd03"], servers.map(\.port)))

            try await fed.sync("gd0304", with: "szbar", port: port["szbar"]!)  // registry → district
            try await fed.sync("szbar", with: "gd0304", port: port["gd0304"]!)  // the bar's cases ← district
            try await fed.sync("gd03", with: "gd0304", port: port["gd0304"]!)  // district → intermediate
            try await fed.sync("gd03", with: "szbar", port: port["szbar"]!)  // registry → intermediate
            try await fed.sync("gd0305", with: "gd03", port: port["gd03"]!)  // registry relayed to a district

            let bar = fed.store("szbar")
            let district = fed.store("gd0304")
            let barCases = try bar.allRows(table: "cases")
            #expect(!barCases.isEmpty, "the bar received no case")
            try expectBarScope(bar, district: district)
            #expect(!barCases.contains { $0.key == represented[0] }, "a sealed case reached the bar")

            // The intermediate court relays the registry to gd0305 with its origin and versions intact.
            let atBar = try bar.changes(ChangeFilter(limit: 1_000_000, table: "lawyers")).map(\.change)
            let atGd0305 = try fed.store("gd0305").changes(ChangeFilter(limit: 1_000_000, table: "lawyers")).map(\.change)
            #expect(!atBar.isEmpty)
            #expect(atGd0305 == atBar)
            #expect(try fed.store("gd0305").allRows(table: "lawyers") == bar.allRows(table: "lawyers"))
            for row in try fed.store("gd0305").allRows(table: "lawyers") {
                #expect(row.versions.values.allSatisfy { $0.origin == "szbar" }, "lawyer \(row.key)")
            }
            // gd0305 got nothing of gd0304's cases from the intermediate court.
            #expect(try fed.store("gd0305").allRows(table: "cases").isEmpty)

            // Seal a case the bar holds; after the next sync it and its rows are gone from the bar.
            let victim = try #require(barCases.first { $0.key != represented[0] }).key
            #expect(try ["representations", "hearings", "file_review_requests", "cases"].contains { table in
                try bar.allRows(table: table).contains { $0.fields["case_number"]?.textValue == victim }
            })
            try district.write { _ = try $0.update("cases", key: victim, ["sealed": .integer(1)]) }
            let resync = try await fed.sync("szbar", with: "gd0304", port: port["gd0304"]!)
            #expect(resync.applied.retractions > 0)
            for table in Catalog.tables where table.caseColumn != nil {
                #expect(
                    try bar.allRows(table: table.name).allSatisfy { $0.fields[table.caseColumn!]?.textValue != victim },
                    "\(table.name) of the sealed case \(victim) is still at the bar")
            }
            try expectBarScope(bar, district: district)
        } catch {
            for server in servers { try? await server.stop() }
            throw error
        }
        for server in servers { try await server.stop() }
    }
}

/// Scans every table of the bar's database: no party, service or mediation rows; no party's
/// personal value anywhere; no row of a sealed case; only cases with registered counsel of record;
/// no non-public column of a case row holding anything but the database default.
func expectBarScope(_ bar: NodeStore, district: NodeStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for table in ["parties", "services", "mediations"] {
        #expect(try bar.allRows(table: table).isEmpty, "the bar holds \(table)", sourceLocation: sourceLocation)
    }
    let districtCases = try district.allRows(table: "cases")
    let sealed = Set(districtCases.filter { $0.fields["sealed"] == .integer(1) }.map(\.key))
    let registry = Set(try bar.allRows(table: "lawyers").map(\.key))
    let counselled = Set(try district.allRows(table: "representations").filter {
        $0.fields["status"] == .text("active") && registry.contains($0.fields["lawyer_id"]?.textValue ?? "")
    }.compactMap { $0.fields["case_number"]?.textValue })
    let parties = try district.allRows(table: "parties")
    // Identifying numbers, addresses, phones and accounts must appear nowhere; names nowhere outside
    // the bar's own registry (a lawyer may share a party's name).
    let personal = Set(parties.flatMap { party in
        ["id_number", "phone", "address", "bank_account"].compactMap { party.fields[$0]?.textValue }
    }.filter { $0.count >= 6 })
    let names = Set(parties.compactMap { $0.fields["name"]?.textValue })
    #expect(!personal.isEmpty && !names.isEmpty, sourceLocation: sourceLocation)
    let registryTables: Set<String> = ["lawyers", "law_firms", "courts"]

    for table in Catalog.tables {
        for row in try bar.allRows(table: table.name) {
            if let column = table.caseColumn, let caseNumber = row.fields[column]?.textValue {
                #expect(!sealed.contains(caseNumber), "\(table.name) \(row.key) of a sealed case", sourceLocation: sourceLocation)
                #expect(
                    counselled.contains(caseNumber), "\(table.name) \(row.key) of a case without registered counsel",
                    sourceLocation: sourceLocation)
            }
            for (column, value) in row.fields {
                guard let text = value.textValue else { continue }
                #expect(!personal.contains(text), "\(table.name).\(column) holds a party's personal data", sourceLocation: sourceLocation)
                if !registryTables.contains(table.name) {
                    #expect(!names.contains(text), "\(table.name).\(column) holds a party's name", sourceLocation: sourceLocation)
                }
            }
            guard !registryTables.contains(table.name) else { continue }
            for (column, value) in row.fields {
                guard let c = table.column(column), c.sensitivity != .public else { continue }
                // Only the database's own defaults (0 for flags and suspended days), never a value sent.
                let isDefault = value == .null || value == .integer(0) && (c.rule == .boolean || column == "suspended_days")
                #expect(isDefault, "\(table.name).\(column) (\(c.sensitivity)) is \(value) at the bar", sourceLocation: sourceLocation)
            }
        }
    }
}
