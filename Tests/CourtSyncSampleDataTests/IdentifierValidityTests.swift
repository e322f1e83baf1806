import CourtSyncModel
import CourtSyncSampleData
import Testing

@Suite("Generated identifiers are valid")
struct IdentifierValidityTests {
    @Test(arguments: ["粤0304", "粤0305", "粤0308", "粤0391", "粤03"])
    func caseNumbersParseAndAreCanonical(code: String) throws {
        let sample = SampleCollection.court(seed: 3, code: code, cases: 600, districtCases: 300)
        var lastSerial: [String: Int] = [:]
        for row in sample.cases {
            let number = try CaseNumber.parse(row.caseNumber, currentYear: sampleYear)
            #expect(number.canonical == row.caseNumber)
            #expect(number.court == code)
            #expect(number.typeWithSpecial == row.caseType)
            #expect(number.year == row.filingDate.year)
            let key = "\(number.year)\(row.caseType)"
            #expect(number.serial == lastSerial[key, default: 0] + 1, "serials count from 1 per court, type and year")
            lastSerial[key] = number.serial
            if let original = row.originalCaseNumber {
                let parsed = try CaseNumber.parse(original, currentYear: sampleYear)
                #expect(parsed.canonical == original)
            }
        }
    }

    @Test func intellectualPropertyOnlyAtIPCourts() {
        for code in ["粤0306", "粤0307"] {
            let sample = SampleCollection.court(seed: 4, code: code, cases: 400)
            #expect(!sample.cases.contains { $0.caseType.hasPrefix("知") })
        }
        let ip = SampleCollection.court(seed: 4, code: "粤0305", cases: 400)
        #expect(ip.cases.contains { $0.caseType == "知民初" })
    }

    @Test func licenceNumbersAreStrictlyValid() throws {
        let registry = SampleCollection.registry(seed: 8, lawyers: 2_000, firms: 150)
        #expect(registry.lawyers.count == 2_000)
        #expect(Set(registry.lawyers.map(\.licenceNumber)).count == 2_000)
        for lawyer in registry.lawyers {
            let (licence, warnings) = try LicenceNumber.parse(lawyer.licenceNumber, strict: true, currentYear: sampleYear)
            #expect(warnings.isEmpty)
            #expect(licence.province == 44 && licence.city == 3)
            for previous in lawyer.previousLicences?.split(separator: ",") ?? [] {
                _ = try LicenceNumber.parse(String(previous), strict: true, currentYear: sampleYear)
            }
        }
        #expect(registry.lawyers.first?.id == "SZL000001")
        #expect(registry.lawyers.last?.id == "SZL002000")
        #expect(registry.lawyers.contains { $0.previousLicences != nil })
        let statuses = Dictionary(grouping: registry.lawyers, by: \.licenceStatus).mapValues(\.count)
        #expect(statuses[.practising, default: 0] > 1_700)
        #expect(statuses[.suspended, default: 0] > 0 && statuses[.revoked, default: 0] > 0)
    }

    @Test func lawFirmsHaveValidCreditCodesAndDistinctNames() throws {
        let registry = SampleCollection.registry(seed: 8, lawyers: 10, firms: 500)
        for firm in registry.firms {
            let code = try CreditCode.parse(firm.creditCode, requireLawFirm: true)
            #expect(code.text == firm.creditCode)
            #expect(firm.name.hasSuffix("律师事务所"))
        }
        #expect(Set(registry.firms.map(\.name)).count == 500)
        let firmIDs = Set(registry.firms.map(\.id))
        let lawyers = SampleCollection.registry(seed: 8, lawyers: 300, firms: 500).lawyers
        #expect(lawyers.allSatisfy { $0.firmID.map(firmIDs.contains) ?? true })
    }

    @Test func partyIdentifiersAreValid() throws {
        let sample = SampleCollection.court(seed: 12, code: "粤0304", cases: 500)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let checks = Array("10X98765432")
        for party in sample.parties {
            guard let idNumber = party.idNumber else { continue }
            if party.kind == .natural {
                let characters = Array(idNumber)
                #expect(characters.count == 18)
                let sum = zip(characters.prefix(17), weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
                #expect(characters[17] == checks[sum % 11], "resident ID check digit of \(idNumber)")
            } else {
                _ = try CreditCode.parse(idNumber)
            }
            if let phone = party.phone, party.kind == .natural {
                #expect(phone.count == 11 && phone.hasPrefix("1"))
            }
        }
        #expect(sample.parties.contains { $0.kind == .natural } && sample.parties.contains { $0.kind != .natural })
    }

    @Test func keysAreUUIDv7AndUnique() {
        let sample = SampleCollection.court(seed: 13, code: "粤0309", cases: 300)
        let keys = sample.all.filter { if case .courtCase = $0 { false } else { true } }.map(\.key)
        #expect(Set(keys).count == keys.count)
        for key in keys {
            let characters = Array(key)
            #expect(characters.count == 36 && characters[14] == "7")
        }
    }
}
