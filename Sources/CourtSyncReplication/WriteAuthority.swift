import CourtSyncModel

/// Who may write what (DESIGN.md §5): checked on every local write and every applied change.
///
/// - A district writes only rows of its own court's cases (and its own court row), plus the
///   e-service address it confirmed for a lawyer.
/// - The intermediate court writes its own cases and, on its districts' cases, only the appeal
///   fields; plus lawyers' e-service addresses like any court.
/// - The bar association writes the lawyer and law-firm registry and lawyers' file-review
///   requests (not the judge's decision fields).
public struct WriteAuthority: Sendable {
    public let writer: NodeIdentity
    public let reference: ReferenceData

    /// Columns of a district's case the intermediate court may write.
    public static let appealColumns: Set<String> = ["appeal_result"]
    /// Columns of a lawyer any court may write (an address confirmed at the court).
    public static let courtLawyerColumns: Set<String> = ["e_service_address"]
    /// Columns of a file-review request that only the deciding court writes.
    public static let decisionColumns: Set<String> = ["decided_at", "decided_by"]
    /// Decisions the bar association may write on a lawyer's behalf.
    public static let lawyerDecisions: Set<String> = [ReviewDecision.pending.rawValue, ReviewDecision.withdrawn.rawValue]

    public init(writer: NodeIdentity, reference: ReferenceData = .bundled) {
        self.writer = writer
        self.reference = reference
    }

    /// Nil when `writer` may write these columns of this row; otherwise the reason it may not.
    /// `rowCourt` is the court code of the case the row belongs to (or the court row's code).
    public func refusal(
        table: String, rowCourt: String?, columns: some Collection<String>, fields: FieldSet = [:]
    ) -> String? {
        let registry = table == "lawyers" || table == "law_firms"
        switch writer.role {
        case .bar:
            if registry { return nil }
            if table == "file_review_requests" {
                // A request filed by a lawyer carries the decision fields empty; only a value is a decision.
                let forbidden = columns.filter { Self.decisionColumns.contains($0) && (fields[$0] ?? .text("")) != .null }
                if !forbidden.isEmpty {
                    return "only the court decides a file-review request (\(forbidden.sorted().joined(separator: ", ")))"
                }
                if columns.contains("decision"), let decision = fields["decision"]?.textValue,
                    !Self.lawyerDecisions.contains(decision)
                {
                    return "a lawyer may only file or withdraw a file-review request, not set it to \(decision)"
                }
                return nil
            }
            return "the bar association writes only the lawyer registry and file-review requests, not \(table)"
        case .district, .intermediate:
            guard let own = writer.courtCode else { return "this court node has no court code" }
            if table == "lawyers" {
                let forbidden = columns.filter { !Self.courtLawyerColumns.contains($0) && $0 != "id" }
                return forbidden.isEmpty ? nil : "the lawyer registry is owned by the bar association; a court may only record a confirmed e_service_address"
            }
            if registry { return "the law-firm registry is owned by the bar association" }
            guard let rowCourt else { return "the row names no court" }
            if rowCourt == own { return nil }
            if writer.role == .intermediate, table == "cases",
                reference.court(code: rowCourt)?.parent == own
            {
                let forbidden = columns.filter { !Self.appealColumns.contains($0) && $0 != "case_number" }
                return forbidden.isEmpty ? nil : "on a district's case the intermediate court writes only \(Self.appealColumns.sorted().joined(separator: ", "))"
            }
            return "\(rowCourt)'s rows belong to that court; this node (\(writer.nodeID)) writes only \(own)'s"
        }
    }

    /// The court a row belongs to, from its key or its case number.
    public static func rowCourt(table: SyncTable, key: String, fields: FieldSet, existingCaseNumber: String? = nil) -> String? {
        if table.name == "courts" { return key }
        guard let caseColumn = table.caseColumn else { return nil }
        let number = table.keyColumn == caseColumn ? key : (fields[caseColumn]?.textValue ?? existingCaseNumber)
        guard let number else { return nil }
        return courtCode(ofCaseNumber: number)
    }

    /// The court code inside a canonical case number: between `）` and the type code.
    public static func courtCode(ofCaseNumber number: String) -> String? {
        guard let close = number.firstIndex(of: "）") else { return nil }
        var court = ""
        for ch in number[number.index(after: close)...] {
            if court.isEmpty || ch.isASCII && ch.isNumber { court.append(ch) } else { break }
        }
        if number[number.index(after: close)...].hasPrefix(CaseNumber.supremeCourtCode) { return CaseNumber.supremeCourtCode }
        return court.isEmpty ? nil : court
    }
}
