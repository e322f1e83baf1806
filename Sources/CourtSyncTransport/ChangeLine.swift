import CourtSyncModel
import Foundation

/// One line of the NDJSON change feed (docs/SYNC-PROTOCOL.md, with the transport issue):
/// a change record with its position in the sending node's ordering.
///
/// Encoding is canonical (sorted keys, no escaped slashes) so the same change always gives the
/// same bytes, which the planned origin signatures will rely on.
public struct ChangeLine: Sendable, Hashable, Codable {
    /// Position in the sender's change ordering: the cursor a reader resumes after.
    public var position: Int64
    public var change: ChangeRecord

    public init(position: Int64, change: ChangeRecord) {
        self.position = position
        self.change = change
    }

    enum CodingKeys: String, CodingKey {
        case position = "pos"
        case change
    }

    /// The line's bytes, without the trailing newline.
    public func encoded() throws -> Data {
        try Self.encoder.encode(self)
    }

    /// Decodes one line; the error names the line number given.
    public static func decode(_ line: some DataProtocol, lineNumber: Int) throws -> ChangeLine {
        do {
            return try JSONDecoder().decode(ChangeLine.self, from: Data(line))
        } catch {
            throw ValidationError(
                field: "line \(lineNumber)", value: String(decoding: Data(line).prefix(80), as: UTF8.self),
                reason: "not a change line: \(Self.describe(error))")
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.dataCorrupted(let context):
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "not JSON"
        }
    }
}
