/// A hybrid logical clock timestamp: 48 bits of wall-clock milliseconds and a 16-bit counter,
/// packed into one `Int64` so it sorts, stores and compares as an integer.
public struct HLCTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(milliseconds: Int64, counter: UInt16) {
        self.rawValue = (milliseconds << 16) | Int64(counter)
    }

    public var milliseconds: Int64 { rawValue >> 16 }
    public var counter: UInt16 { UInt16(truncatingIfNeeded: rawValue & 0xFFFF) }

    public static let zero = HLCTimestamp(rawValue: 0)

    public static func < (lhs: HLCTimestamp, rhs: HLCTimestamp) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "\(milliseconds).\(counter)" }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The clock was asked to accept a remote timestamp too far ahead of local time.
public struct ClockDriftError: Error, Sendable, Hashable, CustomStringConvertible {
    public let remote: HLCTimestamp
    public let localMilliseconds: Int64
    public let maxDriftMilliseconds: Int64

    public var description: String {
        let ahead = (remote.milliseconds - localMilliseconds) / 1000
        return "remote clock is \(ahead) s ahead of this node (limit \(maxDriftMilliseconds / 1000) s); "
            + "check the peer's system time (NTP) before syncing again"
    }
}

/// Hybrid logical clock (Kulkarni et al.), a pure state machine: the wall clock is injected.
///
/// `now()` never returns a timestamp less than or equal to any it returned or received before,
/// even when the wall clock steps back; the counter absorbs the difference and, when it
/// overflows, the logical milliseconds move one step ahead of the wall clock.
public struct HybridLogicalClock: Sendable {
    /// The greatest timestamp issued or observed.
    public private(set) var last: HLCTimestamp
    /// How far ahead of local wall time a remote timestamp may be. Default 5 minutes.
    public let maxDriftMilliseconds: Int64
    private let wallClock: @Sendable () -> Int64

    /// Wall time in milliseconds since 1970, from the system clock.
    public static let systemWallClock: @Sendable () -> Int64 = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    public init(
        last: HLCTimestamp = .zero,
        maxDriftMilliseconds: Int64 = 5 * 60 * 1000,
        wallClock: @escaping @Sendable () -> Int64 = HybridLogicalClock.systemWallClock
    ) {
        self.last = last
        self.maxDriftMilliseconds = maxDriftMilliseconds
        self.wallClock = wallClock
    }

    /// A new timestamp for a local event.
    public mutating func now() -> HLCTimestamp {
        advance(past: last, wall: wallClock())
    }

    /// Takes a remote timestamp into account; refuses one beyond the drift bound.
    public mutating func receive(_ remote: HLCTimestamp) throws(ClockDriftError) {
        let wall = wallClock()
        guard remote.milliseconds - wall <= maxDriftMilliseconds else {
            throw ClockDriftError(remote: remote, localMilliseconds: wall, maxDriftMilliseconds: maxDriftMilliseconds)
        }
        if remote > last {
            last = remote
        }
    }

    private mutating func advance(past previous: HLCTimestamp, wall: Int64) -> HLCTimestamp {
        let next: HLCTimestamp
        if wall > previous.milliseconds {
            next = HLCTimestamp(milliseconds: wall, counter: 0)
        } else if previous.counter < UInt16.max {
            next = HLCTimestamp(milliseconds: previous.milliseconds, counter: previous.counter + 1)
        } else {
            next = HLCTimestamp(milliseconds: previous.milliseconds + 1, counter: 0)
        }
        last = next
        return next
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
