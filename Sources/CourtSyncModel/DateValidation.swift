/// Strict parsers for dates (`YYYY-MM-DD`) and timestamps (`YYYY-MM-DDTHH:MM[:SS]+08:00`).
///
/// Both trim outer white space and NFKC-normalise (so full-width digits typed with a Chinese input
/// method are read as ASCII), then accept only the exact layout and real calendar values.
public enum CalendarDate {
    /// A point in time with the UTC offset it was written in, e.g. `2024-05-06T09:30:00+08:00`.
    public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Seconds since 1970-01-01T00:00:00Z.
        public let epochSeconds: Int64
        /// The UTC offset in minutes, e.g. 480 for `+08:00`.
        public let offsetMinutes: Int
        /// The canonical text, always with seconds: `YYYY-MM-DDTHH:MM:SS±HH:MM`.
        public let text: String

        /// The timestamp for `epochSeconds`, written with the given offset (China Standard Time by default).
        public init(epochSeconds: Int64, offsetMinutes: Int = 480) {
            self.epochSeconds = epochSeconds
            self.offsetMinutes = offsetMinutes
            let local = epochSeconds + Int64(offsetMinutes) * 60
            let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
            let secondOfDay = Int(local - Int64(days) * 86_400)
            let date = CivilDate(daysSince1970: days)
            let sign = offsetMinutes < 0 ? "-" : "+"
            let offset = abs(offsetMinutes)
            text =
                "\(date)T\(padded(secondOfDay / 3600, 2)):\(padded(secondOfDay / 60 % 60, 2)):"
                + "\(padded(secondOfDay % 60, 2))\(sign)\(padded(offset / 60, 2)):\(padded(offset % 60, 2))"
        }

        /// The canonical text.
        public var description: String { text }

        /// Earlier instants first; the same instant in different offsets is ordered by text.
        public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
            (lhs.epochSeconds, lhs.text) < (rhs.epochSeconds, rhs.text)
        }
    }

    /// Parses a date written `YYYY-MM-DD` (real dates only: `2023-02-29` is refused).
    /// - Throws: ``ValidationError`` naming `field`, with the position of the bad part.
    public static func parseDate(_ text: String, field: String) throws(ValidationError) -> CivilDate {
        let input = NormalisedText(text)
        var reader = Reader(input: input, field: field)
        let date = try reader.date(shape: "YYYY-MM-DD")
        try reader.end(shape: "YYYY-MM-DD")
        return date
    }

    /// Parses a timestamp written `YYYY-MM-DDTHH:MM[:SS]±HH:MM` (ISO 8601 with an explicit UTC offset,
    /// `Z` accepted as `+00:00`; no fractional seconds). The result keeps the written offset and
    /// has a canonical text with seconds, e.g. `2024-05-06T09:30+08:00` → `2024-05-06T09:30:00+08:00`.
    /// - Throws: ``ValidationError`` naming `field`, with the position of the bad part.
    public static func parseTimestamp(_ text: String, field: String) throws(ValidationError) -> Timestamp {
        let shape = "YYYY-MM-DDTHH:MM[:SS]+08:00"
        var reader = Reader(input: NormalisedText(text), field: field)
        let date = try reader.date(shape: shape)
        try reader.expect("T", shape: shape)
        let hour = try reader.number(2, in: 0...23, name: "hour")
        try reader.expect(":", shape: shape)
        let minute = try reader.number(2, in: 0...59, name: "minute")
        var second = 0
        if reader.peek == ":" {
            reader.index += 1
            second = try reader.number(2, in: 0...59, name: "second")
        }
        let offsetMinutes: Int
        if reader.peek == "Z" {
            reader.index += 1
            offsetMinutes = 0
        } else if let sign = reader.peek, sign == "+" || sign == "-" {
            reader.index += 1
            let hours = try reader.number(2, in: 0...14, name: "offset hour")
            try reader.expect(":", shape: shape)
            let minutes = try reader.number(2, in: 0...59, name: "offset minute")
            offsetMinutes = (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
        } else {
            throw reader.error("missing UTC offset; write the time as \(shape)")
        }
        try reader.end(shape: shape)
        let local = Int64(date.daysSince1970) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(epochSeconds: local - Int64(offsetMinutes) * 60, offsetMinutes: offsetMinutes)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private struct Reader {
        let input: NormalisedText
        let field: String
        var index = 0

        var peek: Character? { index < input.count ? input.characters[index] : nil }

        func error(_ reason: String, at offset: Int? = nil) -> ValidationError {
            let position = input.position(offset ?? index)
            return ValidationError(field: field, value: input.original, position: position, reason: reason)
        }

        mutating func number(_ width: Int, in range: ClosedRange<Int>, name: String) throws(ValidationError) -> Int {
            let start = index
            var value = 0
            for _ in 0..<width {
                guard let character = peek, character.isASCIIDigit, let digit = character.wholeNumberValue else {
                    throw error("the \(name) must have \(width) digits")
                }
                value = value * 10 + digit
                index += 1
            }
            guard range.contains(value) else { throw error("\(name) \(value) is out of range", at: start) }
            return value
        }

        mutating func expect(_ character: Character, shape: String) throws(ValidationError) {
            guard peek == character else { throw error("expected \(character); write \(shape)") }
            index += 1
        }

        mutating func end(shape: String) throws(ValidationError) {
            guard index == input.count else { throw error("unexpected text; write \(shape)") }
        }

        mutating func date(shape: String) throws(ValidationError) -> CivilDate {
            guard !input.isEmpty else { throw error("empty; write \(shape)") }
            let year = try number(4, in: 1...9999, name: "year")
            try expect("-", shape: shape)
            let month = try number(2, in: 1...12, name: "month")
            try expect("-", shape: shape)
            let dayStart = index
            let day = try number(2, in: 1...31, name: "day")
            guard day <= CalendarDate.daysIn(month: month, year: year) else {
                throw error("\(CivilDate(year: year, month: month, day: day)) is not a calendar date", at: dayStart)
            }
            return CivilDate(year: year, month: month, day: day)
        }
    }
}
