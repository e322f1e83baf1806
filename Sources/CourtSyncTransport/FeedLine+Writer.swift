import CourtSyncModel
import CourtSyncReplication
import Foundation

/// Writes feed lines as canonical JSON straight into a byte buffer: the same bytes as
/// `JSONEncoder` with sorted keys and unescaped slashes (a test checks it), without its boxing.
/// Foundation's encoder took 41% of the serving node's time in the sync benchmark
/// (docs/PERFORMANCE.md); this writer is the hot path, the Codable conformance the reference.
public enum FeedLineWriter {
    public static func append(_ item: FeedItem, to out: inout [UInt8]) {
        switch item {
        case .change(let change, let caseNumber):
            out += #"{"#.utf8
            if let caseNumber {
                out += #""case":"#.utf8
                string(caseNumber, &out)
                out.append(UInt8(ascii: ","))
            }
            out += #""change":"#.utf8
            record(change, &out)
            out.append(UInt8(ascii: "}"))
        case .snapshot(let table, let key, let caseNumber, let fields, let versions):
            out += #"{"snapshot":{"#.utf8
            if let caseNumber {
                out += #""case":"#.utf8
                string(caseNumber, &out)
                out.append(UInt8(ascii: ","))
            }
            out += #""fields":"#.utf8
            fieldSet(fields, &out)
            out += #","key":"#.utf8
            string(key, &out)
            out += #","table":"#.utf8
            string(table, &out)
            out += #","versions":"#.utf8
            versionMap(versions, &out)
            out += "}}".utf8
        case .retraction(let table, let key, let caseNumber, let columns):
            out += #"{"retract":{"#.utf8
            if let caseNumber {
                out += #""case":"#.utf8
                string(caseNumber, &out)
                out.append(UInt8(ascii: ","))
            }
            if let columns {
                out += #""columns":["#.utf8
                for (i, column) in columns.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    string(column, &out)
                }
                out += "],".utf8
            }
            out += #""key":"#.utf8
            string(key, &out)
            out += #","table":"#.utf8
            string(table, &out)
            out += "}}".utf8
        }
    }

    public static func appendEnd(next: Int64, more: Bool, to out: inout [UInt8]) {
        out += #"{"more":"#.utf8
        out += (more ? "true" : "false").utf8
        out += #","next":"#.utf8
        out += String(next).utf8
        out.append(UInt8(ascii: "}"))
    }

    static func record(_ c: ChangeRecord, _ out: inout [UInt8]) {
        out += #"{"fields":"#.utf8
        fieldSet(c.fields, &out)
        out += #","hlc":"#.utf8
        out += String(c.hlc.rawValue).utf8
        out += #","key":"#.utf8
        string(c.key, &out)
        out += #","op":"#.utf8
        string(c.operation.rawValue, &out)
        out += #","origin":"#.utf8
        string(c.origin, &out)
        out += #","origin_seq":"#.utf8
        out += String(c.originSequence).utf8
        out += #","prev":"#.utf8
        versionMap(c.previous, &out)
        if let signature = c.signature {
            out += #","sig":"#.utf8
            string(signature, &out)
        }
        out += #","table":"#.utf8
        string(c.table, &out)
        out.append(UInt8(ascii: "}"))
    }

    static func fieldSet(_ fields: FieldSet, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, name) in fields.keys.sorted().enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(name, &out)
            out.append(UInt8(ascii: ":"))
            value(fields[name]!, &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func versionMap(_ versions: [String: FieldVersion], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, name) in versions.keys.sorted().enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(name, &out)
            out += ":[".utf8
            let v = versions[name]!
            out += String(v.hlc.rawValue).utf8
            out.append(UInt8(ascii: ","))
            string(v.origin, &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }

    static func value(_ v: FieldValue, _ out: inout [UInt8]) {
        switch v {
        case .null: out += "null".utf8
        case .integer(let i): out += String(i).utf8
        case .real(let d): out += (d.isFinite ? String(d) : "null").utf8
        case .text(let s): string(s, &out)
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as UTF-8.
    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case 0x0A: out += #"\n"#.utf8
            case 0x0D: out += #"\r"#.utf8
            case 0x09: out += #"\t"#.utf8
            case 0x08: out += #"\b"#.utf8
            case 0x0C: out += #"\f"#.utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += #"\u00"#.utf8
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
