/// A lawyer's practising licence number (律师执业证号): 17 ASCII digits, no check digit.
///
/// | positions | field |
/// |---|---|
/// | 1 | certificate type, `1` |
/// | 2–3 | ``province`` of the practising institution (44 Guangdong) |
/// | 4–5 | ``city`` (03 Shenzhen) |
/// | 6–9 | ``firstYear`` of licensing |
/// | 10 | ``category`` |
/// | 11 | ``gender`` |
/// | 12–17 | ``serial`` |
///
/// The number changes when a lawyer moves city or category, so it is an attribute of a lawyer,
/// never the lawyer's key. Encodes as its 17-digit text.
public struct LicenceNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Practising category (position 10).
    public enum Category: Sendable, Hashable {
        /// 1: full-time lawyer (专职律师).
        case fullTime
        /// 2: part-time lawyer (兼职律师).
        case partTime
        /// 3: Hong Kong resident.
        case hongKongResident
        /// 4: Macao resident.
        case macaoResident
        /// Any other digit (other categories exist; 0 is refused on hand entry).
        case other(Int)

        /// The category for the digit at position 10.
        public init(digit: Int) {
            switch digit {
            case 1: self = .fullTime
            case 2: self = .partTime
            case 3: self = .hongKongResident
            case 4: self = .macaoResident
            default: self = .other(digit)
            }
        }
    }

    /// The 17 ASCII digits.
    public let digits: String

    /// Province code of the practising institution (positions 2–3), e.g. 44.
    public var province: Int { field(1, 2) }
    /// City code (positions 4–5), e.g. 3 for Shenzhen (`03`).
    public var city: Int { field(3, 2) }
    /// Year of first licence (positions 6–9).
    public var firstYear: Int { field(5, 4) }
    /// The digit at position 10; see ``category``.
    public var categoryDigit: Int { field(9, 1) }
    /// Practising category (position 10).
    public var category: Category { Category(digit: categoryDigit) }
    /// Position 11: 0 male, 1 female (other digits only in lenient imports).
    public var gender: Int { field(10, 1) }
    /// Serial number (positions 12–17).
    public var serial: Int { field(11, 6) }

    /// The 17 digits.
    public var description: String { digits }

    /// Province codes of GB/T 2260 (mainland 11–65) plus Taiwan 71, Hong Kong 81, Macao 82.
    public static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ]

    /// The first year lawyers were licensed under the current system.
    public static let earliestYear = 1979

    private init(digits: String) { self.digits = digits }

    private func field(_ offset: Int, _ length: Int) -> Int {
        Int(digits.dropFirst(offset).prefix(length)) ?? 0
    }

    /// Parses a licence number.
    ///
    /// The value is trimmed and NFKC-normalised first, in both modes: full-width digits typed with a
    /// Chinese input method are read as the same ASCII digits (the stored ``digits`` are always
    /// ASCII). Always refused: an 18-character value (most likely a resident ID number, which must
    /// never be used as a licence), any character that is not a digit (with its position), a length
    /// other than 17, and a first digit other than 1.
    ///
    /// - Parameters:
    ///   - strict: `true` for hand entry: also refuse a province code that is not a real one, a
    ///     first year before 1979 or after `currentYear`, category 0 and a gender digit other than
    ///     0 or 1. `false` for registry imports: accept those and return one warning for each.
    ///   - currentYear: the latest acceptable first year.
    /// - Returns: the number and, in lenient mode, warnings about odd fields (empty when strict).
    /// - Throws: ``ValidationError`` naming `field`.
    public static func parse(
        _ text: String, field: String = "licence_number", strict: Bool, currentYear: Int
    ) throws(ValidationError) -> (LicenceNumber, warnings: [String]) {
        let input = NormalisedText(text)
        func error(_ reason: String, at offset: Int? = nil) -> ValidationError {
            ValidationError(field: field, value: text, position: offset.flatMap(input.position), reason: reason)
        }
        guard !input.isEmpty else { throw error("the licence number is empty") }
        if input.count == 18 {
            throw error(
                "18 characters: this looks like a resident ID number (身份证号), which must never be used "
                    + "as a licence number; a licence number has 17 digits")
        }
        if let offset = input.characters.firstIndex(where: { !$0.isASCIIDigit }) {
            throw error("a licence number has digits only", at: offset)
        }
        guard input.count == 17 else { throw error("a licence number has 17 digits, not \(input.count)") }
        guard input.characters[0] == "1" else { throw error("a licence number starts with 1", at: 0) }
        let number = LicenceNumber(digits: input.text)

        var problems: [(offset: Int, reason: String)] = []
        if !provinceCodes.contains(number.province) {
            problems.append((1, "province code \(padded(number.province, 2)) is not a Chinese province code"))
        }
        if number.firstYear < earliestYear || number.firstYear > currentYear {
            problems.append((5, "first-licence year \(number.firstYear) is outside \(earliestYear)…\(currentYear)"))
        }
        if number.categoryDigit == 0 {
            problems.append((9, "category 0 does not exist"))
        }
        if number.gender > 1 {
            problems.append((10, "gender digit \(number.gender) is not 0 or 1"))
        }
        if strict, let first = problems.first {
            throw error(first.reason, at: first.offset)
        }
        var warnings = problems.map { "\(field): \($0.reason)" }
        if !strict, input.text != text {
            warnings.append("\(field): white space or full-width digits were normalised")
        }
        return (number, warnings: warnings)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        CalendarDate.padded(value, width)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard text.count == 17, text.first == "1", text.allSatisfy(\.isASCIIDigit) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a licence number has 17 ASCII digits starting with 1")
        }
        self.init(digits: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
