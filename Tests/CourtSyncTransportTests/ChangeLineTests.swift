import CourtSyncModel
import CourtSyncTransport
import Foundation
import Testing

@Suite("Change feed lines")
struct ChangeLineTests {
    let change = ChangeRecord(
        origin: "gd0304", originSequence: 42, hlc: HLCTimestamp(milliseconds: 1_735_689_600_000, counter: 3),
        table: "cases", key: "（2024）粤0304民初1号", operation: .update,
        fields: ["stage": .text("trial"), "suspended_days": .integer(12), "judge": .null],
        previous: ["stage": FieldVersion(hlc: HLCTimestamp(rawValue: 5), origin: "gd0304")])

    @Test("a line round-trips and its encoding is canonical")
    func roundTrip() throws {
        let line = ChangeLine(position: 7, change: change)
        let bytes = try line.encoded()
        #expect(try ChangeLine.decode(bytes, lineNumber: 1) == line)
        #expect(try line.encoded() == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"change":{"fields":{"judge":null,"stage":"trial","suspended_days":12}"#))
        #expect(text.contains(#""prev":{"stage":[5,"gd0304"]}"#))
    }

    @Test("a malformed line is refused with its line number and what is wrong")
    func malformed() {
        #expect(throws: ValidationError.self) { try ChangeLine.decode(Data("{\"pos\":1}".utf8), lineNumber: 9) }
        do {
            _ = try ChangeLine.decode(Data("{\"pos\":1}".utf8), lineNumber: 9)
        } catch let error as ValidationError {
            #expect(error.field == "line 9")
            #expect(error.reason.contains("missing change"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
