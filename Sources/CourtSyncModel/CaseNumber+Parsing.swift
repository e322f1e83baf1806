extension CaseNumber {
    /// Parses a case number as typed by a clerk, emitted by a court system or found in an import file.
    ///
    /// Normalises before checking: outer white space (including U+3000) is trimmed, every character
    /// is NFKC-normalised (full-width digits become ASCII) and half-width or mixed brackets become
    /// `（）`. Refused, each with the 1-based position of the offending character in `text`:
    /// `〔〕` (document-number brackets), `【】` and `[]`, inner white space, traditional characters,
    /// look-alike Latin, Greek or Cyrillic letters, legacy pre-2016 numbers (with 字/第), years before
    /// 2016 or after `currentYear`, unknown court or type codes, a serial of 0 or with leading zeros
    /// (except `刑核`, whose serial is exactly 8 digits), ranges and lists of serials, a missing `号`
    /// and any text after `号` other than a suffix `之一` … `之九十九`.
    ///
    /// Court codes: `最高法`, or one of ``provinceAbbreviations`` followed by 0, 2 or 4 digits (read
    /// greedily). The reference data only lists some courts (the Shenzhen courts), so a code is
    /// checked against it only when the reference data lists courts with digits for the code's
    /// province: with the bundled data, `粤0304` must be listed and `粤0399` is refused, while
    /// `京0105` is accepted on its shape alone. A province abbreviation alone (a high court) is
    /// always accepted.
    ///
    /// Type codes are matched against `reference` (the longest code first: `执恢` before `执`,
    /// `民特监` before `民特`); an optional `知` before the type code is the special code.
    ///
    /// - Parameters:
    ///   - text: the case number as given.
    ///   - field: the field name for errors.
    ///   - reference: the court and case-type tables.
    ///   - currentYear: the latest acceptable year (the caller's clock, for testability).
    /// - Throws: ``ValidationError`` naming `field`, with `text` as the value.
    public static func parse(
        _ text: String, field: String = "case_number", reference: ReferenceData = .bundled, currentYear: Int
    ) throws(ValidationError) -> CaseNumber {
        var parser = Parser(NormalisedText(text), field: field, reference: reference)
        return try parser.parse(currentYear: currentYear)
    }
}

/// A one-pass reader over the normalised characters of a case number.
private struct Parser {
    let input: NormalisedText
    let field: String
    let reference: ReferenceData
    var index = 0

    init(_ input: NormalisedText, field: String, reference: ReferenceData) {
        self.input = input
        self.field = field
        self.reference = reference
    }

    var current: Character? { index < input.count ? input.characters[index] : nil }

    func error(_ reason: String, at position: Int? = nil) -> ValidationError {
        ValidationError(field: field, value: input.original, position: position.flatMap(input.position), reason: reason)
    }

    mutating func digits() -> String {
        var run = ""
        while let character = current, character.isASCIIDigit {
            run.append(character)
            index += 1
        }
        return run
    }

    mutating func parse(currentYear: Int) throws(ValidationError) -> CaseNumber {
        guard !input.isEmpty else { throw error("the case number is empty") }
        for (offset, character) in input.characters.enumerated() {
            if let reason = CaseNumber.forbiddenCharacterReason(character) { throw error(reason, at: offset) }
        }
        let year = try parseYear(currentYear: currentYear)
        let court = try parseCourt()
        let (special, type) = try parseType()
        let serial = try parseSerial(type: type)
        let suffix = try parseEnd()
        return CaseNumber(year: year, court: court, special: special, type: type, serial: serial, suffix: suffix)
    }

    mutating func parseYear(currentYear: Int) throws(ValidationError) -> Int {
        guard current == "(" else {
            throw error("a case number starts with the year in brackets, e.g. （2024）", at: index)
        }
        index += 1
        let start = index
        let text = digits()
        guard text.count == 4, let year = Int(text) else {
            throw error("the year must have 4 digits", at: start)
        }
        guard year >= 2016 else {
            throw error(
                "year \(year) is before 2016, when the current numbering rules took effect; "
                    + "older numbers are legacy identifiers", at: start)
        }
        guard year <= currentYear else {
            throw error("year \(year) is after the current year \(currentYear)", at: start)
        }
        guard current == ")" else { throw error("expected ） after the year", at: index) }
        index += 1
        return year
    }

    mutating func parseCourt() throws(ValidationError) -> String {
        let start = index
        let supreme = Array(CaseNumber.supremeCourtCode)
        if Array(input.characters.dropFirst(index).prefix(supreme.count)) == supreme {
            index += supreme.count
            return CaseNumber.supremeCourtCode
        }
        guard let province = current, CaseNumber.provinceAbbreviations.contains(province) else {
            throw error("unknown court code: expected 最高法 or a province abbreviation such as 粤", at: start)
        }
        index += 1
        let digitsStart = index
        let number = digits()
        guard [0, 2, 4].contains(number.count) else {
            throw error(
                "a court code has 2 digits (intermediate court) or 4 digits (basic court) after the province, "
                    + "not \(number.count)", at: digitsStart)
        }
        let code = String(province) + number
        if !number.isEmpty, reference.listsCourts(ofProvince: province), reference.court(code: code) == nil {
            throw error("unknown court code \(code): not in the court table (courts.tsv)", at: start)
        }
        return code
    }

    mutating func parseType() throws(ValidationError) -> (special: String?, type: String) {
        let start = index
        var run = ""
        while let character = current, !character.isASCIIDigit, character != "号" {
            run.append(character)
            index += 1
        }
        guard !run.isEmpty else { throw error("missing case type code (e.g. 民初) after the court code", at: start) }
        if reference.caseType(code: run) != nil { return (nil, run) }
        if run.first == "知", reference.caseType(code: String(run.dropFirst())) != nil {
            return ("知", String(run.dropFirst()))
        }
        let body = run.first == "知" ? String(run.dropFirst()) : run
        let bodyStart = run.first == "知" ? start + 1 : start
        guard !body.isEmpty else { throw error("missing case type code after the special code 知", at: bodyStart) }
        if let known = reference.caseTypeCodesLongestFirst.first(where: { body.hasPrefix($0) }) {
            throw error("unexpected text after the case type code \(known)", at: bodyStart + known.count)
        }
        throw error("unknown case type code \(body)", at: bodyStart)
    }

    mutating func parseSerial(type: String) throws(ValidationError) -> Int {
        let start = index
        let text = digits()
        guard !text.isEmpty else { throw error("missing serial number after the case type code", at: start) }
        if type == CaseNumber.fixedWidthSerialType {
            guard text.count == CaseNumber.fixedSerialWidth else {
                throw error("a \(type) serial number has exactly \(CaseNumber.fixedSerialWidth) digits", at: start)
            }
        } else if text.allSatisfy({ $0 == "0" }) {
            throw error("the serial number must not be 0", at: start)
        } else if text.first == "0" {
            throw error("the serial number must not start with 0", at: start)
        }
        guard let serial = Int(text) else { throw error("the serial number is too large", at: start) }
        return serial
    }

    mutating func parseEnd() throws(ValidationError) -> Int? {
        let rangeMarks: Set<Character> = ["-", "‐", "‑", "–", "—", "~", "〜", "至", "到"]
        let listMarks: Set<Character> = ["、", ",", ";", "/", "及", "和", "与"]
        guard let next = current else { throw error("missing 号 at the end") }
        if rangeMarks.contains(next) {
            throw error("a range of serial numbers names several cases; enter each case number separately", at: index)
        }
        if listMarks.contains(next) {
            throw error("a list of serial numbers names several cases; enter each case number separately", at: index)
        }
        guard next == "号" else { throw error("expected 号 after the serial number", at: index) }
        index += 1
        guard index < input.count else { return nil }
        let rest = input.characters[index...]
        guard rest.first == "之" else {
            throw error("unexpected text after 号; only a suffix 之一, 之二, … may follow", at: index)
        }
        guard let suffix = CaseNumber.chineseNumeralValue(String(rest.dropFirst())) else {
            throw error("the suffix after 号 must be 之 and a Chinese numeral 一 to 九十九", at: index)
        }
        return suffix
    }
}
