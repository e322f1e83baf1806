import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import GRDB
import Testing

@Suite("LawyerCaseList: a lawyer's cases from a real store")
struct LawyerCaseListTests {
    let fixture: LawyerCaseFixture

    init() throws { fixture = try LawyerCaseFixture.shared.get() }

    @Test("the list for one lawyer equals independent SQL over the same database")
    func matchesSQL() throws {
        let list = try fixture.list(.lawyer(fixture.lawyerID))
        let expected = try fixture.expected(for: fixture.lawyerID)
        #expect(list.lawyers.map(\.id) == [fixture.lawyerID])
        #expect(list.lawyers.first?.licenceNumber == fixture.lawyerLicence)
        #expect(expected.count > 5, "the fixture lawyer should act in several cases")
        #expect(list.cases.count == expected.count)
        #expect(Set(list.cases.map(\.caseNumber)) == Set(expected.keys))
        for entry in list.cases {
            #expect(entry.lawyerID == fixture.lawyerID)
            #expect(entry.asExpected == expected[entry.caseNumber], "\(entry.caseNumber)")
            #expect(entry.nextHearing?.id == expected[entry.caseNumber]?.hearings.first)
        }
        let courts = Set(list.cases.compactMap(\.courtCode))
        #expect(courts == ["粤0304", "粤0305"], "cases of both courts")
        #expect(list.cases.allSatisfy { $0.courtName != nil }, "court names from the table or the reference data")
        #expect(list.cases.first { $0.courtCode == "粤0305" }?.courtName == "深圳市南山区人民法院")
        let dates = list.cases.map { $0.filingDate ?? "" }
        #expect(dates == dates.sorted(by: >), "newest filing first")
        let upcoming = expected.values.reduce(0) { $0 + $1.hearings.count }
        #expect(list.upcomingHearings.count == upcoming)
        #expect(upcoming > 0)
    }

    @Test("sealed cases and withdrawn representations are left out; a case with two representations appears once")
    func exclusions() throws {
        let list = try fixture.list(.lawyer(fixture.lawyerID))
        let numbers = list.cases.map(\.caseNumber)
        #expect(!numbers.contains(LawyerCaseFixture.sealedCase))
        #expect(!numbers.contains(LawyerCaseFixture.withdrawnCase))
        #expect(numbers.filter { $0 == LawyerCaseFixture.specialCase }.count == 1)
        let special = try #require(list.cases.first { $0.caseNumber == LawyerCaseFixture.specialCase })
        #expect(special.sides == [.plaintiff])
        #expect(special.upcomingHearings.map(\.id) == [LawyerCaseFixture.specialHearing], "past and cancelled left out")
        #expect(special.pendingFileReviews.map(\.id) == [LawyerCaseFixture.specialReview])
        let reviews = list.cases.flatMap(\.pendingFileReviews).map(\.id)
        #expect(!reviews.contains(LawyerCaseFixture.sealedReview))
        // No rendering names the sealed case or its hearing either.
        let ics = list.ics(now: LawyerCaseFixture.asOf)
        let json = String(decoding: try list.json(), as: UTF8.self)
        for text in [ics, json, list.table(), String(decoding: list.csv(), as: UTF8.self)] {
            #expect(!text.contains("99901"))
            #expect(!text.contains("99902"))
        }
    }

    @Test("a firm's list is the union of its lawyers' lists")
    func firmUnion() throws {
        let list = try fixture.list(.firm(fixture.firmID))
        let members = try fixture.sql { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM lawyers WHERE firm_id = ? ORDER BY id", arguments: [fixture.firmID])
        }
        #expect(list.lawyers.map(\.id) == members)
        #expect(list.firmID == fixture.firmID)
        #expect(list.firmName != nil)
        var union = Set<String>()
        for member in members {
            for number in try fixture.expected(for: member).keys { union.insert("\(member) \(number)") }
            let own = try fixture.list(.lawyer(member))
            let inFirm = list.cases.filter { $0.lawyerID == member }
            #expect(inFirm == own.cases, "\(member)")
        }
        #expect(Set(list.cases.map { "\($0.lawyerID) \($0.caseNumber)" }) == union)
        #expect(list.cases.count == union.count)
    }

    @Test("the licence selector finds the current holder, else the lawyer who held it before")
    func licenceSelector() throws {
        let current = try fixture.list(.licence(fixture.lawyerLicence))
        #expect(current.lawyers.map(\.id) == [fixture.lawyerID])
        #expect(!current.matchedPreviousLicence)
        #expect(current.previousLicenceNote == nil)
        #expect(current.cases == (try fixture.list(.lawyer(fixture.lawyerID))).cases)

        let (holder, previous) = try fixture.sql { db -> (String, String) in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, previous_licences FROM lawyers WHERE previous_licences IS NOT NULL ORDER BY id")
            for row in rows {
                let licences = (row["previous_licences"] as String).split(separator: ",").map(String.init)
                for licence in licences
                where try Int.fetchOne(db, sql: "SELECT count(*) FROM lawyers WHERE licence_number = ?",
                                       arguments: [licence]) == 0
                {
                    return (row["id"], licence)
                }
            }
            Issue.record("the generated registry has no earlier licence numbers")
            return ("", "")
        }
        let earlier = try fixture.list(.licence(previous))
        #expect(earlier.lawyers.map(\.id) == [holder])
        #expect(earlier.matchedPreviousLicence)
        #expect(earlier.previousLicenceNote?.contains(previous) == true)
        #expect(earlier.table().contains("earlier licence number"))
        #expect(earlier.cases == (try fixture.list(.lawyer(holder))).cases)
    }

    @Test("unknown lawyer, licence and firm are errors that name what was asked for")
    func unknown() throws {
        let cases: [(LawyerCaseSelection, LawyerLookupError, String)] = [
            (.lawyer("SZL999999"), .unknownLawyer("SZL999999"), "SZL999999"),
            (.licence("14403201011999999"), .unknownLicence("14403201011999999"), "14403201011999999"),
            (.firm("SZF9999"), .unknownFirm("SZF9999"), "SZF9999"),
        ]
        for (selection, error, name) in cases {
            #expect(throws: error) { try fixture.list(selection) }
            #expect(error.description.contains(name))
        }
    }

    @Test("a lawyer id with representations but no registry row yet is listed by id")
    func unregisteredLawyer() throws {
        let list = try fixture.list(.lawyer(LawyerCaseFixture.unregisteredLawyer))
        #expect(list.lawyers == [LawyerSummary(id: LawyerCaseFixture.unregisteredLawyer)])
        #expect(list.cases.map(\.caseNumber) == [LawyerCaseFixture.specialCase])
        #expect(list.cases.first?.sides == [.defendant])
        #expect(list.cases.first?.pendingFileReviews.isEmpty == true, "another lawyer's requests are not shown")
        #expect(list.table().contains("registry entry not on this node yet"))
    }

    @Test("the case-table statements are index searches only, never scans")
    func queryPlans() throws {
        let plans = try fixture.store.lawyerCaseQueryPlans()
        let names = [
            "lawyer_by_id", "lawyer_acts", "lawyers_by_licence", "lawyers_by_firm", "firm", "cases",
            "upcoming_hearings", "pending_file_reviews",
        ]
        for name in names {
            let plan = try #require(plans[name], "no plan for \(name)")
            #expect(!plan.isEmpty)
            for line in plan {
                #expect(!line.trimmingCharacters(in: .whitespaces).hasPrefix("SCAN"), "\(name): \(line)")
                #expect(line.hasPrefix("SEARCH") && line.contains("USING"), "\(name): \(line)")
            }
        }
        #expect(plans["cases"]?.contains { $0.contains("USING INDEX representations_lawyer (lawyer_id=?)") } == true)
        #expect(plans["upcoming_hearings"]?.contains {
            $0.contains("USING INDEX hearings_case (case_number=? AND scheduled_at>?)")
        } == true)
        #expect(plans["pending_file_reviews"]?.contains {
            $0.contains("USING INDEX file_review_requests_lawyer (lawyer_id=?)")
        } == true)
        // The earlier-licence fallback reads the registry only.
        for line in plans["lawyers_by_previous_licence"] ?? [] {
            for table in ["cases", "representations", "hearings", "file_review_requests"] {
                #expect(!(line.trimmingCharacters(in: .whitespaces).hasPrefix("SCAN") && line.contains(table)), "\(line)")
            }
        }
    }

    @Test("JSON has the documented keys, nulls included")
    func json() throws {
        let list = try fixture.list(.lawyer(fixture.lawyerID))
        let object = try #require(try JSONSerialization.jsonObject(with: list.json()) as? [String: Any])
        #expect(Set(object.keys) == ["as_of", "selection", "matched_previous_licence", "firm", "lawyers", "cases",
                                     "upcoming_hearing_count"])
        #expect(object["as_of"] as? String == LawyerCaseFixture.asOfText)
        #expect(object["upcoming_hearing_count"] as? Int == list.upcomingHearings.count)
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.count == list.cases.count)
        let special = try #require(cases.first { $0["case_number"] as? String == LawyerCaseFixture.specialCase })
        #expect(Set(special.keys) == [
            "lawyer_id", "case_number", "court", "case_type", "cause", "filing_date", "stage", "status", "closed_date",
            "closing_method", "sides", "next_hearing", "upcoming_hearings", "pending_file_reviews",
        ])
        #expect(special["closed_date"] is NSNull)
        #expect((special["court"] as? [String: Any])?["name"] as? String == "深圳市福田区人民法院")
        let next = try #require(special["next_hearing"] as? [String: Any])
        #expect(next["id"] as? String == LawyerCaseFixture.specialHearing)
        #expect(next["online"] as? Bool == true)
        #expect(next["in_person"] as? Bool == true)
        #expect(next["courtroom"] as? String == LawyerCaseFixture.specialCourtroom)
        #expect((special["sides"] as? [[String: Any]])?.first?["label"] as? String == "原告")
    }

    @Test("CSV: BOM, header, one row per entry; the table names the lawyer and counts upcoming hearings")
    func csvAndTable() throws {
        let list = try fixture.list(.lawyer(fixture.lawyerID))
        let csv = list.csv()
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix(LawyerCaseList.csvHeaders.joined(separator: ",") + "\r\n"))
        #expect(text.contains("\"" + LawyerCaseFixture.specialCause + "\""), "a cause with a comma is quoted")
        let table = list.table()
        let name = try #require(list.lawyers.first?.name)
        #expect(table.hasPrefix("律师 \(name) (\(fixture.lawyerID))"))
        #expect(table.contains(fixture.lawyerLicence))
        #expect(table.contains("\(list.upcomingHearings.count) upcoming hearing"))
        #expect(!table.contains(LawyerCaseFixture.specialCause), "a long 案由 is clipped in the table")
        #expect(table.contains(String(LawyerCaseFixture.specialCause.prefix(6))))
    }
}
