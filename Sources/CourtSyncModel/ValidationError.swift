/// Why a value from outside (CLI, import file, wire) was refused.
///
/// Names the field, where in the value the problem is (a 1-based character position when
/// one applies) and the reason. The value itself is kept so a clerk can see what was typed,
/// but callers that log errors must not log it (it may be personal data): use
/// ``description`` for people and ``field``/``reason`` for logs.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field that was refused, e.g. `case_number` or `lawyers.licence_number`.
    public var field: String
    /// The value as it was given.
    public var value: String
    /// 1-based position of the first offending character in `value`, when one applies.
    public var position: Int?
    /// What is wrong, in words a clerk understands.
    public var reason: String

    public init(field: String, value: String, position: Int? = nil, reason: String) {
        self.field = field
        self.value = value
        self.position = position
        self.reason = reason
    }

    public var description: String {
        if let position {
            return "\(field): \"\(value)\" at character \(position): \(reason)"
        }
        return "\(field): \"\(value)\": \(reason)"
    }

    /// The same error reported for another field name (e.g. a column of an import file).
    public func renamed(_ field: String) -> ValidationError {
        var copy = self
        copy.field = field
        return copy
    }
}
