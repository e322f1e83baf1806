import CourtSyncModel
import GRDB

extension NodeStore {
    /// Rows of a synced table, or of those matching `condition` (an SQL expression over the
    /// table's columns written by the caller, never by a user).
    public func count(_ tableName: String, where condition: String? = nil) throws -> Int {
        guard let table = Catalog.table(named: tableName) else { throw StoreError.unknownTable(tableName) }
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)" + (condition.map { " WHERE \($0)" } ?? "")) ?? 0
        }
    }

    /// For each lawyer counsel of record somewhere in this database: the number of cases (only
    /// those not closed when `pendingOnly`).
    public func lawyerCaseCounts(pendingOnly: Bool = false) throws -> [String: Int] {
        try countsByKey(
            sql: """
                SELECT r.lawyer_id, count(DISTINCT r.case_number) FROM representations r
                JOIN cases c ON c.case_number = r.case_number
                WHERE r.status = 'active' AND r.lawyer_id IS NOT NULL
                \(pendingOnly ? "AND c.status <> 'closed'" : "") GROUP BY r.lawyer_id
                """)
    }

    /// For each lawyer of the registry held here who is counsel of record: the hearings still
    /// scheduled at or after `time` (ISO 8601 with the +08:00 offset hearings are stored with) in
    /// cases that are not sealed.
    public func upcomingHearingCounts(after time: String) throws -> [String: Int] {
        try countsByKey(
            sql: """
                SELECT r.lawyer_id, count(DISTINCT h.id) FROM representations r
                JOIN cases c ON c.case_number = r.case_number
                JOIN hearings h ON h.case_number = r.case_number
                WHERE r.status = 'active' AND c.sealed = 0 AND h.status = 'scheduled' AND h.scheduled_at >= ?
                GROUP BY r.lawyer_id
                """,
            arguments: [time])
    }

    /// A two-column query (key, count) as a dictionary.
    private func countsByKey(sql: String, arguments: StatementArguments = []) throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { counts[row[0]] = row[1] }
            return counts
        }
    }
}
