import Foundation

/// CSV documents as RFC 4180 describes them, for spreadsheets: UTF-8 with a byte-order mark (so
/// Excel opens Chinese text correctly), CRLF line ends, and a field quoted when it holds a comma,
/// a double quote, CR or LF (quotes inside doubled).
public enum CSVWriter {
    /// The UTF-8 byte-order mark that starts every document.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A whole document: the byte-order mark, the header line, then one line per row, each ended by CRLF.
    public static func document(headers: [String], rows: [[String]]) -> Data {
        var data = Data(byteOrderMark)
        data.append(contentsOf: Array(line(headers).utf8))
        for row in rows {
            data.append(contentsOf: Array(line(row).utf8))
        }
        return data
    }

    /// One record with its CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it needs to be.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
