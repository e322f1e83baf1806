import CourtSyncModel

/// Dates and China Standard Time (+08:00) timestamps as text, built from cached pieces so that
/// the per-record work is a couple of string concatenations (no `DateFormatter`).
///
/// Times are handled as *local seconds*: seconds since 1970-01-01T00:00:00 in +08:00, i.e.
/// `daysSince1970 * 86_400 + secondOfDay`.
enum TimeText {
    /// The first day with a cached text (2000-01-01).
    static let firstCachedDay = CivilDate(year: 2000, month: 1, day: 1).daysSince1970
    /// How many days are cached (to the end of 2049).
    static let cachedDayCount = CivilDate(year: 2050, month: 1, day: 1).daysSince1970 - firstCachedDay

    private static let dayTexts: [String] = (0..<cachedDayCount).map {
        CivilDate(daysSince1970: firstCachedDay + $0).description
    }
    private static let minuteTexts: [String] = (0..<1440).map { "T" + two($0 / 60) + ":" + two($0 % 60) + ":" }
    private static let secondTexts: [String] = (0..<60).map { two($0) + "+08:00" }

    /// Seconds in a day.
    static let day: Int64 = 86_400
    /// The +08:00 offset in seconds.
    static let offset: Int64 = 8 * 3600

    /// `YYYY-MM-DD` for a day number (days since 1970-01-01).
    static func date(_ day: Int) -> String {
        let index = day - firstCachedDay
        guard index >= 0, index < cachedDayCount else { return CivilDate(daysSince1970: day).description }
        return dayTexts[index]
    }

    /// `YYYY-MM-DDTHH:MM:SS+08:00` for local seconds.
    static func timestamp(_ localSeconds: Int64) -> String {
        let dayNumber = Int(localSeconds >= 0 ? localSeconds / day : (localSeconds - day + 1) / day)
        let second = Int(localSeconds - Int64(dayNumber) * day)
        return date(dayNumber) + minuteTexts[second / 60] + secondTexts[second % 60]
    }

    /// Local seconds at a time of day on a day number.
    static func localSeconds(day dayNumber: Int, hour: Int, minute: Int, second: Int = 0) -> Int64 {
        Int64(dayNumber) * day + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Unix milliseconds (UTC) of local seconds, for UUIDv7 keys.
    static func milliseconds(_ localSeconds: Int64) -> Int64 {
        (localSeconds - offset) * 1000
    }

    /// A number with at least `width` digits (leading zeros).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func two(_ value: Int) -> String { padded(value, 2) }
}
