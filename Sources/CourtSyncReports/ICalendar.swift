import Foundation

/// Writing iCalendar (RFC 5545) text: content lines, TEXT escaping, line folding and the
/// Asia/Shanghai time zone.
///
/// Build a document from unfolded content lines with ``contentLine(_:parameters:value:)`` and
/// ``document(_:)``: every line is folded to at most 75 octets and ended with CRLF.
public enum ICalendar {
    /// The longest line in octets, without its CRLF (RFC 5545 §3.1).
    public static let maximumLineOctets = 75

    /// The time-zone id used in `DTSTART;TZID=…`.
    public static let chinaTimeZoneID = "Asia/Shanghai"

    /// A VTIMEZONE for Asia/Shanghai as used today: UTC+08:00 all year, no daylight saving.
    public static let chinaTimeZone: [String] = [
        "BEGIN:VTIMEZONE",
        "TZID:\(chinaTimeZoneID)",
        "X-LIC-LOCATION:\(chinaTimeZoneID)",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800",
        "TZNAME:CST",
        "DTSTART:19700101T000000",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline (CRLF,
    /// CR or LF each become `\n`).
    public static func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var pendingCR = false
        while let scalar = scalars.next() {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r":
                out += "\\n"
                pendingCR = true
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One unfolded content line: `NAME;PARAM=value:VALUE`. `value` is written as given, so
    /// escape TEXT values with ``escapeText(_:)`` first.
    public static func contentLine(_ name: String, parameters: [(String, String)] = [], value: String) -> String {
        var line = name
        for (parameter, parameterValue) in parameters { line += ";\(parameter)=\(parameterValue)" }
        return line + ":" + value
    }

    /// Splits a content line into physical lines of at most ``maximumLineOctets`` octets, the
    /// second and later starting with the one space that unfolding removes (RFC 5545 §3.1).
    /// Splits only between Unicode scalars, never inside a UTF-8 sequence.
    public static func fold(_ line: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > maximumLineOctets {
                lines.append(current)
                current = " "
                octets = 1
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        lines.append(current)
        return lines
    }

    /// Undoes ``fold(_:)`` on a whole document: removes every CRLF followed by a space or tab.
    public static func unfold(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 2 < bytes.count, bytes[i + 1] == 0x0A,
                bytes[i + 2] == 0x20 || bytes[i + 2] == 0x09
            {
                i += 3
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A document from unfolded content lines: each folded, each physical line ended by CRLF.
    public static func document(_ lines: [String]) -> String {
        lines.flatMap(fold).map { $0 + "\r\n" }.joined()
    }
}
