import CourtSyncModel

/// Fake but well-formed identifiers: resident ID numbers (GB 11643, ISO 7064 MOD 11-2 check),
/// mobile and landline numbers, bank card numbers (Luhn check) and credit codes (GB 32100).
enum PersonalNumbers {
    private static let residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let residentChecks: [Character] = Array("10X98765432")

    /// The check character of a resident ID number for its first 17 digits (ISO 7064 MOD 11-2).
    static func residentCheck(_ first17: String) -> Character {
        var sum = 0
        for (byte, weight) in zip(first17.utf8, residentWeights) {
            sum += Int(byte - 48) * weight
        }
        return residentChecks[sum % 11]
    }

    /// An 18-character resident ID number for someone born on `birthDay` (days since 1970);
    /// the sequence digit is odd for men and even for women.
    static func residentID(birthDay: Int, female: Bool, _ rng: inout SeededRandom) -> String {
        let birth = CivilDate(daysSince1970: birthDay)
        let sequence = rng.below(50) * 2 + (female ? 0 : 1) + rng.below(10) * 100
        let first17 = ShenzhenPlaces.divisionCodes.draw(&rng)
            + TimeText.padded(birth.year, 4) + TimeText.padded(birth.month, 2) + TimeText.padded(birth.day, 2)
            + TimeText.padded(sequence, 3)
        return first17 + String(residentCheck(first17))
    }

    private static let mobilePrefixes = [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
        "157", "158", "159", "177", "180", "181", "182", "185", "186", "187", "188", "189", "198", "199",
    ]

    /// An 11-digit mainland mobile number.
    static func mobile(_ rng: inout SeededRandom) -> String {
        rng.pick(mobilePrefixes) + TimeText.padded(rng.below(100_000_000), 8)
    }

    /// A Shenzhen landline number such as 0755-83501234.
    static func landline(_ rng: inout SeededRandom) -> String {
        "0755-" + String(rng.integer(in: 2...8)) + TimeText.padded(rng.below(10_000_000), 7)
    }

    private static let cardPrefixes = [("622202", 19), ("621700", 19), ("622848", 19), ("621785", 19), ("621483", 16), ("622588", 16)]

    /// A UnionPay card number of 16 or 19 digits with a valid Luhn check digit.
    static func bankCard(_ rng: inout SeededRandom) -> String {
        let (prefix, length) = rng.pick(cardPrefixes)
        var digits = prefix
        while digits.count < length - 1 { digits += String(rng.below(10)) }
        return digits + String(luhnCheck(digits))
    }

    /// The Luhn check digit for a digit string.
    static func luhnCheck(_ digits: String) -> Int {
        var sum = 0
        for (position, byte) in digits.utf8.reversed().enumerated() {
            var value = Int(byte - 48)
            if position % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return (10 - sum % 10) % 10
    }

    /// An 18-character unified social credit code with a valid check character: `prefix` (e.g. `31`
    /// for a law firm, `91` for a company), the division code 440300 (Shenzhen) and 9 random
    /// characters.
    static func creditCode(prefix: String, _ rng: inout SeededRandom) -> String {
        var first17 = prefix + "440300"
        let alphabet = CreditCode.alphabet
        for position in 0..<9 {
            // The organisation code is mostly digits, with a letter now and then.
            let limit = position < 8 && rng.chance(percent: 85) ? 10 : alphabet.count
            first17.append(alphabet[rng.below(limit)])
        }
        return first17 + String(CreditCode.checkCharacter(for: first17))
    }
}
