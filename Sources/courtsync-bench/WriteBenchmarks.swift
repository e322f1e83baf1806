// Local write benchmarks: capture cost (issue 2) and applying changes with conflicts (issue 4).
import CourtSyncModel
import CourtSyncSampleData
import CourtSyncStore
import Foundation

/// Local write throughput with capture against the same writes with capture switched off.
func captureBenchmark(cases: Int, rounds: Int) throws {
    print("generating \(cases) cases (seed 2020)…")
    var rows: [FieldSet] = []
    rows.reserveCapacity(cases)
    try SampleGenerator(seed: 2020).court(code: "粤0304", cases: cases, registryLawyers: 0) { record in
        if case .courtCase(let c) = record { rows.append(try c.fieldSet) }
    }
    let updates: [(String, FieldSet)] = rows.map { row in
        (row["case_number"]!.textValue!, ["stage": .text("archived"), "judge": .text("复核法官")])
    }
    let base = benchBase
    let directory = base.appendingPathComponent("courtsync-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    var insert: [Bool: [Double]] = [true: [], false: []]
    var update: [Bool: [Double]] = [true: [], false: []]
    for round in 0..<rounds {
        // Alternate which variant goes first, so drift in machine load hits both alike.
        for capture in round % 2 == 0 ? [false, true] : [true, false] {
            let path = directory.appendingPathComponent("r\(round)-\(capture).sqlite").path
            let store = try NodeStore.create(
                at: path, identity: NodeIdentity(nodeID: "gd0304", role: .district, courtCode: "粤0304"))
            insert[capture]!.append(try seconds {
                try store.write(capture: capture) { w in for row in rows { try w.insert(into: "cases", row) } }
            })
            update[capture]!.append(try seconds {
                try store.write(capture: capture) { w in for (key, fields) in updates { try w.update("cases", key: key, fields) } }
            })
        }
    }
    func report(_ name: String, _ times: [Bool: [Double]]) {
        let plain = median(times[false]!)
        let captured = median(times[true]!)
        // Each round measures both variants back to back: the median of the per-round ratios is
        // steadier than the ratio of medians when the machine's load drifts.
        let ratios = zip(times[true]!, times[false]!).map { $0 / $1 }
        let rate = { (t: Double) in String(format: "%7.0f rows/s", Double(cases) / t) }
        print("\(name)  plain \(rate(plain))   with capture \(rate(captured))   "
            + "ratio \(String(format: "%.2f", median(ratios)))× (rounds: "
            + ratios.map { String(format: "%.2f", $0) }.joined(separator: " ") + ")")
    }
    print("\(cases) cases, \(rounds) rounds; one transaction per variant, WAL, synchronous=NORMAL")
    report("insert", insert)
    report("update", update)
}

/// Applying remote changes of which 10% conflict with local writes, against the same changes
/// with none conflicting (issue 4).
func applyBenchmark(cases: Int, rounds: Int) throws {
    print("generating \(cases) cases (seed 2020)…")
    var rows: [FieldSet] = []
    try SampleGenerator(seed: 2020).court(code: "粤0304", cases: cases, registryLawyers: 0) { record in
        if case .courtCase(let c) = record { rows.append(try c.fieldSet) }
    }
    let base = benchBase
    let directory = base.appendingPathComponent("courtsync-bench-apply-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // The origin: every case inserted, then one field updated on every case.
    let origin = try NodeStore.create(
        at: directory.appendingPathComponent("origin.sqlite").path,
        identity: NodeIdentity(nodeID: "gd0304", role: .district, courtCode: "粤0304"))
    try origin.write { w in for row in rows { try w.insert(into: "cases", row) } }
    let inserts = try origin.changes(ChangeFilter(limit: cases + 10)).map(\.change)
    try origin.write { w in for row in rows { try w.update("cases", key: row["case_number"]!.textValue!, ["judge": .text("二审法官")]) } }
    let updates = try origin.changes(ChangeFilter(after: Int64(inserts.count), limit: cases + 10)).map(\.change)
    var times: [Bool: [Double]] = [true: [], false: []]
    for round in 0..<rounds {
        for conflicting in round % 2 == 0 ? [false, true] : [true, false] {
            let target = try NodeStore.create(
                at: directory.appendingPathComponent("t\(round)-\(conflicting).sqlite").path,
                identity: NodeIdentity(nodeID: "gd03", role: .intermediate, courtCode: "粤03"))
            try target.write { w in for c in inserts { try w.apply(c) } }
            if conflicting {
                // Every tenth case gets a concurrent local write to the same field.
                try target.write { w in
                    for row in rows.enumerated() where row.offset % 10 == 0 {
                        try w.update("cases", key: row.element["case_number"]!.textValue!, ["judge": .text("并发法官")])
                    }
                }
            }
            var recorded = 0
            times[conflicting]!.append(try seconds {
                recorded = try target.write { w in
                    for c in updates { try w.apply(c) }
                    return w.conflictsRecorded
                }
            })
            if conflicting, recorded != cases / 10 + (cases % 10 == 0 ? 0 : 1) {
                fail("expected \(cases / 10) conflicts, recorded \(recorded)")
            }
        }
    }
    let ratios = zip(times[true]!, times[false]!).map { $0 / $1 }
    let rate = { (t: Double) in String(format: "%7.0f changes/s", Double(updates.count) / t) }
    print("\(updates.count) changes applied in one transaction, \(rounds) rounds")
    print("apply  none conflicting \(rate(median(times[false]!)))   10% conflicting \(rate(median(times[true]!)))   "
        + "ratio \(String(format: "%.2f", median(ratios)))× (rounds: "
        + ratios.map { String(format: "%.2f", $0) }.joined(separator: " ") + ")")
}

