import CourtSyncModel
import CourtSyncReplication
import Foundation

/// Reads feed lines straight from bytes. Foundation's `JSONDecoder` took a quarter of the pulling
/// node's time in the sync benchmark (docs/PERFORMANCE.md); this parser handles well-formed lines
/// and gives up (nil) on anything unexpected, so `FeedLine.decode` falls back to `JSONDecoder`,
/// which then names the problem.
enum FeedLineParser {
    indirect enum JSON {
        case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSON]), object([String: JSON])
    }

    static func parse(_ bytes: [UInt8]) -> FeedLine? {
        var p = 0
        guard let json = value(bytes, &p) else { return nil }
        skipSpace(bytes, &p)
        guard p == bytes.count, case .object(let top) = json else { return nil }
        return line(top)
    }

    private static func line(_ top: [String: JSON]) -> FeedLine? {
        if let change = top["change"] {
            guard top.count <= 2, case .object(let c) = change, let record = record(c) else { return nil }
            var caseNumber: String?
            if let value = top["case"] {
                guard case .string(let s) = value else { return nil }
                caseNumber = s
            }
            return FeedLine(.change(record, caseNumber: caseNumber))
        }
        if let snapshot = top["snapshot"] {
            guard top.count == 1, case .object(let s) = snapshot, case .string(let table)? = s["table"],
                case .string(let key)? = s["key"], case .object(let f)? = s["fields"], let fields = fieldSet(f),
                case .object(let v)? = s["versions"], let versions = versionMap(v)
            else { return nil }
            return FeedLine(.snapshot(table: table, key: key, caseNumber: optionalString(s["case"]), fields: fields,
                                      versions: versions))
        }
        if let retract = top["retract"] {
            guard top.count == 1, case .object(let r) = retract, case .string(let table)? = r["table"],
                case .string(let key)? = r["key"]
            else { return nil }
            var columns: [String]?
            if case .array(let list)? = r["columns"] {
                columns = []
                for item in list {
                    guard case .string(let name) = item else { return nil }
                    columns!.append(name)
                }
            }
            return FeedLine(.retraction(table: table, key: key, caseNumber: optionalString(r["case"]), columns: columns))
        }
        if case .integer(let next)? = top["next"] {
            guard case .bool(let more)? = top["more"] ?? .bool(false) else { return nil }
            return FeedLine(next: next, more: more)
        }
        return nil
    }

    private static func optionalString(_ json: JSON?) -> String? {
        if case .string(let s)? = json { return s }
        return nil
    }

    private static func record(_ c: [String: JSON]) -> ChangeRecord? {
        guard case .string(let origin)? = c["origin"], case .integer(let seq)? = c["origin_seq"],
            case .integer(let hlc)? = c["hlc"], case .string(let table)? = c["table"], case .string(let key)? = c["key"],
            case .string(let op)? = c["op"], let operation = ChangeOperation(rawValue: op),
            case .object(let f)? = c["fields"], let fields = fieldSet(f)
        else { return nil }
        var previous: [String: FieldVersion] = [:]
        if let prev = c["prev"] {
            guard case .object(let p) = prev, let map = versionMap(p) else { return nil }
            previous = map
        }
        return ChangeRecord(
            origin: origin, originSequence: seq, hlc: HLCTimestamp(rawValue: hlc), table: table, key: key,
            operation: operation, fields: fields, previous: previous, signature: optionalString(c["sig"]))
    }

    private static func fieldSet(_ object: [String: JSON]) -> FieldSet? {
        var fields = FieldSet(minimumCapacity: object.count)
        for (name, json) in object {
            switch json {
            case .null: fields[name] = .null
            case .integer(let i): fields[name] = .integer(i)
            case .number(let d): fields[name] = .real(d)
            case .string(let s): fields[name] = .text(s)
            case .bool(let b): fields[name] = .integer(b ? 1 : 0)
            default: return nil
            }
        }
        return fields
    }

    private static func versionMap(_ object: [String: JSON]) -> [String: FieldVersion]? {
        var map: [String: FieldVersion] = [:]
        for (name, json) in object {
            guard case .array(let pair) = json, pair.count == 2, case .integer(let hlc) = pair[0],
                case .string(let origin) = pair[1]
            else { return nil }
            map[name] = FieldVersion(hlc: HLCTimestamp(rawValue: hlc), origin: origin)
        }
        return map
    }

    // MARK: JSON

    private static func skipSpace(_ b: [UInt8], _ p: inout Int) {
        while p < b.count, b[p] == 0x20 || b[p] == 0x09 || b[p] == 0x0A || b[p] == 0x0D { p += 1 }
    }

    private static func value(_ b: [UInt8], _ p: inout Int) -> JSON? {
        skipSpace(b, &p)
        guard p < b.count else { return nil }
        switch b[p] {
        case UInt8(ascii: "{"):
            p += 1
            var object: [String: JSON] = [:]
            skipSpace(b, &p)
            if p < b.count, b[p] == UInt8(ascii: "}") {
                p += 1
                return .object(object)
            }
            while true {
                skipSpace(b, &p)
                guard p < b.count, b[p] == UInt8(ascii: "\""), let key = string(b, &p) else { return nil }
                skipSpace(b, &p)
                guard p < b.count, b[p] == UInt8(ascii: ":") else { return nil }
                p += 1
                guard let v = value(b, &p), object.updateValue(v, forKey: key) == nil else { return nil }
                skipSpace(b, &p)
                guard p < b.count else { return nil }
                if b[p] == UInt8(ascii: ",") { p += 1; continue }
                guard b[p] == UInt8(ascii: "}") else { return nil }
                p += 1
                return .object(object)
            }
        case UInt8(ascii: "["):
            p += 1
            var array: [JSON] = []
            skipSpace(b, &p)
            if p < b.count, b[p] == UInt8(ascii: "]") {
                p += 1
                return .array(array)
            }
            while true {
                guard let v = value(b, &p) else { return nil }
                array.append(v)
                skipSpace(b, &p)
                guard p < b.count else { return nil }
                if b[p] == UInt8(ascii: ",") { p += 1; continue }
                guard b[p] == UInt8(ascii: "]") else { return nil }
                p += 1
                return .array(array)
            }
        case UInt8(ascii: "\""):
            return string(b, &p).map(JSON.string)
        case UInt8(ascii: "n"):
            return literal(b, &p, "null", .null)
        case UInt8(ascii: "t"):
            return literal(b, &p, "true", .bool(true))
        case UInt8(ascii: "f"):
            return literal(b, &p, "false", .bool(false))
        default:
            return number(b, &p)
        }
    }

    private static func literal(_ b: [UInt8], _ p: inout Int, _ word: String, _ result: JSON) -> JSON? {
        let w = Array(word.utf8)
        guard p + w.count <= b.count, Array(b[p..<(p + w.count)]) == w else { return nil }
        p += w.count
        return result
    }

    private static func number(_ b: [UInt8], _ p: inout Int) -> JSON? {
        let start = p
        var integral = true
        if p < b.count, b[p] == UInt8(ascii: "-") { p += 1 }
        while p < b.count {
            let c = b[p]
            if c >= 0x30 && c <= 0x39 {
                p += 1
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                || c == UInt8(ascii: "+") || (c == UInt8(ascii: "-") && p > start)
            {
                integral = false
                p += 1
            } else {
                break
            }
        }
        guard p > start else { return nil }
        let text = String(decoding: b[start..<p], as: UTF8.self)
        if integral, let i = Int64(text) { return .integer(i) }
        return Double(text).map(JSON.number)
    }

    /// A string starting at the opening quote; `p` ends after the closing quote.
    private static func string(_ b: [UInt8], _ p: inout Int) -> String? {
        p += 1
        let start = p
        // Fast path: no escapes.
        while p < b.count, b[p] != UInt8(ascii: "\""), b[p] != UInt8(ascii: "\\"), b[p] >= 0x20 { p += 1 }
        guard p < b.count else { return nil }
        if b[p] == UInt8(ascii: "\"") {
            let s = String(decoding: b[start..<p], as: UTF8.self)
            p += 1
            return s
        }
        var out = Array(b[start..<p])
        while p < b.count {
            let c = b[p]
            if c == UInt8(ascii: "\"") {
                p += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard c >= 0x20 else { return nil }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                p += 1
                continue
            }
            p += 1
            guard p < b.count else { return nil }
            switch b[p] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(b, p + 1) else { return nil }
                p += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard p + 2 < b.count, b[p + 1] == UInt8(ascii: "\\"), b[p + 2] == UInt8(ascii: "u"),
                        let low = hex4(b, p + 3), (0xDC00...0xDFFF).contains(low)
                    else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    p += 6
                }
                guard let u = Unicode.Scalar(scalar) else { return nil }
                out += Array(String(Character(u)).utf8)
            default:
                return nil
            }
            p += 1
        }
        return nil
    }

    private static func hex4(_ b: [UInt8], _ start: Int) -> UInt32? {
        guard start + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for c in b[start..<(start + 4)] {
            v <<= 4
            switch c {
            case 0x30...0x39: v |= UInt32(c - 0x30)
            case 0x41...0x46: v |= UInt32(c - 0x37)
            case 0x61...0x66: v |= UInt32(c - 0x57)
            default: return nil
            }
        }
        return v
    }
}
