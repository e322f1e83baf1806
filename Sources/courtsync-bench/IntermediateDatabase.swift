import CourtSyncModel
import CourtSyncSampleData
import CourtSyncStore
import Foundation
import GRDB

/// The 粤03 node database the statistics and lawyer-case benchmarks read: the bar's registry
/// (2,000 lawyers, 200 firms) and generated cases of three districts (30% of the cases each) and of
/// 粤03 itself (10%, appeals of those districts' cases), seed 2020, written locally with capture
/// (as an intermediate node holds them after sync: rows, field versions and change log).
///
/// Built once per case count and kept as `courtsync-bench-gd03-<cases>.sqlite` under
/// `$COURTSYNC_BENCH_DIR` (else the temporary directory); a later run reuses it.
struct IntermediateDatabase {
    static let districts = ["粤0304", "粤0305", "粤0306"]
    static let lawyers = 2_000
    static let firms = 200

    let path: String
    /// Whether this run built it (so the process's memory peak includes the build).
    let built: Bool

    static func prepare(cases: Int) throws -> IntermediateDatabase {
        let path = benchBase.appendingPathComponent("courtsync-bench-gd03-\(cases).sqlite").path
        let marker = path + ".complete"
        if FileManager.default.fileExists(atPath: marker) {
            print("reusing \(path)")
            return IntermediateDatabase(path: path, built: false)
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        print("building \(path) (\(cases) cases; kept for later runs)…")
        let elapsed = try seconds { try build(path: path, cases: cases) }
        _ = FileManager.default.createFile(atPath: marker, contents: Data())
        print(String(format: "built in %.0f s", elapsed))
        return IntermediateDatabase(path: path, built: true)
    }

    private static func build(path: String, cases: Int) throws {
        let store = try NodeStore.create(
            at: path, identity: NodeIdentity(nodeID: "gd03", role: .intermediate, courtCode: "粤03"))
        let generator = SampleGenerator(seed: 2020)
        let perDistrict = cases * 3 / 10
        let own = cases - perDistrict * districts.count
        // Written in transactions of about 200,000 rows, so the WAL stays small.
        var batch: [(table: String, row: FieldSet)] = []
        batch.reserveCapacity(200_000)
        func flush() throws {
            try store.write { w in for item in batch { try w.insert(into: item.table, item.row) } }
            batch.removeAll(keepingCapacity: true)
        }
        let emit: (SampleRecord) throws -> Void = { record in
            batch.append((record.table, try record.fieldSet))
            if batch.count >= 200_000 { try flush() }
        }
        try generator.registry(lawyers: lawyers, firms: firms, emit: emit)
        for court in districts {
            let elapsed = try seconds {
                try generator.court(code: court, cases: perDistrict, registryLawyers: lawyers, emit: emit)
            }
            print("  \(court): \(perDistrict) cases, " + String(format: "%.0f s", elapsed))
        }
        let elapsed = try seconds {
            try generator.court(
                code: "粤03", cases: own, registryLawyers: lawyers, districtCases: perDistrict, emit: emit)
            try flush()
        }
        print(String(format: "  粤03: %d cases, %.0f s", own, elapsed))
        for (table, rows) in try store.rowCounts() where rows > 0 { print("  \(table): \(rows) rows") }
    }

    /// A read-only connection for the benchmarks' own SQL (baselines, picking lawyers), separate
    /// from the store's pool.
    func readOnlyQueue() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
