/// Escaping for text placed in HTML or SVG (element content and quoted attribute values).
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// A small SVG builder: elements are added with their attributes (escaped here), and
/// ``render(label:)`` wraps them in an accessible `<svg>` with a viewBox so it scales.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var parts: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Adds `<name attributes>content</name>`; `content` is text and is escaped.
    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil, title: String? = nil) {
        let attributeText = attributes.map { " \($0.0)=\"\(HTMLText.escape($0.1))\"" }.joined()
        var inner = title.map { "<title>\(HTMLText.escape($0))</title>" } ?? ""
        if let text { inner += HTMLText.escape(text) }
        parts.append(inner.isEmpty ? "<\(name)\(attributeText)/>" : "<\(name)\(attributeText)>\(inner)</\(name)>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1) {
        element("line", [("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2)), ("stroke", stroke),
                         ("stroke-width", n(width))])
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil) {
        element("rect", [("x", n(x)), ("y", n(y)), ("width", n(max(0, w))), ("height", n(max(0, h))), ("fill", fill)],
                title: title)
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        element("polyline", [("points", points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")),
                             ("fill", "none"), ("stroke", stroke), ("stroke-width", n(width)),
                             ("stroke-linejoin", "round")])
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, title: String? = nil) {
        element("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(radius)), ("fill", fill)], title: title)
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ text: String, _ x: Double, _ y: Double, anchor: Anchor = .start, size: Double = 12,
        fill: String = "#333", rotate: Double? = nil, bold: Bool = false
    ) {
        var attributes = [("x", n(x)), ("y", n(y)), ("text-anchor", anchor.rawValue), ("font-size", n(size)),
                          ("fill", fill)]
        if bold { attributes.append(("font-weight", "bold")) }
        if let rotate { attributes.append(("transform", "rotate(\(n(rotate)) \(n(x)) \(n(y)))")) }
        element("text", attributes, text: text)
    }

    /// A legend row of coloured squares and names starting at (x, y).
    mutating func legend(_ entries: [(name: String, color: String)], x: Double, y: Double) {
        var cursor = x
        for entry in entries {
            rect(cursor, y - 10, 12, 12, fill: entry.color)
            text(entry.name, cursor + 16, y, size: 12)
            cursor += 16 + Double(TextTable.displayWidth(entry.name)) * 7 + 18
        }
    }

    /// The `<svg>` element with an accessible label.
    func render(label: String) -> String {
        // Inline in HTML5: no xmlns needed (and no URL in the document).
        "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape(label))\"><title>\(HTMLText.escape(label))</title>"
            + parts.joined() + "</svg>"
    }

    /// A coordinate with at most one decimal.
    private func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Up to `count` round tick values from 0 to at least `maximum`.
    static func ticks(maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let raw = maximum / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var values: [Double] = []
        var value = 0.0
        while value < maximum + step / 2 {
            values.append(value)
            if value >= maximum { break }
            value += step
        }
        return values
    }
}
