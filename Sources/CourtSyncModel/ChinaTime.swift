import Foundation

/// China Standard Time (UTC+08:00, no daylight saving since 1991) as the case data writes it:
/// the one place timestamps are formatted for storage, queries, people and iCalendar.
public enum ChinaTime {
    /// Seconds east of UTC.
    public static let offset = 8 * 3600

    /// The fixed +08:00 zone (not the tz database's Asia/Shanghai, which knows 1986–1991 DST):
    /// the same rule as the VTIMEZONE the calendar export publishes.
    public static let zone = TimeZone(secondsFromGMT: offset)!

    /// Year, month, day, hour, minute and second of `date` in `zone` (UTC when `zone` is nil).
    public static func fields(_ date: Date, utc: Bool = false) -> (Int, Int, Int, Int, Int, Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc ? TimeZone(secondsFromGMT: 0)! : zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    public static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `YYYY-MM-DDTHH:MM:SS+08:00`, as hearing times are stored.
    public static func timestamp(_ date: Date) -> String {
        let (y, mo, d, h, mi, s) = fields(date)
        return "\(pad(y, 4))-\(pad(mo))-\(pad(d))T\(pad(h)):\(pad(mi)):\(pad(s))+08:00"
    }

    /// `YYYY-MM-DD HH:MM` in China Standard Time, for people.
    public static func display(_ date: Date) -> String {
        let (y, mo, d, h, mi, _) = fields(date)
        return "\(pad(y, 4))-\(pad(mo))-\(pad(d)) \(pad(h)):\(pad(mi))"
    }

    /// iCalendar local DATE-TIME in China Standard Time: `YYYYMMDDTHHMMSS`.
    public static func icalLocal(_ date: Date) -> String {
        let (y, mo, d, h, mi, s) = fields(date)
        return "\(pad(y, 4))\(pad(mo))\(pad(d))T\(pad(h))\(pad(mi))\(pad(s))"
    }

    /// iCalendar UTC DATE-TIME: `YYYYMMDDTHHMMSSZ`.
    public static func icalUTC(_ date: Date) -> String {
        let (y, mo, d, h, mi, s) = fields(date, utc: true)
        return "\(pad(y, 4))\(pad(mo))\(pad(d))T\(pad(h))\(pad(mi))\(pad(s))Z"
    }

    /// Parses an ISO 8601 timestamp with an offset (`2024-05-06T09:30:00+08:00`, `…Z`, with or
    /// without fractional seconds); nil when it is not one.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
