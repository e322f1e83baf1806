/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
/// ``alphabet``, the last one a check character (mod 31).
///
/// A law firm's code starts with `31`: registration authority 3 (justice administration) and
/// organisation type 1 (law firm). Encodes as its 18-character text.
public struct CreditCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 31 characters of the code, in value order (0–30): digits and capital letters without
    /// I, O, S, V and Z.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// The weights of positions 1–17 (3^i mod 31).
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    private static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// The 18 characters, upper case.
    public let text: String

    /// Whether this is a law firm's code (starts with `31`).
    public var isLawFirm: Bool { text.hasPrefix("31") }

    /// The 18 characters.
    public var description: String { text }

    private init(text: String) { self.text = text }

    /// The check character for the first 17 characters of a code.
    ///
    /// - Precondition: `first17` has 17 characters, all from ``alphabet``. Meant for generators
    ///   of valid codes; use ``parse(_:field:requireLawFirm:)`` for outside input.
    public static func checkCharacter(for first17: String) -> Character {
        let characters = Array(first17)
        precondition(characters.count == 17, "a credit code has 17 characters before its check character")
        var sum = 0
        for (character, weight) in zip(characters, weights) {
            guard let value = values[character] else {
                preconditionFailure("\(character) is not in the credit code alphabet")
            }
            sum += value * weight
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Parses a credit code.
    ///
    /// The value is trimmed, NFKC-normalised (full-width characters become ASCII) and upper-cased
    /// first; the alphabet is the same in either case. Refused: a length other than 18, a character
    /// outside ``alphabet`` (with its position; I, O, S, V, Z are never used), a wrong check
    /// character, and, when `requireLawFirm` is true, a code that does not start with `31`.
    /// - Throws: ``ValidationError`` naming `field`.
    public static func parse(
        _ text: String, field: String = "credit_code", requireLawFirm: Bool = false
    ) throws(ValidationError) -> CreditCode {
        let input = NormalisedText(text)
        func error(_ reason: String, at offset: Int? = nil) -> ValidationError {
            ValidationError(field: field, value: text, position: offset.flatMap(input.position), reason: reason)
        }
        guard !input.isEmpty else { throw error("the credit code is empty") }
        let characters = input.characters.map { $0.isASCII && $0.isLowercase ? Character($0.uppercased()) : $0 }
        if let offset = characters.firstIndex(where: { values[$0] == nil }) {
            let character = characters[offset]
            let reason =
                "IOSVZ".contains(character)
                ? "the letter \(character) is never used in credit codes (I, O, S, V and Z are left out)"
                : "\(character) is not a credit code character (digits and capital letters)"
            throw error(reason, at: offset)
        }
        guard characters.count == 18 else {
            throw error("a unified social credit code has 18 characters, not \(characters.count)")
        }
        guard checkCharacter(for: String(characters.prefix(17))) == characters[17] else {
            throw error("the check character (the last one) does not match the other 17: look for a typing error")
        }
        let code = CreditCode(text: String(characters))
        if requireLawFirm, !code.isLawFirm {
            throw error("a law firm's credit code starts with 31", at: 0)
        }
        return code
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
