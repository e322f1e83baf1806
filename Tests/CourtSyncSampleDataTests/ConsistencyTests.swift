import CourtSyncModel
import CourtSyncSampleData
import Testing

@Suite("Generated records are consistent")
struct ConsistencyTests {
    static func seconds(_ text: String) throws -> Int64 {
        try CalendarDate.parseTimestamp(text, field: "time").epochSeconds
    }

    @Test(arguments: ["粤0304", "粤03"])
    func datesAreConsistent(code: String) throws {
        let asOf = SampleGenerator.defaultAsOf
        let sample = SampleCollection.court(seed: 21, code: code, cases: 800, districtCases: 300)
        for row in sample.cases {
            #expect(row.filingDate >= CivilDate(year: SampleGenerator.defaultFirstYear, month: 1, day: 1))
            #expect(row.filingDate <= asOf)
            if row.status == .closed {
                let closed = try #require(row.closedDate)
                #expect(closed >= row.filingDate && closed <= asOf)
                #expect(row.closingMethod != nil)
                #expect(row.stage >= .decided)
            } else {
                #expect(row.closedDate == nil && row.closingMethod == nil)
            }
            if let applied = row.amountApplied {
                let recovered = try #require(row.amountRecovered)
                #expect(recovered >= 0 && recovered <= applied)
            }
            if row.sealed { #expect(row.juvenile && row.nonPublic) }
            #expect(row.timeLimitDays != nil)
        }
        let end = try Self.seconds("\(asOf)T23:59:59+08:00")
        for review in sample.fileReviews {
            let requested = try Self.seconds(review.requestedAt)
            #expect(requested <= end)
            if let decidedAt = review.decidedAt {
                #expect(try Self.seconds(decidedAt) >= requested)
                #expect(try Self.seconds(decidedAt) <= end)
                #expect(review.decision != .pending)
            } else {
                #expect(review.decision == .pending)
            }
        }
        for service in sample.services {
            if let delivered = service.deliveredAt {
                #expect(try Self.seconds(delivered) >= Self.seconds(service.sentAt))
            }
        }
        for hearing in sample.hearings {
            let time = try CalendarDate.parseTimestamp(hearing.scheduledAt, field: "scheduled_at")
            #expect(time.text == hearing.scheduledAt && hearing.scheduledAt.hasSuffix("+08:00"))
            #expect((hearing.status == .scheduled) == (time.epochSeconds > end))
            #expect((hearing.mode == .offline) == (hearing.platform == nil))
        }
        for mediation in sample.mediations {
            if let concluded = mediation.concludedOn { #expect(concluded >= mediation.startedOn) }
            #expect((mediation.result == .pending) == (mediation.concludedOn == nil))
        }
    }

    @Test func enforcementCasesHaveAmountsAndSomeTerminations() {
        let sample = SampleCollection.court(seed: 22, code: "粤0307", cases: 1_000)
        let enforcement = sample.cases.filter { $0.caseType == "执" }
        #expect(enforcement.count > 120)
        #expect(enforcement.allSatisfy { $0.amountApplied != nil })
        #expect(enforcement.contains { $0.closingMethod == .terminatedCurrentEnforcement })
        #expect(sample.cases.contains { $0.sealed })
        #expect(sample.cases.contains { $0.family })
    }

    @Test func recordsReferToTheirCaseAndRegistry() {
        let lawyers = 400
        let registry = SampleCollection.registry(seed: 23, lawyers: lawyers, firms: 30)
        let practising = Set(registry.lawyers.filter { $0.licenceStatus == .practising }.map(\.id))
        let sample = SampleCollection.court(seed: 23, code: "粤0303", cases: 600, registryLawyers: lawyers)
        let caseNumbers = Set(sample.cases.map(\.caseNumber))
        let partyCase = Dictionary(uniqueKeysWithValues: sample.parties.map { ($0.id, $0.caseNumber) })
        #expect(!sample.representations.isEmpty)
        for representation in sample.representations {
            #expect(practising.contains(representation.lawyerID))
            #expect(partyCase[representation.partyID] == representation.caseNumber)
        }
        let counsel = Set(sample.representations.map { "\($0.caseNumber)|\($0.lawyerID)" })
        #expect(!sample.fileReviews.isEmpty)
        for review in sample.fileReviews {
            #expect(counsel.contains("\(review.caseNumber)|\(review.lawyerID)"), "file review by a lawyer of record")
        }
        let childCases = sample.parties.map(\.caseNumber) + sample.hearings.map(\.caseNumber)
            + sample.services.map(\.caseNumber) + sample.mediations.map(\.caseNumber)
        #expect(childCases.allSatisfy(caseNumbers.contains))
        let none = SampleCollection.court(seed: 23, code: "粤0303", cases: 100, registryLawyers: 0)
        #expect(none.representations.isEmpty && none.fileReviews.isEmpty)
    }

    @Test func appealsPointAtGeneratedDistrictCases() {
        let districtCases = 300
        let appeals = SampleCollection.court(seed: 31, code: "粤03", cases: 300, districtCases: districtCases)
        var districtNumbers: Set<String> = []
        for code in SampleGenerator(seed: 31).districts(of: "粤03") {
            let district = SampleCollection.court(seed: 31, code: code, cases: districtCases)
            districtNumbers.formUnion(district.cases.map(\.caseNumber))
        }
        let linked = appeals.cases.filter { ["民终", "知民终", "刑终", "行终"].contains($0.caseType) }
        #expect(linked.count > 100)
        for row in linked {
            #expect(
                row.originalCaseNumber.map(districtNumbers.contains) == true,
                "\(row.caseNumber) → \(row.originalCaseNumber ?? "nil")")
        }
        #expect(appeals.cases.contains { $0.caseType == "民初" })
    }

    @Test func onlineSharesArePlausible() {
        let sample = SampleCollection.court(seed: 2024, code: "粤0304", cases: 2_000)
        let online = sample.cases.filter(\.filingChannel.isOnline).count
        let share = Double(online) / Double(sample.cases.count)
        #expect(share >= 0.55 && share <= 0.85, "online filing share \(share)")
        let held = sample.hearings.filter { $0.status == .held }
        let onlineHearings = Double(held.filter { $0.mode == .online }.count) / Double(max(1, held.count))
        #expect(onlineHearings >= 0.3 && onlineHearings <= 0.7, "online hearing share \(onlineHearings)")
        let electronic = Double(sample.services.filter(\.method.isElectronic).count) / Double(max(1, sample.services.count))
        #expect(electronic >= 0.6, "electronic service share \(electronic)")
        let types = Dictionary(grouping: sample.cases, by: \.caseType).mapValues(\.count)
        #expect(types["民初", default: 0] > types["执", default: 0])
        #expect(types["执", default: 0] > types["刑初", default: 0])
    }
}
