import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

@Suite("Feed lines")
struct FeedLineTests {
    let change = ChangeRecord(
        origin: "gd0304", originSequence: 42, hlc: HLCTimestamp(milliseconds: 1_735_689_600_000, counter: 3),
        table: "cases", key: "（2024）粤0304民初1号", operation: .update,
        fields: ["stage": .text("trial"), "suspended_days": .integer(12), "judge": .null],
        previous: ["stage": FieldVersion(hlc: HLCTimestamp(rawValue: 5), origin: "gd0304")])

    @Test("every kind of item round-trips and encodes canonically")
    func roundTrip() throws {
        let items: [FeedItem] = [
            .change(change, caseNumber: change.key),
            .snapshot(table: "hearings", key: "h1", caseNumber: change.key, fields: ["mode": .text("online")],
                      versions: ["mode": FieldVersion(hlc: HLCTimestamp(rawValue: 9), origin: "gd0304")]),
            .retraction(table: "parties", key: "p1", caseNumber: change.key, columns: nil),
            .retraction(table: "cases", key: change.key, caseNumber: change.key, columns: ["cause", "judge"]),
        ]
        for item in items {
            let bytes = try FeedLine(item).encoded()
            #expect(try FeedLine.decode(bytes, lineNumber: 1).item == item)
            #expect(try FeedLine(item).encoded() == bytes)
        }
        let text = String(decoding: try FeedLine(items[0]).encoded(), as: UTF8.self)
        #expect(text.contains(#""fields":{"judge":null,"stage":"trial","suspended_days":12}"#))
        #expect(text.contains(#""prev":{"stage":[5,"gd0304"]}"#))
        let end = try FeedLine.decode(try FeedLine(next: 77, more: true).encoded(), lineNumber: 2)
        #expect(end.item == nil)
        #expect(end.end?.next == 77)
    }

    @Test("malformed lines are refused with the line number and what is wrong")
    func malformed() {
        for (text, reason) in [
            ("{\"change\":{\"origin\":\"gd0304\"}}", "missing change."), ("not json", "not JSON"),
            ("{\"next\":1,\"change\":null,\"retract\":{\"table\":\"t\",\"key\":\"k\"}}", "exactly one"),
        ] {
            do {
                _ = try FeedLine.decode(Data(text.utf8), lineNumber: 9)
                Issue.record("accepted \(text)")
            } catch let error as ValidationError {
                #expect(error.field == "line 9")
                #expect(error.reason.contains(reason), "\(error.reason)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test("lines split across chunks are carried over")
    func splitting() throws {
        var splitter = LineSplitter()
        #expect(try splitter.lines(in: Array("ab\ncd".utf8)) == [Array("ab".utf8)])
        #expect(try splitter.lines(in: Array("e\r\n\nf".utf8)) == [Array("cde".utf8)])
        #expect(splitter.remainder == Array("f".utf8))
    }
}

@Suite("Feed line writer")
struct FeedLineWriterTests {
    @Test("the fast writer gives exactly the bytes of the canonical JSONEncoder, for generated data")
    func sameBytesAsEncoder() throws {
        let node = try TestNode()
        try node.store.populate(cases: 30)
        var items = try node.store.changes(ChangeFilter(limit: 10_000)).map { FeedItem.change($0.change, caseNumber: $0.caseNumber) }
        items.append(.snapshot(table: "cases", key: "k\"\\\n\u{1}", caseNumber: nil, fields: ["a": .real(1.5), "b": .null],
                               versions: ["a": FieldVersion(hlc: HLCTimestamp(rawValue: 3), origin: "gd0304")]))
        items.append(.retraction(table: "parties", key: "p", caseNumber: "c", columns: ["name", "phone"]))
        items.append(.retraction(table: "parties", key: "p", caseNumber: nil, columns: nil))
        for item in items {
            var fast: [UInt8] = []
            FeedLineWriter.append(item, to: &fast)
            #expect(fast == Array(try FeedLine(item).encoded()), "\(item)")
        }
        var end: [UInt8] = []
        FeedLineWriter.appendEnd(next: 42, more: true, to: &end)
        #expect(end == Array(try FeedLine(next: 42, more: true).encoded()))
    }
}

@Suite("Feed line parser")
struct FeedLineParserTests {
    @Test("lines read back equal to what the encoder wrote, including escapes and non-ASCII text")
    func roundTrips() throws {
        let node = try TestNode()
        try node.store.populate(cases: 20)
        var items = try node.store.changes(ChangeFilter(limit: 10_000)).map { FeedItem.change($0.change, caseNumber: $0.caseNumber) }
        items.append(.snapshot(table: "cases", key: "k\"\\\n\u{1}😀/", caseNumber: nil, fields: ["a": .real(1.5), "b": .null],
                               versions: ["a": FieldVersion(hlc: HLCTimestamp(rawValue: 3), origin: "gd0304")]))
        items.append(.retraction(table: "parties", key: "p", caseNumber: "c", columns: ["name", "phone"]))
        for item in items {
            let bytes = try FeedLine(item).encoded()
            #expect(try FeedLine.decode(bytes, lineNumber: 1).item == item)
        }
        // Escapes as another JSON writer may produce them.
        let text = #"{"retract":{"key":"\u0041\/\ud83d\ude00","table":"t"}}"#
        #expect(try FeedLine.decode(Data(text.utf8), lineNumber: 1).item
                == .retraction(table: "t", key: "A/😀", caseNumber: nil, columns: nil))
    }
}
