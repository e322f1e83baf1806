import Foundation

extension ReferenceData {
    /// Reads `courts.tsv` and `case_types.tsv`.
    ///
    /// - Parameter directory: a directory holding corrected copies of both files (operators can fix
    ///   inferred codes without a release), or `nil` for the copies bundled with this module.
    /// - Throws: the file system's error when a file cannot be read, or a ``ValidationError`` whose
    ///   field names the file and line (`courts.tsv:5: level`) when a line is malformed: wrong column
    ///   count, an empty required cell, an unknown level, a court code that cannot appear in a case
    ///   number, a duplicate code or node id, or a parent that is not listed.
    public static func load(directory: URL?) throws -> ReferenceData {
        let courtsText = try readFile("courts", directory: directory)
        let caseTypesText = try readFile("case_types", directory: directory)
        let courts = try parseCourts(courtsText, fileName: "courts.tsv")
        let caseTypes = try parseCaseTypes(caseTypesText, fileName: "case_types.tsv")
        return ReferenceData(courts: courts, caseTypes: caseTypes)
    }

    private static func readFile(_ name: String, directory: URL?) throws -> String {
        let url: URL
        if let directory {
            url = directory.appendingPathComponent("\(name).tsv")
        } else if let bundled = Bundle.module.url(forResource: name, withExtension: "tsv") {
            url = bundled
        } else {
            throw ValidationError(field: "\(name).tsv", value: "", reason: "missing from the module bundle")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Splits a TSV file into (line number, cells) rows, checking the header. Empty lines are skipped.
    static func rows(of text: String, fileName: String, header: [String]) throws(ValidationError) -> [(Int, [String])] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        guard let headerLine = lines.first, cells(of: headerLine) == header else {
            throw ValidationError(
                field: "\(fileName):1", value: lines.first ?? "",
                reason: "expected the header \(header.joined(separator: " <tab> "))")
        }
        var rows: [(Int, [String])] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
            let row = cells(of: line)
            guard row.count == header.count else {
                throw ValidationError(
                    field: "\(fileName):\(index + 1)", value: line,
                    reason: "expected \(header.count) tab-separated columns, found \(row.count)")
            }
            rows.append((index + 1, row))
        }
        return rows
    }

    private static func cells(of line: String) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    static func parseCourts(_ text: String, fileName: String) throws(ValidationError) -> [Court] {
        let header = ["code", "name", "level", "parent", "node_id", "confidence"]
        var courts: [Court] = []
        var lineOfCode: [String: Int] = [:]
        var nodeIDs: Set<String> = []
        for (line, cells) in try rows(of: text, fileName: fileName, header: header) {
            func fail(_ column: String, _ reason: String) -> ValidationError {
                ValidationError(
                    field: "\(fileName):\(line): \(column)", value: cells.joined(separator: "\t"), reason: reason)
            }
            for (column, cell) in zip(header, cells) where column != "parent" && cell.isEmpty {
                throw fail(column, "must not be empty")
            }
            let code = cells[0]
            guard CaseNumber.isWellFormedCourtCode(code) else {
                throw fail(
                    "code", "\(code) is not a court code (最高法, or a province abbreviation with 0, 2 or 4 digits)")
            }
            guard lineOfCode[code] == nil else { throw fail("code", "\(code) is listed twice") }
            guard let level = Court.Level(rawValue: cells[2]) else {
                let levels = Court.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("level", "unknown level \(cells[2]); expected one of \(levels)")
            }
            let nodeID = cells[4]
            guard nodeID.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw fail("node_id", "\(nodeID) must be lower-case ASCII letters, digits or -")
            }
            guard nodeIDs.insert(nodeID).inserted else { throw fail("node_id", "\(nodeID) is listed twice") }
            lineOfCode[code] = line
            courts.append(
                Court(
                    code: code, name: cells[1], level: level, parent: cells[3].isEmpty ? nil : cells[3],
                    nodeID: nodeID, confidence: cells[5]))
        }
        for court in courts {
            if let parent = court.parent, lineOfCode[parent] == nil {
                throw ValidationError(
                    field: "\(fileName):\(lineOfCode[court.code] ?? 0): parent", value: parent,
                    reason: "parent court \(parent) is not listed")
            }
        }
        return courts
    }

    static func parseCaseTypes(_ text: String, fileName: String) throws(ValidationError) -> [CaseType] {
        let header = ["code", "std_code", "meaning", "category", "stage"]
        var caseTypes: [CaseType] = []
        var codes: Set<String> = []
        for (line, cells) in try rows(of: text, fileName: fileName, header: header) {
            func fail(_ column: String, _ reason: String) -> ValidationError {
                ValidationError(
                    field: "\(fileName):\(line): \(column)", value: cells.joined(separator: "\t"), reason: reason)
            }
            for (column, cell) in zip(header, cells) where cell.isEmpty {
                throw fail(column, "must not be empty")
            }
            let code = cells[0]
            guard code.allSatisfy({ !$0.isASCII && !$0.isWhitespace && !$0.isNumber }), code.first != "知" else {
                throw fail("code", "\(code) must be Chinese characters only and must not start with the special code 知")
            }
            guard codes.insert(code).inserted else { throw fail("code", "\(code) is listed twice") }
            guard cells[1].count == 4, cells[1].allSatisfy(\.isASCIIDigit) else {
                throw fail("std_code", "\(cells[1]) must be 4 digits")
            }
            caseTypes.append(
                CaseType(code: code, standardCode: cells[1], meaning: cells[2], category: cells[3], stage: cells[4]))
        }
        return caseTypes
    }
}
