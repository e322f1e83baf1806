import CourtSyncModel
import CourtSyncReplication
import Foundation

/// One line of an NDJSON change feed (docs/SYNC-PROTOCOL.md). Exactly one of the members is set:
///
///     {"change":{…change record…},"case":"（2024）粤0304民初1号"}
///     {"snapshot":{"table":"cases","key":"…","case":"…","fields":{…},"versions":{"stage":[hlc,"gd0304"]}}}
///     {"retract":{"table":"parties","key":"…","case":"…"}}          (optionally "columns":[…])
///     {"next":1234,"more":false}                                    (last line of a page)
///
/// Encoding is canonical (sorted keys, no escaped slashes): the same item always gives the same
/// bytes, which the planned origin signatures will rely on.
public struct FeedLine: Sendable, Hashable, Codable {
    public struct Snapshot: Sendable, Hashable, Codable {
        var table: String
        var key: String
        var `case`: String?
        var fields: FieldSet
        var versions: [String: FieldVersion]
    }

    public struct Retraction: Sendable, Hashable, Codable {
        var table: String
        var key: String
        var `case`: String?
        var columns: [String]?
    }

    var change: ChangeRecord?
    var `case`: String?
    var snapshot: Snapshot?
    var retract: Retraction?
    var next: Int64?
    var more: Bool?

    public init(_ item: FeedItem) {
        switch item {
        case .change(let change, let caseNumber):
            self.change = change
            self.case = caseNumber
        case .snapshot(let table, let key, let caseNumber, let fields, let versions):
            snapshot = Snapshot(table: table, key: key, case: caseNumber, fields: fields, versions: versions)
        case .retraction(let table, let key, let caseNumber, let columns):
            retract = Retraction(table: table, key: key, case: caseNumber, columns: columns)
        }
    }

    /// The closing line of a page.
    public init(next: Int64, more: Bool) {
        self.next = next
        self.more = more
    }

    /// The item this line carries, or nil for the closing line.
    public var item: FeedItem? {
        if let change { return .change(change, caseNumber: self.case) }
        if let s = snapshot {
            return .snapshot(table: s.table, key: s.key, caseNumber: s.case, fields: s.fields, versions: s.versions)
        }
        if let r = retract { return .retraction(table: r.table, key: r.key, caseNumber: r.case, columns: r.columns) }
        return nil
    }

    /// The closing line's cursor and whether more follows, or nil for an item line.
    public var end: (next: Int64, more: Bool)? {
        guard change == nil, snapshot == nil, retract == nil, let next else { return nil }
        return (next, more ?? false)
    }

    /// The line's bytes, without the trailing newline.
    public func encoded() throws -> Data {
        try Self.encoder.encode(self)
    }

    /// Decodes one line; the error names the line number and what is wrong (never the contents).
    public static func decode(_ line: some DataProtocol, lineNumber: Int) throws -> FeedLine {
        if let fast = FeedLineParser.parse(Array(line)) { return fast }
        let decoded: FeedLine
        do {
            decoded = try JSONDecoder().decode(FeedLine.self, from: Data(line))
        } catch {
            throw ValidationError(field: "line \(lineNumber)", value: "", reason: "not a feed line: \(describe(error))")
        }
        let members = [decoded.change != nil, decoded.snapshot != nil, decoded.retract != nil, decoded.next != nil]
        guard members.filter({ $0 }).count == 1 else {
            throw ValidationError(
                field: "line \(lineNumber)", value: "",
                reason: "a feed line holds exactly one of change, snapshot, retract or next")
        }
        return decoded
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "not JSON" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "not JSON"
        }
    }
}

/// Splits a byte stream into lines, carrying a partial last line over between chunks.
public struct LineSplitter: Sendable {
    private var carry: [UInt8] = []
    /// Longest line accepted (a change line is a few KiB at most).
    public let maxLineLength: Int

    public init(maxLineLength: Int = 1 << 20) {
        self.maxLineLength = maxLineLength
    }

    /// The complete lines in `chunk` (after what was carried over), without line ends.
    public mutating func lines(in chunk: some Sequence<UInt8>) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in chunk {
            if byte == 0x0A {
                if carry.last == 0x0D { carry.removeLast() }
                if !carry.isEmpty { lines.append(carry) }
                carry.removeAll(keepingCapacity: true)
            } else {
                carry.append(byte)
                if carry.count > maxLineLength {
                    throw ValidationError(field: "feed", value: "", reason: "a line longer than \(maxLineLength) bytes")
                }
            }
        }
        return lines
    }

    /// What is left after the last newline when the stream ends.
    public var remainder: [UInt8]? { carry.isEmpty ? nil : carry }
}
