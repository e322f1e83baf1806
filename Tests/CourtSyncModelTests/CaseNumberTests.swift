import Foundation
import Testing

@testable import CourtSyncModel

private let currentYear = 2026

private func parse(_ text: String) throws(ValidationError) -> CaseNumber {
    try CaseNumber.parse(text, currentYear: currentYear)
}

@Suite("Case numbers")
struct CaseNumberTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var text: String
        var court: String
        var special: String?
        var type: String
        var serial: Int
        var canonical: String
        var testDescription: String { text }
    }

    @Test(arguments: [
        Valid(text: "（2024）粤0304民初1234号", court: "粤0304", type: "民初", serial: 1234, canonical: "（2024）粤0304民初1234号"),
        Valid(text: "(2024)粤03民终56号", court: "粤03", type: "民终", serial: 56, canonical: "（2024）粤03民终56号"),
        Valid(
            text: "（2023）粤03知民终12号", court: "粤03", special: "知", type: "民终", serial: 12, canonical: "（2023）粤03知民终12号"),
        Valid(text: "（2024）粤0304民诉前调789号", court: "粤0304", type: "民诉前调", serial: 789, canonical: "（2024）粤0304民诉前调789号"),
        Valid(text: "（2024）粤0304执恢12号", court: "粤0304", type: "执恢", serial: 12, canonical: "（2024）粤0304执恢12号"),
        Valid(text: "（2024）粤0304执12号", court: "粤0304", type: "执", serial: 12, canonical: "（2024）粤0304执12号"),
        Valid(text: "（2024）粤03民特监3号", court: "粤03", type: "民特监", serial: 3, canonical: "（2024）粤03民特监3号"),
        Valid(text: "（2024）粤0304民特3号", court: "粤0304", type: "民特", serial: 3, canonical: "（2024）粤0304民特3号"),
        Valid(
            text: "（2024）粤03刑核01234567号", court: "粤03", type: "刑核", serial: 1_234_567, canonical: "（2024）粤03刑核01234567号"
        ),
        Valid(text: "（2024）最高法民终1号", court: "最高法", type: "民终", serial: 1, canonical: "（2024）最高法民终1号"),
        Valid(text: "（2024）最高法知民终1号", court: "最高法", special: "知", type: "民终", serial: 1, canonical: "（2024）最高法知民终1号"),
        Valid(text: "（2024）京0105民初100号", court: "京0105", type: "民初", serial: 100, canonical: "（2024）京0105民初100号"),
        Valid(text: "（2024）粤民终7号", court: "粤", type: "民终", serial: 7, canonical: "（2024）粤民终7号"),
        Valid(text: "（2024）粤0391民初5号", court: "粤0391", type: "民初", serial: 5, canonical: "（2024）粤0391民初5号"),
        Valid(text: "（2016）粤0304民初1号", court: "粤0304", type: "民初", serial: 1, canonical: "（2016）粤0304民初1号"),
        Valid(text: "（2026）粤0304民初1号", court: "粤0304", type: "民初", serial: 1, canonical: "（2026）粤0304民初1号"),
    ])
    func validForms(_ valid: Valid) throws {
        let number = try parse(valid.text)
        #expect(number.court == valid.court)
        #expect(number.special == valid.special)
        #expect(number.type == valid.type)
        #expect(number.serial == valid.serial)
        #expect(number.suffix == nil)
        #expect(number.canonical == valid.canonical)
        #expect(number.fullText == valid.canonical)
        #expect(try parse(number.canonical) == number)
    }

    @Test(arguments: [
        "(2024)粤0304民初1234号",
        "(2024）粤0304民初1234号",
        "（2024)粤0304民初1234号",
        "（２０２４）粤０３０４民初１２３４号",
        "（2024）粤0304民初1234号\u{3000}",
        " \u{3000}（2024）粤0304民初1234号 \t",
        "\u{FEFF}（2024）粤0304民初1234号",
    ])
    func normalisedForms(_ text: String) throws {
        let number = try parse(text)
        #expect(number.canonical == "（2024）粤0304民初1234号")
        #expect(number.year == 2024)
        #expect(number.typeWithSpecial == "民初")
    }

    @Test(arguments: [("之一", 1), ("之二", 2), ("之十", 10), ("之十二", 12), ("之二十", 20), ("之九十九", 99)])
    func suffixIsKeptOutOfTheKey(_ suffix: String, _ value: Int) throws {
        let number = try parse("（2024）粤0304民初1234号" + suffix)
        #expect(number.suffix == value)
        #expect(number.canonical == "（2024）粤0304民初1234号")
        #expect(number.fullText == "（2024）粤0304民初1234号" + suffix)
        #expect(number.description == number.fullText)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var text: String
        var reason: String
        var position: Int?
        var testDescription: String { text }
    }

    @Test(arguments: [
        Invalid(text: "〔2024〕粤0304民初1234号", reason: "document numbers", position: 1),
        Invalid(text: "【2024】粤0304民初1234号", reason: "square brackets", position: 1),
        Invalid(text: "[2024]粤0304民初1234号", reason: "square brackets", position: 1),
        Invalid(text: "（2024）粤0304 民初1234号", reason: "white space", position: 12),
        Invalid(text: "（2024）粤0304\u{3000}民初1234号", reason: "white space", position: 12),
        Invalid(text: "（2024）粵0304民初1234号", reason: "traditional character 粵", position: 7),
        Invalid(text: "（2024）粤0304民終1234号", reason: "traditional character 終", position: 13),
        Invalid(text: "（2024）粤0304民初1234號", reason: "traditional character 號", position: 18),
        Invalid(text: "（2O24）粤0304民初1234号", reason: "Latin letter", position: 3),
        Invalid(text: "（2024）粤\u{41E}304民初1234号", reason: "Cyrillic letter", position: 8),
        Invalid(text: "（2024）粤０３０４民初l234号", reason: "Latin letter", position: 14),
        Invalid(text: "(2015)深中法行终字第612号", reason: "legacy", position: 12),
        Invalid(text: "（2015）粤03民终1号", reason: "before 2016", position: 2),
        Invalid(text: "（2027）粤03民终1号", reason: "after the current year", position: 2),
        Invalid(text: "（24）粤0304民初1号", reason: "4 digits", position: 2),
        Invalid(text: "2024粤0304民初1234号", reason: "year in brackets", position: 1),
        Invalid(text: "（2024）粤0399民初1号", reason: "unknown court code 粤0399", position: 7),
        Invalid(text: "（2024）粤030民初1号", reason: "2 digits", position: 8),
        Invalid(text: "（2024）港03民初1号", reason: "unknown court code", position: 7),
        Invalid(text: "（2024）粤03民乙1号", reason: "unknown case type code 民乙", position: 10),
        Invalid(text: "（2024）粤03民初初1号", reason: "after the case type code 民初", position: 12),
        Invalid(text: "（2024）粤0304号", reason: "missing case type code", position: 12),
        Invalid(text: "（2024）粤0304知1号", reason: "after the special code 知", position: 13),
        Invalid(text: "（2024）粤0304民初0号", reason: "must not be 0", position: 14),
        Invalid(text: "（2024）粤0304民初01234号", reason: "must not start with 0", position: 14),
        Invalid(text: "  （2024）粤0304民初０号", reason: "must not be 0", position: 16),
        Invalid(text: "（2024）粤03刑核1234号", reason: "exactly 8 digits", position: 12),
        Invalid(text: "（2024）粤03刑核123456789号", reason: "exactly 8 digits", position: 12),
        Invalid(text: "（2024）粤0304民初号", reason: "missing serial number", position: 14),
        Invalid(text: "（2024）粤0304民初18775-18776号", reason: "range", position: 19),
        Invalid(text: "（2024）粤0304民初3827、3828号", reason: "list", position: 18),
        Invalid(text: "（2024）粤0304民初1234", reason: "missing 号", position: nil),
        Invalid(text: "（2024）粤0304民初1234之一", reason: "expected 号", position: 18),
        Invalid(text: "（2024）粤0304民初1234号判决", reason: "only a suffix", position: 19),
        Invalid(text: "（2024）粤0304民初1234号之", reason: "Chinese numeral", position: 19),
        Invalid(text: "（2024）粤0304民初1234号之一百", reason: "Chinese numeral", position: 19),
        Invalid(text: "（2024）粤0304民初1234号之1", reason: "Chinese numeral", position: 19),
        Invalid(text: "", reason: "empty", position: nil),
        Invalid(text: " \u{3000} ", reason: "empty", position: nil),
    ])
    func invalidForms(_ invalid: Invalid) {
        #expect {
            try parse(invalid.text)
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.field == "case_number" && error.value == invalid.text
                && error.reason.contains(invalid.reason) && error.position == invalid.position
        }
    }

    @Test func errorNamesTheGivenField() {
        #expect(throws: ValidationError.self) { try CaseNumber.parse("x", field: "cases.original", currentYear: 2026) }
        do {
            _ = try CaseNumber.parse("（2024）粤0304民初0号", field: "cases.original", currentYear: 2026)
        } catch {
            #expect(error.field == "cases.original")
            #expect(error.description.contains("at character 14"))
        }
    }

    @Test func courtCheckFollowsTheReferenceData() throws {
        let reference = ReferenceData(
            courts: [
                .init(
                    code: "京01", name: "北京市第一中级人民法院", level: .intermediate, parent: nil, nodeID: "bj01",
                    confidence: "test")
            ],
            caseTypes: ReferenceData.bundled.caseTypes)
        // With a table that lists Beijing courts, Beijing codes must be listed and Guangdong ones are free.
        #expect(throws: ValidationError.self) {
            try CaseNumber.parse("（2024）京0105民初1号", reference: reference, currentYear: 2026)
        }
        #expect(try CaseNumber.parse("（2024）粤0399民初1号", reference: reference, currentYear: 2026).court == "粤0399")
    }

    @Test func codableRoundTrip() throws {
        let number = try parse("（2023）粤03知民终12号之二")
        let data = try JSONEncoder().encode(number)
        #expect(try JSONDecoder().decode(CaseNumber.self, from: data) == number)
    }

    @Test func chineseNumeralsRoundTrip() {
        for value in 1...99 {
            #expect(CaseNumber.chineseNumeralValue(CaseNumber.chineseNumeral(value)) == value)
        }
        #expect(CaseNumber.chineseNumeralValue("一十") == nil)
        #expect(CaseNumber.chineseNumeralValue("零") == nil)
    }
}
