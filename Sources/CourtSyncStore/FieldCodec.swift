import CourtSyncModel

/// The compact binary form of a change's field values in the change log.
///
/// The log's `cols` column holds a bit mask of the catalog columns present; `fields` holds their
/// values in catalog order, each as a tag byte then its payload: 0 NULL; 1 integer (8 bytes,
/// little-endian); 2 real (8 bytes, IEEE 754 bits, little-endian); 3 text (LEB128 length, UTF-8).
/// Measured against SQLite's json_object, which made capture cost 2.8× a plain insert instead
/// of about 1.5× (docs/PERFORMANCE.md): JSON is produced when a feed is served, not on every write.
enum FieldCodec {
    static func encode(_ values: [FieldValue], mask: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        var bits = mask
        while bits != 0 {
            let i = bits.trailingZeroBitCount
            bits &= bits - 1
            switch values[i] {
            case .null:
                out.append(0)
            case .integer(let v):
                out.append(1)
                appendLittleEndian(UInt64(bitPattern: v), to: &out)
            case .real(let d):
                out.append(2)
                appendLittleEndian(d.bitPattern, to: &out)
            case .text(let s):
                out.append(3)
                var text = s
                text.withUTF8 { utf8 in
                    var length = utf8.count
                    repeat {
                        let byte = UInt8(length & 0x7F)
                        length >>= 7
                        out.append(length == 0 ? byte : byte | 0x80)
                    } while length != 0
                    out.append(contentsOf: utf8)
                }
            }
        }
        return out
    }

    private static func appendLittleEndian(_ value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Decodes into (catalog position, value) pairs; nil when the blob is damaged.
    static func decode(_ bytes: [UInt8], mask: UInt64) -> [(Int, FieldValue)]? {
        var result: [(Int, FieldValue)] = []
        result.reserveCapacity(mask.nonzeroBitCount)
        var p = 0
        var bits = mask
        func u64() -> UInt64? {
            guard p + 8 <= bytes.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[p + k]) << UInt64(8 * k) }
            p += 8
            return v
        }
        while bits != 0 {
            let i = bits.trailingZeroBitCount
            bits &= bits - 1
            guard p < bytes.count else { return nil }
            let tag = bytes[p]
            p += 1
            switch tag {
            case 0:
                result.append((i, .null))
            case 1:
                guard let v = u64() else { return nil }
                result.append((i, .integer(Int64(bitPattern: v))))
            case 2:
                guard let v = u64() else { return nil }
                result.append((i, .real(Double(bitPattern: v))))
            case 3:
                var length = 0
                var shift = 0
                while true {
                    guard p < bytes.count, shift < 63 else { return nil }
                    let byte = bytes[p]
                    p += 1
                    length |= Int(byte & 0x7F) << shift
                    shift += 7
                    if byte & 0x80 == 0 { break }
                }
                guard p + length <= bytes.count else { return nil }
                result.append((i, .text(String(decoding: bytes[p..<(p + length)], as: UTF8.self))))
                p += length
            default:
                return nil
            }
        }
        return p == bytes.count ? result : nil
    }
}
