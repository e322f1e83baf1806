/// Checks and normalises rows of synced tables at the entry points.
extension SyncTable {
    /// Checks every given field with its rule and returns the normalised fields and warnings.
    /// With `partial: false` (a whole new row), required columns must be present and derivable
    /// columns (a case's court and type) are filled in from the key.
    public func normalise(
        _ fields: FieldSet, partial: Bool, context: ValidationContext, cache: NormalisationCache? = nil
    ) throws(ValidationError) -> (fields: FieldSet, warnings: [String]) {
        var result = FieldSet(minimumCapacity: fields.count)
        var warnings: [String] = []
        for (name, value) in fields {
            guard let column = column(name) else {
                throw ValidationError(
                    field: name, value: name,
                    reason: "unknown column of \(self.name) (columns: \(columnNames.joined(separator: ", ")))")
            }
            if let cache {
                result[name] = try cache.normalise(value, rule: column.rule, field: name, context: context)
                continue
            }
            let (normalised, columnWarnings) = try column.rule.normalise(
                value, field: name, context: context)
            result[name] = normalised
            warnings += columnWarnings
        }
        if name == "cases", !partial, case .text(let text)? = result["case_number"] {
            let number = try CaseNumber.parse(text, reference: context.reference, currentYear: context.currentYear)
            if result["court_code"] == nil, !partial { result["court_code"] = .text(number.court) }
            if result["case_type"] == nil, !partial { result["case_type"] = .text(number.typeWithSpecial) }
        }
        if !partial {
            // Columns the model never leaves empty get their default when a full row omits them.
            for column in columns where column.rule == .boolean && (result[column.name] ?? .null) == .null {
                result[column.name] = .integer(0)
            }
            if name == "cases", (result["suspended_days"] ?? .null) == .null { result["suspended_days"] = .integer(0) }
            for column in columns where column.required && (result[column.name] ?? .null) == .null {
                throw ValidationError(field: column.name, value: "", reason: "required")
            }
        }
        return (result, warnings)
    }

    /// Checks rules that span fields of a whole row (dates in order, a closed case has a closing
    /// date, a case's court and type agree with its number…).
    public func checkRecord(_ row: FieldSet, context: ValidationContext) throws(ValidationError) {
        func text(_ column: String) -> String? { row[column]?.textValue }
        func ordered(_ earlier: String, _ later: String) throws(ValidationError) {
            if let a = text(earlier), let b = text(later), b < a {
                throw ValidationError(field: later, value: b, reason: "is before \(earlier) \(a)")
            }
        }
        switch name {
        case "cases":
            guard let numberText = text("case_number") else { return }
            let number = try CaseNumber.parse(numberText, reference: context.reference, currentYear: context.currentYear)
            if let court = text("court_code"), court != number.court {
                throw ValidationError(
                    field: "court_code", value: court, reason: "does not match the case number's court \(number.court)")
            }
            if let type = text("case_type"), type != number.typeWithSpecial {
                throw ValidationError(
                    field: "case_type", value: type,
                    reason: "does not match the case number's type \(number.typeWithSpecial)")
            }
            if let filed = text("filing_date"), filed.prefix(4) != String(number.year) {
                throw ValidationError(
                    field: "filing_date", value: filed,
                    reason: "a case numbered in \(number.year) was received in \(number.year)")
            }
            try ordered("filing_date", "closed_date")
            if text("status") == CaseStatus.closed.rawValue, text("closed_date") == nil || text("closing_method") == nil {
                throw ValidationError(
                    field: "status", value: "closed", reason: "a closed case needs closed_date and closing_method")
            }
            if text("status") != CaseStatus.closed.rawValue, let closed = text("closed_date") {
                throw ValidationError(field: "closed_date", value: closed, reason: "set only when status is closed")
            }
            if let applied = row["amount_applied"]?.intValue, let recovered = row["amount_recovered"]?.intValue,
                recovered > applied
            {
                throw ValidationError(
                    field: "amount_recovered", value: String(recovered),
                    reason: "more than amount_applied \(applied)")
            }
        case "mediations":
            try ordered("started_on", "concluded_on")
        case "services":
            try ordered("sent_at", "delivered_at")
        case "file_review_requests":
            try ordered("requested_at", "decided_at")
            if text("decision") == ReviewDecision.pending.rawValue, let decided = text("decided_at") {
                throw ValidationError(field: "decided_at", value: decided, reason: "a pending request has no decision time")
            }
        default:
            break
        }
    }
}

/// Remembers values already checked, for a batch whose rows repeat them (a case number appears in
/// every row under the case). Not thread-safe: one per batch.
public final class NormalisationCache {
    fileprivate var values: [CacheKey: FieldValue] = [:]
    private let capacity: Int

    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    fileprivate func store(_ key: CacheKey, _ value: FieldValue) {
        if values.count >= capacity { values.removeAll(keepingCapacity: true) }
        values[key] = value
    }

    /// A value checked by its rule, remembered for next time. Values that only pass with a
    /// warning are not cached (and their warnings not reported: this is for the wire).
    public func normalise(
        _ value: FieldValue, rule: FieldRule, field: String, context: ValidationContext
    ) throws(ValidationError) -> FieldValue {
        guard case .text(let text) = value else { return try rule.normalise(value, field: field, context: context).0 }
        if let fast = FieldRule.fastCanonical(rule, text, context) { return fast }
        let key = CacheKey(rule: rule, text: text)
        if let known = values[key] { return known }
        let (normalised, warnings) = try rule.normalise(value, field: field, context: context)
        if warnings.isEmpty { store(key, normalised) }
        return normalised
    }
}

fileprivate struct CacheKey: Hashable {
    let rule: FieldRule
    let text: String
}
