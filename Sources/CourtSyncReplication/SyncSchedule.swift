import Foundation

/// When a serving node syncs with its peers on its own: a daily time in a time zone (the nightly
/// round), an interval, or both, with a random delay so that a dozen districts do not all call the
/// intermediate court in the same second, and a window during which peers that failed are tried
/// again.
///
/// Interval rounds are aligned to midnight in the schedule's time zone (every 30 minutes means
/// :00 and :30), so operators can predict them and two nodes with the same setting agree.
public struct SyncSchedule: Sendable, Hashable {
    /// A time of day, minutes since midnight.
    public struct TimeOfDay: Sendable, Hashable, CustomStringConvertible {
        public var hour: Int
        public var minute: Int

        public init(hour: Int, minute: Int) {
            self.hour = hour
            self.minute = minute
        }

        /// Parses `HH:MM` (24-hour clock).
        public init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }),
                let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
            else { return nil }
            self.init(hour: hour, minute: minute)
        }

        public var description: String {
            (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        }
    }

    /// The nightly round's start, in `timeZone`; `nil` for none.
    public var dailyAt: TimeOfDay?
    /// Time between interval rounds; `nil` for none.
    public var interval: Duration?
    /// Time zone of `dailyAt` and of the interval alignment.
    public var timeZone: TimeZone
    /// How long after a round's scheduled start failed peers are still retried.
    public var window: Duration
    /// Upper bound of the random delay added to each round's start.
    public var jitter: Duration
    /// Wait between attempts at a failed peer within the window.
    public var retryAfter: Duration

    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai")!

    public init(
        dailyAt: TimeOfDay? = nil, interval: Duration? = nil, timeZone: TimeZone = Self.defaultTimeZone,
        window: Duration = .seconds(4 * 3600), jitter: Duration = .seconds(600), retryAfter: Duration = .seconds(300)
    ) {
        self.dailyAt = dailyAt
        self.interval = interval
        self.timeZone = timeZone
        self.window = window
        self.jitter = jitter
        self.retryAfter = retryAfter
    }

    /// Whether any round is scheduled at all.
    public var isEnabled: Bool { dailyAt != nil || interval != nil }

    /// The first scheduled start strictly after `date`, before jitter; `nil` when nothing is scheduled.
    public func nextStart(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var candidates: [Date] = []
        if let dailyAt {
            let components = DateComponents(hour: dailyAt.hour, minute: dailyAt.minute, second: 0)
            if let next = calendar.nextDate(after: date, matching: components, matchingPolicy: .nextTime) {
                candidates.append(next)
            }
        }
        if let interval, interval > .zero {
            let midnight = calendar.startOfDay(for: date)
            let step = interval.seconds
            let elapsed = date.timeIntervalSince(midnight)
            var next = midnight.addingTimeInterval((elapsed / step).rounded(.down) * step + step)
            // A new day starts a new alignment: never skip midnight itself.
            if let nextMidnight = calendar.date(byAdding: .day, value: 1, to: midnight), next > nextMidnight {
                next = nextMidnight
            }
            candidates.append(next)
        }
        return candidates.min()
    }

    /// The end of the retry window of a round scheduled to start at `start`: `window` after it, but
    /// never past the next scheduled start, so that one peer that stays down cannot hold back the
    /// next rounds of the others.
    public func windowEnd(forStart start: Date) -> Date {
        let end = start.addingTimeInterval(window.seconds)
        guard let next = nextStart(after: start) else { return end }
        return min(end, next)
    }

    /// The shortest time between two consecutive scheduled starts (a `daily_at` off the `every`
    /// grid comes soon after an interval round; an interval that does not divide a day has a short
    /// last step before midnight), or `nil` when nothing is scheduled. Daylight-saving days are
    /// not considered.
    public var shortestGap: Duration? {
        let day = 86_400
        guard let interval else { return dailyAt == nil ? nil : .seconds(day) }
        let step = max(1, Int(interval.seconds.rounded()))
        var gaps = [min(step, day)]
        if day % step != 0 { gaps.append(day % step) }
        if let dailyAt {
            let offset = (dailyAt.hour * 3600 + dailyAt.minute * 60) % step
            if offset != 0 { gaps += [offset, step - offset] }
        }
        return .seconds(gaps.min()!)
    }

    /// The random delay for one round: uniform in 0…jitter, given a fraction in 0…1.
    public func jitterDelay(fraction: Double) -> Duration {
        jitter * max(0, min(1, fraction))
    }

    /// One line for operators, e.g. `daily at 02:00 Asia/Shanghai (UTC+08:00), failed peers retried …`.
    public var summary: String {
        var parts: [String] = []
        if let dailyAt { parts.append("daily at \(dailyAt) \(timeZone.identifier) (\(Self.offsetText(timeZone)))") }
        if let interval { parts.append("every \(Self.text(interval))") }
        guard !parts.isEmpty else { return "no schedule (sync runs only when `courtsync sync` is run)" }
        return parts.joined(separator: " and ") + ", failed peers retried every \(Self.text(retryAfter)) for "
            + "\(Self.text(window)), start delayed at random by up to \(Self.text(jitter))"
    }

    /// The zone's current offset from UTC, e.g. `UTC+08:00`.
    static func offsetText(_ zone: TimeZone) -> String {
        let seconds = zone.secondsFromGMT()
        let minutes = abs(seconds) / 60
        let hh = minutes / 60, mm = minutes % 60
        return "UTC" + (seconds < 0 ? "-" : "+") + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
    }

    /// A duration as operators write it in courtsync.yaml: `90s`, `15m`, `4h`, `1h30m`.
    public static func text(_ duration: Duration) -> String {
        var seconds = Int(duration.seconds.rounded())
        if seconds == 0 { return "0s" }
        var out = ""
        for (unit, size) in [("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            out += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return out
    }

    /// Parses `90s`, `15m`, `4h`, `1h30m` (units h, m, s; at least one part).
    public static func parseDuration(_ text: String) -> Duration? {
        var total = 0
        var number = ""
        var parts = 0
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number), number.count <= 6 else { return nil }
            switch character {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
            number = ""
            parts += 1
        }
        guard number.isEmpty, parts > 0 else { return nil }
        return .seconds(total)
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
