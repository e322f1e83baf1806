import CourtSyncTestSupport
import Foundation
import Testing

@Suite("courtsync check")
struct CheckCommandTests {
    @Test("check case-number --json: one object per input with its parts; exit 0 when all are valid")
    func caseNumbersValid() throws {
        let inputs = [
            "(2024)粤0304民初1234号", "（2024）粤0304知民初5号", "(2024)粤0304民初1号之一",
            "　（２０２４）粤0304执恢12号 ", "（2023）粤03民终88号",
        ]
        let result = try courtsync().run(["check", "case-number", "--json"] + inputs)
        #expect(result.status == 0, "\(result)")
        let objects = try result.jsonLines()
        try #require(objects.count == inputs.count, "\(result)")
        for (input, object) in zip(inputs, objects) {
            #expect(object["input"] as? String == input)
            #expect(object["valid"] as? Bool == true)
            #expect(object["reason"] == nil)
            for key in ["canonical", "year", "court", "type", "serial"] {
                #expect(object[key] != nil, "\(key) missing for \(input)")
            }
        }
        #expect(objects[0]["canonical"] as? String == "（2024）粤0304民初1234号")
        #expect(objects[0]["year"] as? Int == 2024)
        #expect(objects[0]["court"] as? String == "粤0304")
        #expect(objects[0]["type"] as? String == "民初")
        #expect(objects[0]["serial"] as? Int == 1234)
        #expect(objects[1]["type"] as? String == "知民初")
        #expect(objects[1]["serial"] as? Int == 5)
        #expect(objects[2]["canonical"] as? String == "（2024）粤0304民初1号")
        #expect(objects[2]["suffix"] as? Int == 1)
        #expect(objects[3]["canonical"] as? String == "（2024）粤0304执恢12号")
        #expect(objects[3]["type"] as? String == "执恢")
        #expect(objects[4]["court"] as? String == "粤03")
        #expect(objects[4]["type"] as? String == "民终")
    }

    @Test("check case-number --json: an invalid input has valid false and a reason; exit status non-zero")
    func caseNumbersInvalid() throws {
        let inputs = [
            "(2024)粤0304民初1234号", "(2024)粤0304民初01号", "〔2024〕粤0304民初1号", "(2024)粤0304民甲1号",
            "(2015)深中法行终字第612号", "(2024)粤0304民初18775-18776号",
        ]
        let result = try courtsync().run(["check", "case-number", "--json"] + inputs)
        #expect(result.status == 65, "\(result)")
        let objects = try result.jsonLines()
        try #require(objects.count == inputs.count, "\(result)")
        #expect(objects[0]["valid"] as? Bool == true)
        for (input, object) in zip(inputs, objects).dropFirst() {
            #expect(object["input"] as? String == input)
            #expect(object["valid"] as? Bool == false, "\(input)")
            #expect((object["reason"] as? String)?.isEmpty == false, "\(input)")
            #expect(object["canonical"] == nil, "\(input)")
        }
        #expect((objects[1]["reason"] as? String)?.contains("must not start with 0") == true)
        #expect((objects[2]["reason"] as? String)?.contains("〔〕") == true)
        #expect((objects[3]["reason"] as? String)?.contains("民甲") == true)
    }

    @Test("check case-number without --json prints one line per input")
    func caseNumbersText() throws {
        let ok = try run("check", "case-number", "(2024)粤0304民初1号")
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdoutLines == ["ok       （2024）粤0304民初1号"])
        let bad = try run("check", "case-number", "(2024)粤0304民初1号", "(2024)粤0304民初01号")
        #expect(bad.status == 65, "\(bad)")
        #expect(bad.stdoutLines.count == 2)
        #expect(bad.stdoutLines.last?.hasPrefix("invalid  (2024)粤0304民初01号") == true, "\(bad)")
    }

    @Test("check licence --json: valid, ID-number-like and malformed licences; exit status")
    func licences() throws {
        let valid = try run("check", "licence", "--json", "14403201011000001", "１４４０３２０１０１１０００００２")
        #expect(valid.status == 0, "\(valid)")
        let objects = try valid.jsonLines()
        try #require(objects.count == 2)
        #expect(objects[0]["input"] as? String == "14403201011000001")
        #expect(objects[0]["valid"] as? Bool == true)
        #expect(objects[0]["canonical"] as? String == "14403201011000001")
        #expect(objects[0]["year"] as? Int == 2010)
        #expect(objects[1]["canonical"] as? String == "14403201011000002")

        let mixed = try run("check", "licence", "--json", "14403201011000001", "440304198001010012", "1440320101100000")
        #expect(mixed.status == 65, "\(mixed)")
        let results = try mixed.jsonLines()
        try #require(results.count == 3)
        #expect(results.map { $0["valid"] as? Bool } == [true, false, false])
        #expect((results[1]["reason"] as? String)?.contains("resident ID number") == true)
        #expect((results[2]["reason"] as? String)?.contains("17 digits") == true)
    }

    @Test("check licence --lenient accepts odd fields with a warning; strict refuses them")
    func lenientLicence() throws {
        let strict = try run("check", "licence", "--json", "14403201012000001")
        #expect(strict.status == 65, "\(strict)")
        #expect(try strict.jsonLines().first?["valid"] as? Bool == false)
        let lenient = try run("check", "licence", "--json", "--lenient", "14403201012000001")
        #expect(lenient.status == 0, "\(lenient)")
        let object = try #require(try lenient.jsonLines().first)
        #expect(object["valid"] as? Bool == true)
        #expect((object["warnings"] as? [String])?.contains { $0.contains("gender digit 2") } == true)
        // An ID number is refused even in lenient mode.
        #expect(try run("check", "licence", "--lenient", "440304198001010012").status == 65)
    }
}
