/// A new-style case number (案号), in force since 2016-01-01 (法〔2015〕137号).
///
/// Layout: `（YEAR）COURT [SPECIAL] TYPE SERIAL 号 [之N]`, e.g. `（2024）粤0304民初1234号`,
/// `（2023）粤03知民终12号之一`. A case number is unique nationwide, so ``canonical`` (which leaves out
/// the `之N` suffix of later documents in the same case) is the global key of a case.
///
/// Build one from outside text with ``parse(_:field:reference:currentYear:)``; the memberwise
/// initialiser does not validate and is meant for trusted code such as sample data generators.
/// Decoding (`Codable`) restores the fields as encoded and does not validate either.
public struct CaseNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The year the case was received, 2016 or later.
    public var year: Int
    /// The court code as written: `最高法`, a province abbreviation (`粤`), or one with 2 digits
    /// (intermediate court, `粤03`) or 4 digits (basic court, `粤0304`).
    public var court: String
    /// The special-adjudication code, only `知` (intellectual property) so far, or `nil`.
    public var special: String?
    /// The case type code without the special code, e.g. `民初`, `执恢`, `民诉前调`.
    public var type: String
    /// The serial number within court, type and year. For `刑核` it is an 8-digit random number
    /// whose leading zeros are restored by ``canonical``.
    public var serial: Int
    /// The `之N` suffix as a number (1 to 99) marking a later document in the same case, or `nil`.
    public var suffix: Int?

    /// Creates a case number from its parts without validating them.
    public init(year: Int, court: String, special: String? = nil, type: String, serial: Int, suffix: Int? = nil) {
        self.year = year
        self.court = court
        self.special = special
        self.type = type
        self.serial = serial
        self.suffix = suffix
    }

    /// The type code with the special code in front, e.g. `知民初` (or `民初` when there is none).
    public var typeWithSpecial: String { (special ?? "") + type }

    /// The serial as written: 8 digits with leading zeros for `刑核`, plain decimal otherwise.
    public var serialText: String {
        let digits = String(serial)
        guard type == Self.fixedWidthSerialType, digits.count < Self.fixedSerialWidth else { return digits }
        return String(repeating: "0", count: Self.fixedSerialWidth - digits.count) + digits
    }

    /// The case key: the normalised number without the `之N` suffix and with full-width brackets,
    /// e.g. `（2024）粤0304民初1234号`.
    public var canonical: String { "（\(year)）\(court)\(typeWithSpecial)\(serialText)号" }

    /// The normalised number including the `之N` suffix, e.g. `（2024）粤0304民初1234号之一`.
    public var fullText: String {
        guard let suffix else { return canonical }
        return canonical + "之" + Self.chineseNumeral(suffix)
    }

    /// The same as ``fullText``.
    public var description: String { fullText }

    /// The case type whose serial is a fixed-width random number.
    static let fixedWidthSerialType = "刑核"
    /// The width of that serial number.
    static let fixedSerialWidth = 8
}
