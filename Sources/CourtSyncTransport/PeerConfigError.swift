/// Why a file in `peers/` was refused: the file, the field and the reason, as
/// `peers/gd0305.yaml: url: the URL must start with https://`.
public struct PeerConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as `<directory name>/<file name>`, e.g. `peers/gd0305.yaml`.
    public var file: String
    /// The field (key) concerned, e.g. `url` or `certificates[2].serial`; `nil` for the file as a whole.
    public var field: String?
    /// What is wrong, in words an operator understands.
    public var reason: String
    /// The 1-based line in the file, when known.
    public var line: Int?

    /// Creates an error about `file`, optionally one field and line.
    public init(file: String, field: String? = nil, reason: String, line: Int? = nil) {
        self.file = file
        self.field = field
        self.reason = reason
        self.line = line
    }

    /// `<file>: <field>: <reason> (line N)`.
    public var description: String {
        var text = file
        if let field { text += ": \(field)" }
        text += ": \(reason)"
        if let line { text += " (line \(line))" }
        return text
    }
}
