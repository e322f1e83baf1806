import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7) for row keys: new keys sort after old ones, so
/// inserts land at the right edge of the index.
public enum UUIDv7 {
    /// A new UUIDv7 string (lower case) for the given wall time.
    public static func make<R: RandomNumberGenerator>(
        milliseconds: Int64 = HybridLogicalClock.systemWallClock(), using rng: inout R
    ) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(max(0, milliseconds))
        for i in 0..<6 {
            bytes[i] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - i)))
        }
        var random = rng.next() as UInt64
        var random2 = rng.next() as UInt64
        withUnsafeBytes(of: &random) { raw in for i in 0..<5 { bytes[6 + i] = raw[i] } }
        withUnsafeBytes(of: &random2) { raw in for i in 0..<5 { bytes[11 + i] = raw[i] } }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let uuid = UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }

    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return make(using: &rng)
    }
}
