/// A seeded pseudo-random number generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed yields the same sequence on every machine and in every process: the algorithm
/// uses only 64-bit integer arithmetic and never the randomly seeded `Hasher`. The helpers
/// (``below(_:)``, ``chance(percent:)``, ``integer(in:)``) are written here rather than taken from
/// the standard library so that the output cannot change with a toolchain.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    /// An independent generator for one record (or one family of records) derived from a seed,
    /// a stream tag and an index, so that record `index` is the same whatever else is generated.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = seed
        let a = Self.splitMix(&mixer) ^ stream
        var second = a
        let b = Self.splitMix(&second) ^ index
        var third = b
        self.init(seed: Self.splitMix(&third))
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = Self.rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotate(state.3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-high; the bias is below 2⁻⁴⁰ for the
    /// bounds used here). Returns 0 when `bound` is not positive.
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `percent` / 100.
    public mutating func chance(percent: Int) -> Bool {
        below(100) < percent
    }

    /// `true` with probability `permille` / 1000.
    public mutating func chance(permille: Int) -> Bool {
        below(1000) < permille
    }

    /// A uniformly chosen element; the array must not be empty.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// One step of SplitMix64: advances `state` and returns the mixed value.
    public static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit tag for a text (FNV-1a over its UTF-8 bytes), for stream tags such as a
    /// court code. Unlike `hashValue`, it is the same in every process.
    public static func tag(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
