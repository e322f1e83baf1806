extension CaseNumber {
    /// The one-character abbreviations that may start a court code: the 31 provinces, regions and
    /// municipalities of the mainland (内 and 蒙 both occur for Inner Mongolia), 军 (military courts)
    /// and 兵 (Xinjiang Production and Construction Corps courts).
    public static let provinceAbbreviations: Set<Character> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼内军兵")

    /// The court code of the Supreme People's Court.
    public static let supremeCourtCode = "最高法"

    /// Whether `code` has the shape of a court code: `最高法`, or a province abbreviation followed
    /// by 0, 2 or 4 ASCII digits. Does not check that the court exists.
    public static func isWellFormedCourtCode(_ code: String) -> Bool {
        if code == supremeCourtCode { return true }
        guard let first = code.first, provinceAbbreviations.contains(first) else { return false }
        let digits = code.dropFirst()
        return [0, 2, 4].contains(digits.count) && digits.allSatisfy(\.isASCIIDigit)
    }

    /// Traditional characters likely to show up in a case number (court abbreviations, type codes,
    /// 号), mapped to the simplified character to use instead.
    static let traditionalCharacters: [Character: Character] = [
        "粵": "粤", "終": "终", "號": "号", "執": "执", "監": "监", "審": "审", "訴": "诉", "調": "调",
        "賠": "赔", "轄": "辖", "沒": "没", "醫": "医", "復": "复", "複": "复", "備": "备", "確": "确",
        "訪": "访", "財": "财", "證": "证", "異": "异", "協": "协", "懲": "惩", "強": "强", "滬": "沪",
        "雲": "云", "遼": "辽", "魯": "鲁", "蘇": "苏", "贛": "赣", "晉": "晋", "陝": "陕", "閩": "闽",
        "貴": "贵", "寧": "宁", "瓊": "琼", "內": "内", "軍": "军",
    ]

    /// Characters of the pre-2016 numbering (`(2015)深中法行终字第612号`).
    static let legacyCharacters: Set<Character> = ["字", "第"]

    /// What is wrong with a character that may never appear in a case number, or `nil`.
    static func forbiddenCharacterReason(_ character: Character) -> String? {
        switch character {
        case "〔", "〕":
            return "〔〕 is the bracket of document numbers such as 深中法〔2020〕12号, not of case numbers; use （）"
        case "【", "】", "[", "]", "〖", "〗":
            return "square brackets are not used in case numbers; use （）"
        default:
            break
        }
        if character.isWhitespace || NormalisedText.isBlank(character) {
            return "white space inside a case number is not allowed"
        }
        if legacyCharacters.contains(character) {
            return "\(character) marks a legacy (pre-2016) number such as (2015)深中法行终字第612号; "
                + "keep it as a legacy identifier, it is not a case number"
        }
        if let simplified = traditionalCharacters[character] {
            return "traditional character \(character); use the simplified \(simplified)"
        }
        if let script = lookAlikeScript(character) {
            return "\(script) letter \(character) looks like a digit or Chinese character but is not allowed"
        }
        return nil
    }

    /// `Latin`, `Greek` or `Cyrillic` for a letter of those scripts, else `nil`.
    private static func lookAlikeScript(_ character: Character) -> String? {
        guard character.isLetter, let scalar = character.unicodeScalars.first else { return nil }
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return "Latin"
        case 0x370...0x3FF, 0x1F00...0x1FFF: return "Greek"
        case 0x400...0x52F: return "Cyrillic"
        default: return nil
        }
    }

    private static let numeralDigits: [Character] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// The Chinese numeral for 1…99 (`一`, `十`, `十二`, `二十`, `九十九`); decimal digits otherwise.
    static func chineseNumeral(_ value: Int) -> String {
        guard (1...99).contains(value) else { return String(value) }
        let tens = value / 10
        let units = value % 10
        var text = ""
        if tens > 1 { text.append(numeralDigits[tens - 1]) }
        if tens > 0 { text.append("十") }
        if units > 0 { text.append(numeralDigits[units - 1]) }
        return text
    }

    /// The value of a Chinese numeral 一 … 九十九 written the standard way, or `nil`.
    static func chineseNumeralValue(_ text: some StringProtocol) -> Int? {
        (1...99).first { chineseNumeral($0) == text }
    }
}
