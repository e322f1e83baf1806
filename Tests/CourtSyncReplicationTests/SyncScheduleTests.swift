import CourtSyncReplication
import Foundation
import Testing

@Suite("Sync schedule: when the nightly and interval rounds start")
struct SyncScheduleTests {
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    @Test("daily at 02:00 Asia/Shanghai is 18:00 UTC the day before; the start itself moves to the next day")
    func dailyInShanghai() {
        let schedule = SyncSchedule(dailyAt: .init(hour: 2, minute: 0))
        #expect(schedule.nextStart(after: Self.date("2026-11-29T09:00:00Z")) == Self.date("2026-11-29T18:00:00Z"))
        #expect(schedule.nextStart(after: Self.date("2026-11-29T17:59:59Z")) == Self.date("2026-11-29T18:00:00Z"))
        #expect(schedule.nextStart(after: Self.date("2026-11-29T18:00:00Z")) == Self.date("2026-11-30T18:00:00Z"))
        // Across a month and a year end.
        #expect(schedule.nextStart(after: Self.date("2026-12-31T19:00:00Z")) == Self.date("2027-01-01T18:00:00Z"))
    }

    @Test("another time zone is honoured, including a daylight-saving change")
    func otherTimeZone() {
        let schedule = SyncSchedule(dailyAt: .init(hour: 2, minute: 30), timeZone: TimeZone(identifier: "Europe/Berlin")!)
        // 2026-03-29: 02:00 → 03:00 in Berlin, so 02:30 does not exist and the next time is used.
        #expect(schedule.nextStart(after: Self.date("2026-03-28T12:00:00Z")) == Self.date("2026-03-29T01:00:00Z"))
        #expect(schedule.nextStart(after: Self.date("2026-07-01T12:00:00Z")) == Self.date("2026-07-02T00:30:00Z"))
        // 2026-10-25: 03:00 → 02:00, so 02:30 happens twice; the round runs once, at the first.
        let first = schedule.nextStart(after: Self.date("2026-10-24T12:00:00Z"))
        #expect(first == Self.date("2026-10-25T00:30:00Z"))
        #expect(schedule.nextStart(after: first!) == Self.date("2026-10-26T01:30:00Z"))
    }

    @Test("interval rounds are aligned to local midnight and the earlier of daily and interval wins")
    func intervalAligned() {
        let every30 = SyncSchedule(interval: .seconds(1800))
        // 01:40 CST → 02:00 CST.
        #expect(every30.nextStart(after: Self.date("2026-11-29T17:40:00Z")) == Self.date("2026-11-29T18:00:00Z"))
        #expect(every30.nextStart(after: Self.date("2026-11-29T18:00:00Z")) == Self.date("2026-11-29T18:30:00Z"))
        // 7 hours does not divide a day: the alignment starts again at midnight.
        let every7h = SyncSchedule(interval: .seconds(7 * 3600))
        #expect(every7h.nextStart(after: Self.date("2026-11-29T14:00:00Z")) == Self.date("2026-11-29T16:00:00Z"))
        let both = SyncSchedule(dailyAt: .init(hour: 2, minute: 15), interval: .seconds(3600))
        #expect(both.nextStart(after: Self.date("2026-11-29T18:05:00Z")) == Self.date("2026-11-29T18:15:00Z"))
        #expect(both.nextStart(after: Self.date("2026-11-29T18:15:00Z")) == Self.date("2026-11-29T19:00:00Z"))
        #expect(SyncSchedule().nextStart(after: Date()) == nil)
        #expect(!SyncSchedule().isEnabled)
    }

    @Test("the retry window of an interval round ends before the next round; jitter stays within its bound")
    func windowAndJitter() {
        let start = Self.date("2026-11-29T18:00:00Z")
        #expect(SyncSchedule(dailyAt: .init(hour: 2, minute: 0)).windowEnd(forStart: start) == start.addingTimeInterval(4 * 3600))
        #expect(SyncSchedule(interval: .seconds(900)).windowEnd(forStart: start) == start.addingTimeInterval(900))
        // Daily and interval together: the nightly round's window ends when the next interval
        // round starts, so a peer that stays down holds back no later round.
        let both = SyncSchedule(dailyAt: .init(hour: 2, minute: 0), interval: .seconds(1800))
        #expect(both.windowEnd(forStart: start) == start.addingTimeInterval(1800))
        let schedule = SyncSchedule(dailyAt: .init(hour: 2, minute: 0), jitter: .seconds(600))
        #expect(schedule.jitterDelay(fraction: 0) == .zero)
        #expect(schedule.jitterDelay(fraction: 1) == .seconds(600))
        #expect(schedule.jitterDelay(fraction: 7) == .seconds(600))
    }

    @Test("the shortest time between two starts: the interval, a daily time off its grid, the step before midnight")
    func shortestGap() {
        #expect(SyncSchedule().shortestGap == nil)
        #expect(SyncSchedule(dailyAt: .init(hour: 2, minute: 0)).shortestGap == .seconds(86_400))
        #expect(SyncSchedule(interval: .seconds(600)).shortestGap == .seconds(600))
        #expect(SyncSchedule(dailyAt: .init(hour: 2, minute: 0), interval: .seconds(600)).shortestGap == .seconds(600))
        #expect(SyncSchedule(dailyAt: .init(hour: 2, minute: 5), interval: .seconds(600)).shortestGap == .seconds(300))
        #expect(SyncSchedule(interval: .seconds(7 * 3600)).shortestGap == .seconds(3 * 3600))
    }

    @Test("durations and times of day as operators write them", arguments: [
        ("90s", 90), ("15m", 900), ("4h", 14_400), ("1h30m", 5_400), (" 2m ", 120), ("0s", 0),
    ])
    func durations(text: String, seconds: Int) {
        #expect(SyncSchedule.parseDuration(text) == .seconds(seconds))
    }

    @Test("malformed durations and times are refused", arguments: ["", "15", "m", "15x", "1.5h", "-5m", "1h 30m", "9999999s"])
    func badDurations(text: String) {
        #expect(SyncSchedule.parseDuration(text) == nil)
    }

    @Test func timesOfDay() {
        #expect(SyncSchedule.TimeOfDay("02:00") == .init(hour: 2, minute: 0))
        #expect(SyncSchedule.TimeOfDay("23:59")?.description == "23:59")
        for bad in ["2:00", "24:00", "02:60", "0200", "02:00:00", "ab:cd", ""] {
            #expect(SyncSchedule.TimeOfDay(bad) == nil, "\(bad)")
        }
        #expect(SyncSchedule.text(.seconds(5_400)) == "1h30m")
    }
}
