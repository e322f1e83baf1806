import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import Testing

@Suite("Sync between nodes (in-memory feeds)")
struct FederationSyncTests {
    @Test("a district's cases reach the intermediate court, minimised: no personal fields, no sealed notes")
    func districtToIntermediate() async throws {
        let fed = try TestFederation()
        try fed.store("gd0304").populate(cases: 60)
        let summary = try await fed.sync("gd03", with: "gd0304")
        #expect(summary.applied.applied > 0)

        let source = try fed.store("gd0304").rowCounts()
        let target = try fed.store("gd03").rowCounts()
        let count = { (rows: [(table: String, rows: Int)], t: String) in rows.first { $0.table == t }!.rows }
        for table in ["cases", "hearings", "services", "mediations", "file_review_requests"] {
            #expect(count(target, table) == count(source, table), "\(table)")
        }
        let parties = try fed.store("gd03").allRows(table: "parties")
        let sealedCases = try fed.store("gd0304").allRows(table: "cases").filter { $0.fields["sealed"] == .integer(1) }
        #expect(!parties.isEmpty)
        for party in parties {
            let appealed = try fed.store("gd03").fetch(CourtCase.self, key: party.fields["case_number"]!.textValue!)?
                .appealResult != nil
            if !appealed {
                for column in ["name", "id_number", "address", "phone", "bank_account"] {
                    #expect(party.fields[column] == .null, "party \(party.key) \(column) reached the intermediate court")
                }
            }
        }
        for c in sealedCases {
            let copy = try #require(try fed.store("gd03").allRows(table: "cases").first { $0.key == c.key })
            #expect(copy.fields["cause"] == .null)
            #expect(copy.fields["judge"] == .null)
            #expect(try fed.store("gd03").allRows(table: "parties").allSatisfy { $0.fields["case_number"]?.textValue != c.key })
        }
        #expect(try fed.store("gd03").allRows(table: "cases").allSatisfy { $0.fields["notes"] == .null })

        // A second sync finds nothing new.
        let again = try await fed.sync("gd03", with: "gd0304")
        #expect(again.applied.applied == 0)
    }

    @Test("the bar gets the registry's cases only: counsel of record, public fields, nothing sealed; sealing later retracts")
    func barScope() async throws {
        let fed = try TestFederation()
        try fed.store("szbar").populate(cases: 0, lawyers: 40)
        try fed.store("gd0304").populate(cases: 80, lawyers: 40)
        try await fed.sync("gd0304", with: "szbar")  // the registry reaches the district
        try await fed.sync("szbar", with: "gd0304")  // the bar pulls its lawyers' cases

        let bar = fed.store("szbar")
        try expectBarHoldsNoPersonalData(bar, district: fed.store("gd0304"))
        let barCases = try bar.allRows(table: "cases")
        #expect(!barCases.isEmpty)

        // Seal one of the cases the bar holds; on the next sync it disappears from the bar.
        let victim = barCases[0].key
        try fed.store("gd0304").write { try $0.update("cases", key: victim, ["sealed": .integer(1)]) }
        try await fed.sync("szbar", with: "gd0304")
        #expect(try bar.allRows(table: "cases").allSatisfy { $0.key != victim })
        for table in ["representations", "hearings", "file_review_requests"] {
            #expect(try bar.allRows(table: table).allSatisfy { $0.fields["case_number"]?.textValue != victim })
        }
        try expectBarHoldsNoPersonalData(bar, district: fed.store("gd0304"))
    }

    @Test("a lawyer added to an existing case brings the case to the bar; withdrawing takes it away")
    func counselEntersAndLeaves() async throws {
        let fed = try TestFederation()
        try fed.store("szbar").populate(cases: 0, lawyers: 40)
        try await fed.sync("gd0304", with: "szbar")
        let number = "（2025）粤0304民初9001号"
        var courtCase = Fixtures.courtCase(number)
        courtCase.filingDate = CivilDate(year: 2025, month: 3, day: 1)
        try fed.store("gd0304").write { try $0.insert(courtCase) }
        try await fed.sync("szbar", with: "gd0304")
        #expect(try fed.store("szbar").fetch(CourtCase.self, key: number) == nil)

        let representation = Representation(
            id: "0190f000-0000-7000-8000-00000000a001", caseNumber: number,
            partyID: "0190f000-0000-7000-8000-000000000001", lawyerID: "SZL000003", side: .plaintiff,
            status: .active, since: CivilDate(year: 2025, month: 3, day: 2))
        try fed.store("gd0304").write { try $0.insert(representation) }
        try await fed.sync("szbar", with: "gd0304")
        let held = try #require(try fed.store("szbar").allRows(table: "cases").first { $0.key == number })
        #expect(held.fields["cause"] == .text("民间借贷纠纷"))
        #expect(held.fields["judge"] == .null)  // court-internal

        try fed.store("gd0304").write { try $0.update("representations", key: representation.id, ["status": .text("withdrawn")]) }
        try await fed.sync("szbar", with: "gd0304")
        #expect(try fed.store("szbar").fetch(CourtCase.self, key: number) == nil)
        #expect(try fed.store("szbar").fetch(Representation.self, key: representation.id) == nil)
    }

    @Test("the intermediate court relays the bar's registry to its districts with origin and version intact")
    func registryRelay() async throws {
        let fed = try TestFederation()
        try fed.store("szbar").populate(cases: 0, lawyers: 10)
        try await fed.sync("gd03", with: "szbar")
        try await fed.sync("gd0305", with: "gd03")
        let atBar = try fed.store("szbar").changes(ChangeFilter(table: "lawyers")).map(\.change)
        let atDistrict = try fed.store("gd0305").changes(ChangeFilter(table: "lawyers")).map(\.change)
        #expect(atDistrict == atBar)
        #expect(try fed.store("gd0305").allRows(table: "lawyers").count == 10)
        let versions = try fed.store("gd0305").fieldVersions(table: "lawyers", key: "SZL000001")
        #expect(versions.values.allSatisfy { $0.origin == "szbar" })
    }

    @Test("the appeal result written by the intermediate court reaches the district")
    func appealResultToDistrict() async throws {
        let fed = try TestFederation()
        try fed.store("gd0304").write { try $0.insert(Fixtures.courtCase()) }
        try await fed.sync("gd03", with: "gd0304")
        try fed.store("gd03").write { try $0.update("cases", key: Fixtures.courtCase().caseNumber, ["appeal_result": .text("reversed")]) }
        try await fed.sync("gd0304", with: "gd03")
        #expect(try fed.store("gd0304").fetch(CourtCase.self, key: Fixtures.courtCase().caseNumber)?.appealResult == .reversed)
    }
}

/// No table of the bar's database holds a party's personal data or a row of a sealed case.
func expectBarHoldsNoPersonalData(_ bar: NodeStore, district: NodeStore) throws {
    #expect(try bar.allRows(table: "parties").isEmpty)
    #expect(try bar.allRows(table: "services").isEmpty)
    #expect(try bar.allRows(table: "mediations").isEmpty)
    let sealed = Set(try district.allRows(table: "cases").filter { $0.fields["sealed"] == .integer(1) }.map(\.key))
    let personal = try district.allRows(table: "parties").flatMap { party in
        ["id_number", "phone", "address", "bank_account", "name"].compactMap { party.fields[$0]?.textValue }
    }
    let personalSet = Set(personal)
    for table in Catalog.tables {
        for row in try bar.allRows(table: table.name) {
            if let caseNumber = row.fields["case_number"]?.textValue {
                #expect(!sealed.contains(caseNumber), "\(table.name) \(row.key) of a sealed case")
            }
            for (column, value) in row.fields {
                if let text = value.textValue, text.count >= 6 {
                    #expect(!personalSet.contains(text), "\(table.name).\(column) holds a party's personal data")
                }
                if let c = table.column(column), c.sensitivity != .public, !["lawyers", "law_firms", "courts"].contains(table.name) {
                    // Only the database's own defaults (0 for flags and suspended days), never a value sent.
                    let isDefault = value == .integer(0) && (c.rule == .boolean || column == "suspended_days")
                    #expect(value == .null || isDefault, "\(table.name).\(column) is \(c.sensitivity)")
                }
            }
        }
    }
}
