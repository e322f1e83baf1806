import Foundation
import Testing

@testable import CourtSyncModel

@Suite("Unified social credit codes")
struct CreditCodeTests {
    @Test func knownPublishedExample() throws {
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y4") == "3")
        let code = try CreditCode.parse("91350100M000100Y43")
        #expect(!code.isLawFirm)
    }

    @Test func weightsArePowersOfThreeModThirtyOne() {
        var weight = 1
        for expected in CreditCode.weights {
            #expect(weight == expected)
            weight = weight * 3 % 31
        }
    }

    @Test func generatedLawFirmCode() throws {
        let first17 = "31440300MD0123456"
        let text = first17 + String(CreditCode.checkCharacter(for: first17))
        let code = try CreditCode.parse(text, requireLawFirm: true)
        #expect(code.isLawFirm)
        #expect(code.text == text)
        #expect(try CreditCode.parse(text.lowercased()).text == text)
        #expect(try CreditCode.parse("\u{3000}" + text + " ").text == text)
    }

    @Test func everySingleCharacterChangeIsCaught() throws {
        let first17 = "31440300MD0123456"
        let valid = Array(first17 + String(CreditCode.checkCharacter(for: first17)))
        for index in valid.indices {
            for replacement in CreditCode.alphabet where replacement != valid[index] {
                var changed = valid
                changed[index] = replacement
                #expect(throws: ValidationError.self) { try CreditCode.parse(String(changed)) }
            }
        }
    }

    @Test(
        arguments: [
            ("31440300MD01234565", "check character", nil, false),
            ("91350100M000100Y43", "starts with 31", 1, true),
            ("31440300MI01234565", "never used", 10, false),
            ("31440300MD0123456", "18 characters", nil, false),
            ("31440300MD-1234565", "not a credit code character", 11, false),
            ("", "empty", nil, false),
        ] as [(String, String, Int?, Bool)])
    func rejected(_ text: String, _ reason: String, _ position: Int?, _ requireLawFirm: Bool) {
        #expect {
            try CreditCode.parse(text, field: "law_firms.credit_code", requireLawFirm: requireLawFirm)
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.reason.contains(reason) && error.position == position && error.field == "law_firms.credit_code"
        }
    }

    @Test func codableAsText() throws {
        let code = try CreditCode.parse("91350100M000100Y43")
        let data = try JSONEncoder().encode([code])
        #expect(try JSONDecoder().decode([CreditCode].self, from: data) == [code])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CreditCode].self, from: Data("[\"91350100M000100Y44\"]".utf8))
        }
    }
}
