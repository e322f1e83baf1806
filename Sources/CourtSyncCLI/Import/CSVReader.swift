/// RFC 4180 CSV on top of ``LineReader``: quoted fields may hold commas, doubled quotes and line
/// breaks. Written here rather than taken from a CSV package because import errors must name the
/// physical line a record starts on, which the available CSV packages do not report.
final class CSVReader {
    private let lines: LineReader

    init(_ lines: LineReader) {
        self.lines = lines
    }

    /// The next record and the line it starts on, or nil at the end. Blank lines are skipped.
    func next() throws -> (line: Int, fields: [String])? {
        guard var text = try lines.next() else { return nil }
        while text.isEmpty {
            guard let more = try lines.next() else { return nil }
            text = more
        }
        let start = lines.lineNumber
        var fields: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        while true {
            var chars = text.makeIterator()
            while let ch = chars.next() {
                if quoted {
                    if ch == "\"" {
                        quoted = false
                        afterQuote = true
                    } else {
                        field.append(ch)
                    }
                } else if ch == "\"" {
                    if afterQuote {
                        field.append("\"")
                        quoted = true
                        afterQuote = false
                    } else if field.isEmpty {
                        quoted = true
                    } else {
                        throw ImportRowError(line: start, message: "a quote inside an unquoted field (quote the whole field)")
                    }
                } else if ch == "," {
                    fields.append(field)
                    field = ""
                    afterQuote = false
                } else {
                    if afterQuote {
                        throw ImportRowError(line: start, message: "text after a closing quote")
                    }
                    field.append(ch)
                }
            }
            guard quoted else { break }
            guard let more = try lines.next() else {
                throw ImportRowError(line: start, message: "a quoted field is not closed before the end of the file")
            }
            field.append("\n")
            text = more
        }
        fields.append(field)
        return (start, fields)
    }
}
