import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import GRDB
import Testing

/// Reads an .ics file with Python's `icalendar` package and returns what it parsed, as JSON.
private let parserScript = #"""
import datetime, json, sys
from icalendar import Calendar
with open(sys.argv[1], "rb") as f:
    cal = Calendar.from_ical(f.read())
out = {"calendar": {k: str(cal.get(k)) for k in ["PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME"]},
       "timezones": [str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")], "events": []}
for ev in cal.walk("VEVENT"):
    start, end, stamp = ev.decoded("DTSTART"), ev.decoded("DTEND"), ev.decoded("DTSTAMP")
    out["events"].append({
        "uid": str(ev.get("UID")),
        "start_aware": start.tzinfo is not None,
        "start_epoch": start.timestamp(),
        "start_offset": start.utcoffset().total_seconds() if start.tzinfo else None,
        "tzid": ev.get("DTSTART").params.get("TZID"),
        "duration": (end - start).total_seconds(),
        "stamp_epoch": stamp.timestamp(),
        "stamp_utc": stamp.utcoffset() == datetime.timedelta(0),
        "summary": str(ev.get("SUMMARY")),
        "location": None if ev.get("LOCATION") is None else str(ev.get("LOCATION")),
        "description": str(ev.get("DESCRIPTION")),
        "status": str(ev.get("STATUS")),
        "sequence": int(ev.get("SEQUENCE")),
    })
print(json.dumps(out, ensure_ascii=False))
"""#

/// Parses `ics` with Python's icalendar package (`scripts/install-deps.sh` installs it).
private func parseWithPython(_ ics: String) throws -> [String: Any] {
    let directory = TemporaryDirectory("courtsync-ics")
    let file = directory.file("hearings.ics")
    let script = directory.file("parse.py")
    try Data(ics.utf8).write(to: URL(fileURLWithPath: file))
    try Data(parserScript.utf8).write(to: URL(fileURLWithPath: script))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, file]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let message = String(decoding: errors, as: UTF8.self)
    try #require(
        process.terminationStatus == 0, "python3 icalendar failed (install it with scripts/install-deps.sh): \(message)")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Suite("ICalendar export of a lawyer's hearings, read back by a real parser")
struct LawyerCaseICalendarTests {
    @Test("python icalendar reads every upcoming hearing back: UID, aware DTSTART, SUMMARY, LOCATION, folded text")
    func roundTripThroughPython() throws {
        let fixture = try LawyerCaseFixture.shared.get()
        let list = try fixture.list(.lawyer(fixture.lawyerID))
        let now = Date(timeIntervalSince1970: 1_751_346_000)  // 2025-07-01T05:00:00Z
        let ics = list.ics(now: now)

        // Expected events, straight from SQL.
        let caseNumbers = Set(try fixture.expected(for: fixture.lawyerID).keys)
        let all = try fixture.sql { db in
            try Row.fetchAll(db, sql: """
                SELECT id, case_number, scheduled_at, mode, platform, courtroom, status FROM hearings
                WHERE status IN ('scheduled', 'cancelled', 'postponed') AND scheduled_at >= ? ORDER BY scheduled_at, id
                """, arguments: [LawyerCaseFixture.asOfText])
        }.filter { caseNumbers.contains($0["case_number"]) }
        let hearings = all.filter { ($0["status"] as String) == "scheduled" }
        let calledOff = all.filter { ($0["status"] as String) != "scheduled" }
        #expect(hearings.count > 1)

        let parsed = try parseWithPython(ics)
        let calendar = try #require(parsed["calendar"] as? [String: String])
        #expect(calendar["VERSION"] == "2.0")
        #expect(calendar["METHOD"] == "PUBLISH")
        #expect(calendar["CALSCALE"] == "GREGORIAN")
        #expect(calendar["X-WR-CALNAME"] == list.calendarName)
        #expect(parsed["timezones"] as? [String] == ["Asia/Shanghai"])
        let events = try #require(parsed["events"] as? [[String: Any]])
        #expect(events.count == all.count)
        let byUID = Dictionary(events.map { ($0["uid"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        // Cancelled or postponed upcoming hearings are sent as cancelled, so calendars drop them.
        #expect(!calledOff.isEmpty, "the fixture has a cancelled upcoming hearing")
        for row in calledOff {
            let id: String = row["id"]
            let event = try #require(byUID["\(id)@courtsync"], "no cancellation for hearing \(id)")
            #expect(event["status"] as? String == "CANCELLED")
            #expect((event["summary"] as? String)?.hasPrefix("已") == true)
        }
        #expect(events.filter { $0["status"] as? String == "CONFIRMED" }.count == hearings.count)
        // Each export is a newer version than an earlier one.
        let later = try parseWithPython(list.ics(now: now.addingTimeInterval(3600)))
        let laterSequence = ((later["events"] as? [[String: Any]])?.first?["sequence"] as? NSNumber)?.intValue ?? 0
        #expect(laterSequence > ((events.first?["sequence"] as? NSNumber)?.intValue ?? Int.max))
        let iso = ISO8601DateFormatter()
        for row in hearings {
            let id: String = row["id"]
            let event = try #require(byUID["\(id)@courtsync"], "no event for hearing \(id)")
            let scheduled = try #require(iso.date(from: row["scheduled_at"]))
            #expect(event["start_aware"] as? Bool == true)
            #expect((event["start_epoch"] as? NSNumber)?.doubleValue == scheduled.timeIntervalSince1970, "\(id)")
            #expect((event["start_offset"] as? NSNumber)?.intValue == 8 * 3600)
            #expect(event["tzid"] as? String == "Asia/Shanghai")
            #expect((event["duration"] as? NSNumber)?.doubleValue == LawyerCaseList.defaultHearingDuration)
            #expect((event["stamp_epoch"] as? NSNumber)?.doubleValue == now.timeIntervalSince1970)
            #expect(event["stamp_utc"] as? Bool == true)
            #expect(event["summary"] as? String == "开庭 " + (row["case_number"] as String))
            let mode: String = row["mode"]
            let courtroom: String? = row["courtroom"]
            let platform: String? = row["platform"]
            let location = mode == "online" ? platform : mode == "offline" ? courtroom
                : [courtroom, platform].compactMap { $0 }.joined(separator: " + ")
            #expect(event["location"] as? String == location, "\(id)")
        }

        // The hand-made hearing: Chinese text, comma, semicolon, backslash, and a long folded description.
        let special = try #require(byUID["\(LawyerCaseFixture.specialHearing)@courtsync"])
        #expect(special["location"] as? String == LawyerCaseFixture.specialCourtroom + " + 深圳移动微法院")
        let description = try #require(special["description"] as? String)
        #expect(description.contains("案由：" + LawyerCaseFixture.specialCause))
        #expect(description.contains("法院：深圳市福田区人民法院 (粤0304)"))
        #expect(description.contains("代理：原告"))
        #expect(description.contains("开庭方式：混合"))
        #expect(description.contains("法庭：" + LawyerCaseFixture.specialCourtroom))
        #expect(description.split(separator: "\n").count >= 6, "newlines survive escaping")
    }

    @Test("the file itself: CRLF only, no line over 75 octets, the long DESCRIPTION folded")
    func physicalLines() throws {
        let fixture = try LawyerCaseFixture.shared.get()
        let ics = try fixture.list(.lawyer(fixture.lawyerID)).ics(now: LawyerCaseFixture.asOf)
        let bytes = Array(ics.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(i > 0 && bytes[i - 1] == 0x0D, "bare LF at byte \(i)")
        }
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= ICalendar.maximumLineOctets })
        #expect(lines.contains { $0.hasPrefix(" ") }, "some line was folded")
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.contains("DTSTART;TZID=Asia/Shanghai:20250708T143000"))
        #expect(lines.contains("DTEND;TZID=Asia/Shanghai:20250708T163000"))
        #expect(lines.contains("UID:\(LawyerCaseFixture.specialHearing)@courtsync"))
        #expect(lines.contains("DTSTAMP:20250630T160000Z"))
        let unfolded = ICalendar.unfold(ics)
        #expect(unfolded.contains("LOCATION:第一法庭\\,东区\\;3楼\\\\B座 + 深圳移动微法院\r\n"))
    }
}

@Suite("ICalendar text: escaping and folding")
struct ICalendarTextTests {
    @Test("TEXT escaping: backslash, semicolon, comma, newline")
    func escaping() {
        #expect(ICalendar.escapeText("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng")
        #expect(ICalendar.escapeText("开庭：第三法庭") == "开庭：第三法庭")
    }

    @Test("folding: at most 75 octets a line, never inside a UTF-8 sequence, unfolding restores the text",
          arguments: [
            String(repeating: "a", count: 200),
            "DESCRIPTION:" + String(repeating: "案由民间借贷纠纷，", count: 30),
            String(repeating: "x", count: 73) + "😀" + String(repeating: "法", count: 40) + "é" + "👩‍⚖️",
            "SUMMARY:短",
            String(repeating: "b", count: 75),
            String(repeating: "b", count: 76),
          ])
    func folding(_ line: String) {
        let folded = ICalendar.fold(line)
        for (i, part) in folded.enumerated() {
            #expect(part.utf8.count <= ICalendar.maximumLineOctets, "\(part)")
            #expect(i == 0 ? !part.hasPrefix(" ") || line.hasPrefix(" ") : part.hasPrefix(" "))
            #expect(String(validating: Array(part.utf8), as: UTF8.self) != nil, "each piece is valid UTF-8 alone")
        }
        let full = folded.map { $0 + "\r\n" }.joined()
        #expect(ICalendar.unfold(full) == line + "\r\n")
        #expect(folded.dropLast().allSatisfy { $0.utf8.count >= ICalendar.maximumLineOctets - 3 }, "pieces are full")
        if line.utf8.count <= ICalendar.maximumLineOctets { #expect(folded == [line]) }
    }

    @Test("a 4-byte character that would cross octet 75 starts the next line")
    func boundary() {
        let folded = ICalendar.fold(String(repeating: "x", count: 73) + "😀y")
        #expect(folded == [String(repeating: "x", count: 73), " 😀y"])
    }
}
