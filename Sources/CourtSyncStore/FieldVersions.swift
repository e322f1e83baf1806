import CourtSyncModel
import Foundation

/// The versions of a row's fields, kept beside the row in its `_v` column, each with the version
/// it overwrote (one step of ancestry, to tell a late-arriving old write from a concurrent one).
///
/// Compact binary form, so that capture costs one small column rather than a row per field:
/// a sequence of entries `[column: UInt8][hlc: Int64 BE][origin length: UInt8][origin]` followed,
/// when the column byte has its high bit set, by the overwritten version in the same layout
/// (`[hlc][length][origin]`). Column 127 means "every column without an entry of its own". A
/// freshly inserted row is one entry of about 16 bytes.
struct FieldVersions {
    private static let allColumns: UInt8 = 127
    private static let hasPrevious: UInt8 = 0x80

    /// One slot per catalog column; nil where the field has never been written.
    private(set) var slots: [FieldVersion?]
    /// The version each slot's version overwrote, when known.
    private(set) var previous: [FieldVersion?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
        previous = Array(repeating: nil, count: count)
    }

    subscript(column: Int) -> FieldVersion? {
        slots[column]
    }

    /// Sets a field's version and the version it overwrote.
    mutating func set(_ column: Int, _ version: FieldVersion?, overwrote: FieldVersion?) {
        slots[column] = version
        previous[column] = overwrote
    }

    /// The encoding of a row whose every field has `version` (a fresh insert), without building slots.
    static func encoded(uniform version: FieldVersion) -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(10 + version.origin.utf8.count)
        append(allColumns, version, to: &data)
        return data
    }

    func encoded() -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(24)
        if let first = slots.first ?? nil, previous.allSatisfy({ $0 == nil }), slots.allSatisfy({ $0 == first }) {
            Self.append(Self.allColumns, first, to: &data)
            return data
        }
        for (column, version) in slots.enumerated() {
            guard let version else { continue }
            if let prior = previous[column] {
                Self.append(UInt8(column) | Self.hasPrevious, version, to: &data)
                Self.appendVersion(prior, to: &data)
            } else {
                Self.append(UInt8(column), version, to: &data)
            }
        }
        return data
    }

    private static func append(_ column: UInt8, _ version: FieldVersion, to data: inout [UInt8]) {
        data.append(column)
        appendVersion(version, to: &data)
    }

    private static func appendVersion(_ version: FieldVersion, to data: inout [UInt8]) {
        let raw = UInt64(bitPattern: version.hlc.rawValue)
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: raw >> UInt64(shift))) }
        let origin = version.origin.utf8.prefix(255)
        data.append(UInt8(origin.count))
        data.append(contentsOf: origin)
    }

    /// Decodes `_v`; an unreadable blob yields no versions rather than a crash (and the next
    /// write to the row repairs it).
    init(decoding data: [UInt8], count: Int) {
        self.init(count: count)
        var i = 0
        func version() -> FieldVersion? {
            guard i + 9 <= data.count else { return nil }
            var raw: UInt64 = 0
            for b in data[i..<(i + 8)] { raw = (raw << 8) | UInt64(b) }
            let length = Int(data[i + 8])
            let start = i + 9
            guard start + length <= data.count else { return nil }
            i = start + length
            let origin = String(decoding: data[start..<(start + length)], as: UTF8.self)
            return FieldVersion(hlc: HLCTimestamp(rawValue: Int64(bitPattern: raw)), origin: origin)
        }
        while i < data.count {
            let tag = data[i]
            i += 1
            guard let v = version() else { break }
            let prior = tag & Self.hasPrevious != 0 ? version() : nil
            let column = tag & ~Self.hasPrevious
            if column == Self.allColumns {
                for c in slots.indices where slots[c] == nil { slots[c] = v }
            } else if Int(column) < count {
                slots[Int(column)] = v
                previous[Int(column)] = prior
            }
        }
    }
}
