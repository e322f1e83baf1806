import GRDB

/// `EXPLAIN QUERY PLAN` of a statement as SQLite's shell prints it: the detail lines, indented two
/// spaces per level. Benchmarks and tests use it to show that a query searches an index.
func queryPlan(_ db: Database, sql: String, arguments: StatementArguments) throws -> [String] {
    let rows = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
    var depth: [Int: Int] = [0: -1]
    return rows.map { row in
        let level = (depth[row["parent"] as Int? ?? 0] ?? -1) + 1
        depth[row["id"] as Int? ?? 0] = level
        return String(repeating: "  ", count: level) + (row["detail"] as String? ?? "")
    }
}
