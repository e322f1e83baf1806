import Foundation

/// A value from outside after the normalisation every identifier parser applies: outer white
/// space trimmed and each character NFKC-normalised (full-width digits, letters and brackets
/// become ASCII, U+3000 becomes a space). Each resulting character remembers the 1-based
/// position of the character it came from in the original value, so errors can point there.
struct NormalisedText {
    /// The normalised characters.
    let characters: [Character]
    /// For each normalised character, the 1-based position of its source in the original value.
    let positions: [Int]
    /// The original value, as given.
    let original: String

    init(_ original: String) {
        self.original = original
        let all = Array(original)
        var start = 0
        var end = all.count
        while start < end, Self.isBlank(all[start]) { start += 1 }
        while end > start, Self.isBlank(all[end - 1]) { end -= 1 }
        var characters: [Character] = []
        var positions: [Int] = []
        for index in start..<end {
            for normalised in String(all[index]).precomposedStringWithCompatibilityMapping {
                characters.append(normalised)
                positions.append(index + 1)
            }
        }
        self.characters = characters
        self.positions = positions
    }

    /// The normalised text as a string.
    var text: String { String(characters) }

    var isEmpty: Bool { characters.isEmpty }
    var count: Int { characters.count }

    /// The original 1-based position of the normalised character at `index` (0-based).
    func position(_ index: Int) -> Int? {
        positions.indices.contains(index) ? positions[index] : nil
    }

    /// White space or an invisible format character (zero-width space, BOM, word joiner …).
    static func isBlank(_ character: Character) -> Bool {
        if character.isWhitespace { return true }
        return character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .format }
    }
}

extension Character {
    /// An ASCII digit 0–9 (after NFKC, full-width digits are ASCII too).
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
