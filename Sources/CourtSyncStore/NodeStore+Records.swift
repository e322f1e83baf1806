import CourtSyncModel
import GRDB

/// Which cases to list.
public struct CaseFilter: Sendable, Hashable {
    public var courtCode: String?
    public var caseType: String?
    public var status: CaseStatus?
    public var year: Int?
    public var limit: Int
    public var offset: Int

    public init(
        courtCode: String? = nil, caseType: String? = nil, status: CaseStatus? = nil, year: Int? = nil,
        limit: Int = 50, offset: Int = 0
    ) {
        self.courtCode = courtCode
        self.caseType = caseType
        self.status = status
        self.year = year
        self.limit = limit
        self.offset = offset
    }
}

/// A case with everything under it, for `case show`.
public struct CaseDetail: Sendable, Hashable {
    public var courtCase: CourtCase
    public var parties: [Party]
    public var representations: [Representation]
    public var hearings: [Hearing]
    public var mediations: [Mediation]
    public var services: [DocumentService]
    public var fileReviews: [FileReviewRequest]
}

extension NodeStore {
    /// One record by key, or nil.
    public func fetch<R: StoredRecord>(_ type: R.Type, key: String) throws -> R? {
        guard let table = Catalog.table(named: R.table) else { throw StoreError.unknownTable(R.table) }
        return try read { db in
            try R.fetchOne(db, sql: "SELECT * FROM \(table.name) WHERE \(table.keyColumn) = ?", arguments: [key])
        }
    }

    /// Cases matching the filter, newest filing first, and how many match in all.
    public func cases(_ filter: CaseFilter) throws -> (cases: [CourtCase], total: Int) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let court = filter.courtCode {
            conditions.append("court_code = ?")
            arguments.append(court)
        }
        if let type = filter.caseType {
            conditions.append("case_type = ?")
            arguments.append(type)
        }
        if let status = filter.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let year = filter.year {
            conditions.append("filing_date >= ? AND filing_date < ?")
            arguments.append("\(year)-01-01")
            arguments.append("\(year + 1)-01-01")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            let total = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM cases \(whereClause)", arguments: StatementArguments(arguments)) ?? 0
            let page = try CourtCase.fetchAll(
                db,
                sql: "SELECT * FROM cases \(whereClause) ORDER BY filing_date DESC, case_number LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [filter.limit, filter.offset]))
            return (page, total)
        }
    }

    /// A case and the rows under it, or nil.
    public func caseDetail(_ caseNumber: String) throws -> CaseDetail? {
        try read { db in
            guard let courtCase = try CourtCase.fetchOne(
                db, sql: "SELECT * FROM cases WHERE case_number = ?", arguments: [caseNumber])
            else { return nil }
            func rows<R: StoredRecord>(_ type: R.Type, order: String) throws -> [R] {
                try R.fetchAll(
                    db, sql: "SELECT * FROM \(R.table) WHERE case_number = ? ORDER BY \(order)",
                    arguments: [caseNumber])
            }
            return CaseDetail(
                courtCase: courtCase,
                parties: try rows(Party.self, order: "id"),
                representations: try rows(Representation.self, order: "since, id"),
                hearings: try rows(Hearing.self, order: "scheduled_at"),
                mediations: try rows(Mediation.self, order: "started_on"),
                services: try rows(DocumentService.self, order: "sent_at"),
                fileReviews: try rows(FileReviewRequest.self, order: "requested_at"))
        }
    }

    /// Lawyers ordered by id, optionally those of one firm or with a name or licence containing `search`.
    public func lawyers(firmID: String? = nil, search: String? = nil, limit: Int = 50, offset: Int = 0) throws
        -> [Lawyer]
    {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let firmID {
            conditions.append("firm_id = ?")
            arguments.append(firmID)
        }
        if let search {
            conditions.append("(name LIKE ? OR licence_number LIKE ?)")
            arguments.append("%\(search)%")
            arguments.append("%\(search)%")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try Lawyer.fetchAll(
                db, sql: "SELECT * FROM lawyers \(whereClause) ORDER BY id LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [limit, offset]))
        }
    }

    /// The lawyer currently holding a licence number, or nil.
    public func lawyer(licence: String) throws -> Lawyer? {
        try read { db in
            try Lawyer.fetchOne(db, sql: "SELECT * FROM lawyers WHERE licence_number = ?", arguments: [licence])
        }
    }

    /// Row counts of every synced table, in catalog order.
    public func rowCounts() throws -> [(table: String, rows: Int)] {
        try read { db in
            try Catalog.tables.map { table in
                (table.name, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0)
            }
        }
    }
}
