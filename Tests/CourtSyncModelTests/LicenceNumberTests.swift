import Foundation
import Testing

@testable import CourtSyncModel

@Suite("Lawyer licence numbers")
struct LicenceNumberTests {
    @Test func strictValid() throws {
        let (number, warnings) = try LicenceNumber.parse("14403201710123456", strict: true, currentYear: 2026)
        #expect(warnings.isEmpty)
        #expect(number.digits == "14403201710123456")
        #expect(number.province == 44)
        #expect(number.city == 3)
        #expect(number.firstYear == 2017)
        #expect(number.category == .fullTime)
        #expect(number.gender == 0)
        #expect(number.serial == 123_456)
    }

    @Test(arguments: [
        (2, LicenceNumber.Category.partTime), (3, .hongKongResident), (4, .macaoResident), (7, .other(7)),
    ])
    func categories(_ digit: Int, _ category: LicenceNumber.Category) throws {
        let (number, _) = try LicenceNumber.parse("144032017\(digit)1123456", strict: true, currentYear: 2026)
        #expect(number.category == category)
        #expect(number.gender == 1)
    }

    @Test func fullWidthDigitsAndOuterSpacesAreNormalised() throws {
        let (number, warnings) = try LicenceNumber.parse("\u{3000}１４４０３２０１７１０１２３４５６ ", strict: true, currentYear: 2026)
        #expect(number.digits == "14403201710123456")
        #expect(warnings.isEmpty)
        let (_, lenientWarnings) = try LicenceNumber.parse("１４４０３２０１７１０１２３４５６", strict: false, currentYear: 2026)
        #expect(lenientWarnings.count == 1)
    }

    @Test(arguments: [
        ("14403197010123456", "1970", 6),
        ("14403203010123456", "2030", 6),
        ("19903201710123456", "province code 99", 2),
        ("10003201710123456", "province code 00", 2),
        ("14403201700123456", "category 0", 10),
        ("14403201712123456", "gender digit 2", 11),
    ])
    func oddFieldsRejectedWhenStrictWarnedWhenLenient(_ text: String, _ reason: String, _ position: Int) throws {
        #expect {
            try LicenceNumber.parse(text, strict: true, currentYear: 2026)
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.reason.contains(reason) && error.position == position && error.field == "licence_number"
        }
        let (number, warnings) = try LicenceNumber.parse(
            text, field: "lawyers.licence", strict: false, currentYear: 2026)
        #expect(number.digits == text)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains(reason) == true)
        #expect(warnings.first?.hasPrefix("lawyers.licence") == true)
    }

    @Test func severalOddFieldsGiveSeveralWarnings() throws {
        let (_, warnings) = try LicenceNumber.parse("19903197002223456", strict: false, currentYear: 2026)
        #expect(warnings.count == 4)
    }

    @Test(
        arguments: [
            ("440301199001011234", "resident ID", nil),
            ("44030119900101123X", "resident ID", nil),
            ("1440320171A123456", "digits only", 11),
            ("14403 01710123456", "digits only", 6),
            ("1440320171012345", "17 digits", nil),
            ("144032017101234567890", "17 digits", nil),
            ("24403201710123456", "starts with 1", 1),
            ("", "empty", nil),
        ] as [(String, String, Int?)])
    func alwaysRejected(_ text: String, _ reason: String, _ position: Int?) {
        for strict in [true, false] {
            #expect {
                try LicenceNumber.parse(text, strict: strict, currentYear: 2026)
            } throws: { error in
                guard let error = error as? ValidationError else { return false }
                return error.reason.contains(reason) && error.position == position && error.value == text
            }
        }
    }

    @Test func codableAsText() throws {
        let (number, _) = try LicenceNumber.parse("14403201710123456", strict: true, currentYear: 2026)
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == "[\"14403201710123456\"]")
        #expect(try JSONDecoder().decode([LicenceNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LicenceNumber].self, from: Data("[\"123\"]".utf8))
        }
    }
}
