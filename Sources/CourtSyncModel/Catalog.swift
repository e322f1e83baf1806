/// One synced column: its sensitivity class, how its values are checked, and whether a full
/// record must have it.
public struct SyncColumn: Sendable, Hashable {
    public let name: String
    public let sensitivity: Sensitivity
    public let rule: FieldRule
    public let required: Bool

    init(_ name: String, _ sensitivity: Sensitivity, _ rule: FieldRule, required: Bool = false) {
        self.name = name
        self.sensitivity = sensitivity
        self.rule = rule
        self.required = required
    }
}

/// One synced table: its key column and its columns in storage order.
public struct SyncTable: Sendable, Hashable {
    public let name: String
    public let keyColumn: String
    /// Every synced column, the key first. Positions are used by the store's field-version codec.
    public let columns: [SyncColumn]
    /// Column name → position in `columns`.
    public let index: [String: Int]
    /// The column that names the case a row belongs to (nil for registry tables).
    public let caseColumn: String?

    init(_ name: String, key: String, caseColumn: String? = nil, _ columns: [SyncColumn]) {
        self.name = name
        self.keyColumn = key
        self.caseColumn = caseColumn
        self.columns = columns
        self.index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
    }

    public var columnNames: [String] { columns.map(\.name) }

    public func column(_ name: String) -> SyncColumn? { index[name].map { columns[$0] } }
}

/// The one place that says which tables and columns sync, how sensitive each column is and how
/// its values are checked. Feeds derive their projections from the sensitivity classes; every
/// entry point checks values with the rules. The store's frozen migrations create these tables
/// with literal SQL, and a test checks that database and catalog agree.
public enum Catalog {
    private static let short = FieldRule.text(maxLength: 100)
    private static let long = FieldRule.text(maxLength: 500)

    public static let tables: [SyncTable] = [
        SyncTable("courts", key: "code", [
            .init("code", .public, .courtCode, required: true), .init("name", .public, short),
            .init("level", .public, short), .init("parent", .public, .courtCode),
        ]),
        SyncTable("cases", key: "case_number", caseColumn: "case_number", [
            .init("case_number", .public, .caseNumber, required: true),
            .init("court_code", .public, .courtCode, required: true),
            .init("case_type", .public, .caseType, required: true),
            .init("cause", .public, short),
            .init("filing_date", .public, .date, required: true),
            .init("filing_channel", .courtInternal, .vocabulary(FilingChannel.self), required: true),
            .init("stage", .public, .vocabulary(CaseStage.self), required: true),
            .init("status", .public, .vocabulary(CaseStatus.self), required: true),
            .init("judge", .courtInternal, short),
            .init("closed_date", .public, .date),
            .init("closing_method", .public, .vocabulary(ClosingMethod.self)),
            .init("suspended_days", .courtInternal, .integer(0...36_500)),
            .init("time_limit_days", .courtInternal, .integer(1...36_500)),
            .init("sealed", .courtInternal, .boolean), .init("non_public", .courtInternal, .boolean),
            .init("juvenile", .courtInternal, .boolean), .init("family", .courtInternal, .boolean),
            .init("original_case_number", .courtInternal, .caseNumber),
            .init("appeal_result", .courtInternal, .vocabulary(AppealResult.self)),
            .init("amount_applied", .courtInternal, .integer(0...Int64(1e15))),
            .init("amount_recovered", .courtInternal, .integer(0...Int64(1e15))),
            .init("notes", .sealed, .text(maxLength: 4000)),
        ]),
        SyncTable("parties", key: "id", caseColumn: "case_number", [
            .init("id", .public, .identifier, required: true),
            .init("case_number", .public, .caseNumber, required: true),
            .init("side", .public, .vocabulary(PartySide.self), required: true),
            .init("kind", .public, .vocabulary(PartyKind.self), required: true),
            .init("name", .personal, short, required: true),
            .init("id_number", .personal, .text(maxLength: 30)), .init("address", .personal, long),
            .init("phone", .personal, .text(maxLength: 30)), .init("bank_account", .personal, .text(maxLength: 40)),
            .init("minor", .courtInternal, .boolean),
        ]),
        SyncTable("lawyers", key: "id", [
            .init("id", .public, .identifier, required: true), .init("name", .public, short, required: true),
            .init("licence_number", .public, .licence, required: true),
            .init("licence_status", .public, .vocabulary(LicenceStatus.self), required: true),
            .init("firm_id", .public, .identifier), .init("phone", .courtInternal, .text(maxLength: 30)),
            .init("email", .courtInternal, short), .init("e_service_address", .courtInternal, short),
            .init("previous_licences", .public, long),
        ]),
        SyncTable("law_firms", key: "id", [
            .init("id", .public, .identifier, required: true), .init("name", .public, short, required: true),
            .init("credit_code", .public, .lawFirmCreditCode, required: true),
            .init("address", .public, long), .init("phone", .public, .text(maxLength: 30)),
        ]),
        SyncTable("representations", key: "id", caseColumn: "case_number", [
            .init("id", .public, .identifier, required: true),
            .init("case_number", .public, .caseNumber, required: true),
            .init("party_id", .public, .identifier, required: true),
            .init("lawyer_id", .public, .identifier, required: true),
            .init("side", .public, .vocabulary(PartySide.self), required: true),
            .init("status", .public, .vocabulary(RepresentationStatus.self), required: true),
            .init("since", .public, .date, required: true),
        ]),
        SyncTable("hearings", key: "id", caseColumn: "case_number", [
            .init("id", .public, .identifier, required: true),
            .init("case_number", .public, .caseNumber, required: true),
            .init("scheduled_at", .public, .timestamp, required: true),
            .init("mode", .public, .vocabulary(HearingMode.self), required: true),
            .init("platform", .public, short), .init("courtroom", .public, short),
            .init("status", .public, .vocabulary(HearingStatus.self), required: true),
        ]),
        SyncTable("mediations", key: "id", caseColumn: "case_number", [
            .init("id", .courtInternal, .identifier, required: true),
            .init("case_number", .courtInternal, .caseNumber, required: true),
            .init("online", .courtInternal, .boolean), .init("platform", .courtInternal, short),
            .init("mediator", .courtInternal, short),
            .init("started_on", .courtInternal, .date, required: true),
            .init("concluded_on", .courtInternal, .date),
            .init("result", .courtInternal, .vocabulary(MediationResult.self), required: true),
        ]),
        SyncTable("services", key: "id", caseColumn: "case_number", [
            .init("id", .courtInternal, .identifier, required: true),
            .init("case_number", .courtInternal, .caseNumber, required: true),
            .init("document", .courtInternal, short, required: true),
            .init("recipient", .personal, short, required: true),
            .init("method", .courtInternal, .vocabulary(ServiceMethod.self), required: true),
            .init("address", .personal, long),
            .init("sent_at", .courtInternal, .timestamp, required: true),
            .init("delivered_at", .courtInternal, .timestamp),
        ]),
        SyncTable("file_review_requests", key: "id", caseColumn: "case_number", [
            .init("id", .public, .identifier, required: true),
            .init("case_number", .public, .caseNumber, required: true),
            .init("lawyer_id", .public, .identifier, required: true),
            .init("requested_at", .public, .timestamp, required: true),
            .init("decision", .public, .vocabulary(ReviewDecision.self), required: true),
            .init("decided_at", .public, .timestamp), .init("decided_by", .courtInternal, short),
        ]),
    ]

    static let byName: [String: SyncTable] = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })

    public static func table(named name: String) -> SyncTable? { byName[name] }
}
