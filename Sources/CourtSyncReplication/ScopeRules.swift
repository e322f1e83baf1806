import CourtSyncModel
import CourtSyncStore

/// Who may read what (shared/domain §4), derived from the catalog's sensitivity classes and the
/// reader's role from peers/ — never written per query. Pure: the feed builder supplies the facts.
///
/// | reader | registry (lawyers, law firms) | courts | rows of a case |
/// |---|---|---|---|
/// | bar | all columns | all | only cases of the serving court that are not sealed and have registered counsel of record: `public` columns of cases, representations, hearings, file-review requests; never parties, mediations or services |
/// | intermediate | all | all | cases of the serving court (a district, or the bar's file-review requests for the intermediate court's cases): every column but `sealed`-class ones, `personal` ones only while the case is before it on appeal; a sealed case only its statistics columns, no parties or representations |
/// | district | all | all | rows of the reader's own cases (appeal results written by the intermediate court, file-review requests from the bar), every column but `sealed`-class ones |
public struct ScopeRules: Sendable {
    public let server: NodeIdentity
    public let reader: PeerInfo
    public let reference: ReferenceData

    /// Columns of a sealed case the intermediate court receives: what the statistics need, no
    /// names and no details.
    public static let sealedCaseStatisticsColumns: Set<String> = [
        "case_number", "court_code", "case_type", "filing_date", "filing_channel", "stage", "status",
        "closed_date", "closing_method", "suspended_days", "time_limit_days", "sealed", "juvenile",
        "original_case_number", "appeal_result", "amount_applied", "amount_recovered",
    ]

    static let registryTables: Set<String> = ["lawyers", "law_firms"]
    static let barCaseTables: Set<String> = ["cases", "representations", "hearings", "file_review_requests"]

    public init(server: NodeIdentity, reader: PeerInfo, reference: ReferenceData = .bundled) {
        self.server = server
        self.reader = reader
        self.reference = reference
    }

    /// Whether this server serves the reader rows of cases of `court`: a court serves its own;
    /// the bar serves a court the rows of that court's cases, and the intermediate court those of
    /// its districts too (lawyers' file-review requests).
    func serves(court: String?) -> Bool {
        guard let court else { return false }
        if court == servedCourt { return true }
        return server.role == .bar && reader.role == .intermediate
            && reference.court(code: court)?.parent == reader.courtCode
    }

    /// The court whose case rows this server serves to this reader, if any.
    var servedCourt: String? {
        switch server.role {
        case .district, .intermediate:
            return server.courtCode
        case .bar:
            return reader.role == .bar ? nil : reader.courtCode
        }
    }

    /// The columns of a row the reader may see; nil when the row is not in its scope at all.
    /// `scope` describes the row's case (nil for registry rows, or when this node lacks the case).
    /// Column sets per table, by the highest class included: computed once.
    struct ColumnSets {
        let all: Set<String>
        let publicOnly: Set<String>
        let courts: Set<String>
    }

    static let columnSets: [String: ColumnSets] = Dictionary(uniqueKeysWithValues: Catalog.tables.map { table in
        (table.name, ColumnSets(
            all: Set(table.columns.filter { $0.sensitivity != .sealed }.map(\.name)),
            publicOnly: Set(table.columns.filter { $0.sensitivity == .public }.map(\.name)),
            courts: Set(table.columns.filter { $0.sensitivity == .public || $0.sensitivity == .courtInternal }.map(\.name))))
    })

    public func visibleColumns(table tableName: String, rowCourt: String?, scope: CaseScope?) -> Set<String>? {
        guard let sets = Self.columnSets[tableName] else { return nil }
        let all = sets.all
        if Self.registryTables.contains(tableName) || tableName == "courts" {
            return all
        }
        guard let rowCourt else { return nil }
        switch reader.role {
        case .district:
            return rowCourt == reader.courtCode ? all : nil
        case .bar:
            guard serves(court: rowCourt), Self.barCaseTables.contains(tableName), let scope,
                !scope.sealed, scope.hasRegisteredCounsel
            else { return nil }
            return sets.publicOnly
        case .intermediate:
            guard serves(court: rowCourt) else { return nil }
            let sealed = scope?.sealed ?? false
            if sealed {
                if tableName == "cases" { return all.intersection(Self.sealedCaseStatisticsColumns) }
                if tableName == "parties" || tableName == "representations" { return nil }
            }
            let appealed = scope?.appealed ?? false
            return appealed && !sealed ? all : sets.courts
        }
    }

    /// Whether this server serves the reader changes made at `origin`.
    public func serves(origin: String, table: String, originRole: NodeRole?) -> Bool {
        if origin == reader.nodeID { return false }
        if origin == server.nodeID { return true }
        // The registry is the same everywhere: the bar association serves every registry change it
        // holds (its own and courts' confirmed e-service addresses), and the intermediate court
        // relays them to its districts.
        guard Self.registryTables.contains(table) else { return false }
        return server.role == .bar || (server.role == .intermediate && reader.role == .district)
    }

    /// Projects fields to the visible columns.
    public static func project(_ fields: FieldSet, to columns: Set<String>) -> FieldSet {
        fields.filter { columns.contains($0.key) }
    }
}
