import Foundation
import Testing

@testable import CourtSyncModel

@Suite("Dates and timestamps")
struct DateValidationTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2016-01-01", "2024-12-31"])
    func validDates(_ text: String) throws {
        #expect(try CalendarDate.parseDate(text, field: "filing_date").description == text)
    }

    @Test(
        arguments: [
            ("2023-02-29", "not a calendar date", 9),
            ("1900-02-29", "not a calendar date", 9),
            ("2024-04-31", "not a calendar date", 9),
            ("2024-13-01", "month 13", 6),
            ("2024-00-01", "month 0", 6),
            ("2024-1-01", "month must have 2 digits", 7),
            ("2024/01/01", "expected -", 5),
            ("24-01-01", "year must have 4 digits", 3),
            ("2024-01-01T00:00", "unexpected text", 11),
            ("", "empty", nil),
        ] as [(String, String, Int?)])
    func invalidDates(_ text: String, _ reason: String, _ position: Int?) {
        #expect {
            try CalendarDate.parseDate(text, field: "filing_date")
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.field == "filing_date" && error.reason.contains(reason) && error.position == position
        }
    }

    @Test func fullWidthDateIsNormalised() throws {
        #expect(try CalendarDate.parseDate("２０２４－０５－０６", field: "d") == CivilDate(year: 2024, month: 5, day: 6))
    }

    @Test func dayArithmetic() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSince1970 == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31).daysSince1970 == -1)
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSince1970 == 11017)
        #expect(CivilDate(year: 2023, month: 12, day: 31).adding(days: 1) == CivilDate(year: 2024, month: 1, day: 1))
        #expect(CivilDate(year: 2024, month: 3, day: 1).adding(days: -1) == CivilDate(year: 2024, month: 2, day: 29))
        var previous = CivilDate(daysSince1970: -800)
        for days in -799...30000 {
            let date = CivilDate(daysSince1970: days)
            #expect(date.daysSince1970 == days)
            #expect(date.isValid)
            #expect(previous < date)
            previous = date
        }
    }

    @Test func dateCodableAsText() throws {
        let date = CivilDate(year: 2024, month: 5, day: 6)
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2024-05-06\"]")
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data("[\"2023-02-29\"]".utf8))
        }
    }

    @Test(arguments: [
        ("2024-05-06T09:30+08:00", "2024-05-06T09:30:00+08:00", Int64(1_714_959_000)),
        ("2024-05-06T09:30:00+08:00", "2024-05-06T09:30:00+08:00", 1_714_959_000),
        ("2024-05-06T01:30:00Z", "2024-05-06T01:30:00+00:00", 1_714_959_000),
        ("2024-05-05T20:30:15-05:00", "2024-05-05T20:30:15-05:00", 1_714_959_015),
        ("1970-01-01T08:00:00+08:00", "1970-01-01T08:00:00+08:00", 0),
    ])
    func validTimestamps(_ text: String, _ canonical: String, _ epoch: Int64) throws {
        let timestamp = try CalendarDate.parseTimestamp(text, field: "scheduled_at")
        #expect(timestamp.text == canonical)
        #expect(timestamp.epochSeconds == epoch)
        #expect(CalendarDate.Timestamp(epochSeconds: epoch, offsetMinutes: timestamp.offsetMinutes) == timestamp)
        let foundation = try #require(ISO8601DateFormatter().date(from: canonical))
        #expect(Int64(foundation.timeIntervalSince1970) == epoch)
    }

    @Test func timestampBefore1970() {
        #expect(CalendarDate.Timestamp(epochSeconds: -1).text == "1970-01-01T07:59:59+08:00")
        #expect(CalendarDate.Timestamp(epochSeconds: -28_801).text == "1969-12-31T23:59:59+08:00")
    }

    @Test(
        arguments: [
            ("2024-05-06T09:30:00", "missing UTC offset", nil),
            ("2024-05-06 09:30:00+08:00", "expected T", 11),
            ("2024-05-06T24:00:00+08:00", "hour 24", 12),
            ("2024-05-06T09:60:00+08:00", "minute 60", 15),
            ("2024-05-06T09:30:00.5+08:00", "missing UTC offset", 20),
            ("2024-05-06T09:30:00+0800", "expected :", 23),
            ("2024-02-30T09:30:00+08:00", "not a calendar date", 9),
            ("2024-05-06T09:30:00+08:00x", "unexpected text", 26),
        ] as [(String, String, Int?)])
    func invalidTimestamps(_ text: String, _ reason: String, _ position: Int?) {
        #expect {
            try CalendarDate.parseTimestamp(text, field: "scheduled_at")
        } throws: { error in
            guard let error = error as? ValidationError else { return false }
            return error.field == "scheduled_at" && error.reason.contains(reason) && error.position == position
        }
    }
}
