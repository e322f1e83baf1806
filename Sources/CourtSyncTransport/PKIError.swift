/// Why a certificate, a private key or a TLS identity could not be made, read or used.
///
/// Names the file when there is one, says what is wrong in words an operator understands, and
/// what to do next. Never carries key material.
public struct PKIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file concerned, as the operator gave it, or `nil` when no file is involved.
    public var file: String?
    /// What is wrong.
    public var reason: String
    /// What to do about it, when there is something to say.
    public var hint: String?

    /// Creates an error about `file` (if any) with a reason and an optional hint.
    public init(file: String? = nil, _ reason: String, hint: String? = nil) {
        self.file = file
        self.reason = reason
        self.hint = hint
    }

    /// `<file>: <reason>`, or the reason alone; the hint is not included.
    public var description: String {
        file.map { "\($0): \(reason)" } ?? reason
    }
}
