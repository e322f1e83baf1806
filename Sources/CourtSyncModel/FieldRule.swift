import Foundation

/// How the value of one synced column is checked and normalised at every entry point
/// (CLI, import files, the wire).
public enum FieldRule: Sendable, Hashable {
    /// A case number; normalised to its canonical key.
    case caseNumber
    /// A court code listed in the reference data.
    case courtCode
    /// A case type code (with an optional special prefix such as 知).
    case caseType
    /// A bar-issued or node-issued identifier: 1 to 64 ASCII letters, digits, '-' or '_'.
    case identifier
    /// Free text up to a length.
    case text(maxLength: Int)
    /// A `YYYY-MM-DD` date.
    case date
    /// An ISO 8601 time with offset; normalised to include seconds.
    case timestamp
    /// One of a vocabulary's raw values (labels are accepted and normalised to the raw value).
    case vocabulary(allowed: [String], labels: [String: String])
    case integer(ClosedRange<Int64>)
    case boolean
    /// A 17-digit lawyer licence number.
    case licence
    /// A unified social credit code of a law firm.
    case lawFirmCreditCode

    static func vocabulary<V: Vocabulary>(_ type: V.Type) -> FieldRule {
        .vocabulary(
            allowed: V.allCases.map(\.rawValue),
            labels: Dictionary(V.allCases.map { ($0.label, $0.rawValue) }, uniquingKeysWith: { a, _ in a }))
    }
}

/// What the checks need to know besides the value.
public struct ValidationContext: Sendable {
    public var reference: ReferenceData
    public var currentYear: Int
    /// Hand entry is strict about licence numbers; a registry import only warns on odd fields.
    public var strictLicences: Bool

    public init(reference: ReferenceData = .bundled, currentYear: Int, strictLicences: Bool = true) {
        self.reference = reference
        self.currentYear = currentYear
        self.strictLicences = strictLicences
    }
}

extension FieldRule {
    /// Checks a value and returns its normalised form, plus any warnings (odd but accepted).
    /// NULL is accepted here; required columns are checked by the table.
    public func normalise(
        _ value: FieldValue, field: String, context: ValidationContext
    ) throws(ValidationError) -> (FieldValue, warnings: [String]) {
        if value == .null { return (self == .boolean ? .integer(0) : .null, []) }
        switch self {
        case .integer(let range):
            guard let i = Self.integer(value), range.contains(i) else {
                throw ValidationError(
                    field: field, value: value.description,
                    reason: "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return (.integer(i), [])
        case .boolean:
            switch value.description.lowercased() {
            case "1", "true", "yes", "是": return (.integer(1), [])
            case "0", "false", "no", "否", "": return (.integer(0), [])
            default:
                throw ValidationError(field: field, value: value.description, reason: "expected true or false")
            }
        default:
            break
        }
        guard case .text(let text) = value else {
            throw ValidationError(field: field, value: value.description, reason: "expected text")
        }
        return try normaliseText(text, field: field, context: context)
    }

    private func normaliseText(
        _ text: String, field: String, context: ValidationContext
    ) throws(ValidationError) -> (FieldValue, warnings: [String]) {
        // Values arriving from peers are already canonical: accept those without the general
        // parsers (NFKC, trimming), which dominated applying a pulled page.
        if let canonical = Self.fastCanonical(self, text, context) { return (canonical, []) }
        switch self {
        case .caseNumber:
            let number = try CaseNumber.parse(
                text, field: field, reference: context.reference, currentYear: context.currentYear)
            return (.text(number.canonical), [])
        case .courtCode:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard context.reference.court(code: trimmed) != nil || trimmed == CaseNumber.supremeCourtCode else {
                throw ValidationError(field: field, value: text, reason: "not a court code in courts.tsv")
            }
            return (.text(trimmed), [])
        case .caseType:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let base = trimmed.hasPrefix("知") ? String(trimmed.dropFirst()) : trimmed
            guard context.reference.caseType(code: base) != nil else {
                throw ValidationError(field: field, value: text, reason: "not a case type code in case_types.tsv")
            }
            return (.text(trimmed), [])
        case .identifier:
            if let bad = text.firstIndex(where: { !Self.identifierCharacters.contains($0) }) {
                throw ValidationError(
                    field: field, value: text, position: text.distance(from: text.startIndex, to: bad) + 1,
                    reason: "identifiers use ASCII letters, digits, '-' and '_' only")
            }
            guard (1...64).contains(text.count) else {
                throw ValidationError(field: field, value: text, reason: "identifiers have 1 to 64 characters")
            }
            return (.text(text), [])
        case .text(let maxLength):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count <= maxLength else {
                throw ValidationError(field: field, value: text, reason: "longer than \(maxLength) characters")
            }
            return (trimmed.isEmpty ? .null : .text(trimmed), [])
        case .date:
            return (.text(try CalendarDate.parseDate(text, field: field).description), [])
        case .timestamp:
            return (.text(try CalendarDate.parseTimestamp(text, field: field).text), [])
        case .vocabulary(let allowed, let labels):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if allowed.contains(trimmed) { return (.text(trimmed), []) }
            if let raw = labels[trimmed] { return (.text(raw), []) }
            throw ValidationError(
                field: field, value: text, reason: "not one of: \(allowed.joined(separator: ", "))")
        case .licence:
            let (licence, warnings) = try LicenceNumber.parse(
                text, field: field, strict: context.strictLicences, currentYear: context.currentYear)
            return (.text(licence.digits), warnings)
        case .lawFirmCreditCode:
            let code = try CreditCode.parse(text, field: field, requireLawFirm: true)
            return (.text(code.text), [])
        case .integer, .boolean:
            return (.null, [])  // handled by the caller
        }
    }

    private static func integer(_ value: FieldValue) -> Int64? {
        switch value {
        case .integer(let i): i
        case .real(let d): Int64(exactly: d)
        case .text(let s): Int64(s.trimmingCharacters(in: .whitespaces))
        case .null: nil
        }
    }
}

extension FieldRule {
    static let identifierCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

    /// The value itself when it is already in canonical form and valid, found cheaply; nil means
    /// "use the full parser" (which also gives the error for an invalid value).
    static func fastCanonical(_ rule: FieldRule, _ text: String, _ context: ValidationContext) -> FieldValue? {
        let utf8 = text.utf8
        switch rule {
        case .text(let maxLength):
            guard !text.isEmpty, utf8.count <= maxLength, let first = text.unicodeScalars.first,
                let last = text.unicodeScalars.last, !first.properties.isWhitespace, !last.properties.isWhitespace
            else { return nil }
            return .text(text)
        case .vocabulary(let allowed, _):
            return allowed.contains(text) ? .text(text) : nil
        case .courtCode:
            return context.reference.court(code: text) != nil ? .text(text) : nil
        case .identifier:
            guard (1...64).contains(utf8.count), utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x5F
            }) else { return nil }
            return .text(text)
        case .date:
            // YYYY-MM-DD
            let b = Array(utf8)
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D, let y = digits(b, 0, 4), let m = digits(b, 5, 2),
                let d = digits(b, 8, 2), (1...12).contains(m), d >= 1, d <= CalendarDate.daysIn(month: m, year: y),
                y >= 1
            else { return nil }
            return .text(text)
        case .timestamp:
            // YYYY-MM-DDTHH:MM:SS+HH:MM, as canonical timestamps are written.
            let b = Array(utf8)
            guard b.count == 25, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
                b[19] == 0x2B || b[19] == 0x2D, b[22] == 0x3A, let y = digits(b, 0, 4), let m = digits(b, 5, 2),
                let d = digits(b, 8, 2), let h = digits(b, 11, 2), let mi = digits(b, 14, 2), let s = digits(b, 17, 2),
                let oh = digits(b, 20, 2), let om = digits(b, 23, 2), (1...12).contains(m), d >= 1,
                d <= CalendarDate.daysIn(month: m, year: y), h < 24, mi < 60, s < 60, oh < 24, om < 60, y >= 1
            else { return nil }
            return .text(text)
        default:
            return nil
        }
    }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            guard (0x30...0x39).contains(b[i]) else { return nil }
            value = value * 10 + Int(b[i] - 0x30)
        }
        return value
    }
}
