import CourtSyncModel
import Foundation

/// The versions of a row's fields, kept beside the row in its `_v` column.
///
/// Compact binary form, so that capture costs one small column rather than a row per field:
/// a sequence of entries `[column: UInt8][hlc: Int64 big-endian][origin length: UInt8][origin UTF-8]`,
/// where column 255 means "every column without an entry of its own". A freshly inserted row is
/// one entry of about 16 bytes.
struct FieldVersions {
    private static let allColumns: UInt8 = 255

    /// One slot per catalog column; nil where the field has never been written.
    private(set) var slots: [FieldVersion?]
    /// Set while every slot holds this one version (a freshly inserted row): encodes in one entry
    /// without comparing slots.
    private var uniform: FieldVersion?

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    init(all version: FieldVersion, count: Int) {
        slots = Array(repeating: version, count: count)
        uniform = version
    }

    subscript(column: Int) -> FieldVersion? {
        get { slots[column] }
        set {
            slots[column] = newValue
            uniform = nil
        }
    }

    /// The greatest version of any field: the row's version as a whole.
    var maximum: FieldVersion? { slots.compactMap { $0 }.max() }

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
        if let uniform {
            Self.append(Self.allColumns, uniform, to: &data)
            return data
        }
        let present = slots.compactMap { $0 }
        if present.count == slots.count, let first = present.first, present.allSatisfy({ $0 == first }) {
            Self.append(Self.allColumns, first, to: &data)
            return data
        }
        for (column, version) in slots.enumerated() {
            if let version { Self.append(UInt8(column), version, to: &data) }
        }
        return data
    }

    private static func append(_ column: UInt8, _ version: FieldVersion, to data: inout [UInt8]) {
        data.append(column)
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
        var i = data.startIndex
        while i + 10 <= data.endIndex {
            let column = data[i]
            var raw: Int64 = 0
            for b in data[(i + 1)..<(i + 9)] { raw = (raw << 8) | Int64(b) }
            let length = Int(data[i + 9])
            let start = i + 10
            guard start + length <= data.endIndex else { break }
            let origin = String(decoding: data[start..<(start + length)], as: UTF8.self)
            let version = FieldVersion(hlc: HLCTimestamp(rawValue: raw), origin: origin)
            if column == Self.allColumns {
                for c in slots.indices where slots[c] == nil { slots[c] = version }
            } else if Int(column) < count {
                slots[Int(column)] = version
            }
            i = start + length
        }
    }
}
