import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

/// Seeded randomized convergence (STYLE 16): scenarios of 3 to 5 nodes write within their
/// authority, race on single fields, sync through feeds that duplicate, drop, replay and poison
/// pages, restart, then sync fully; afterwards every copy must equal its owner's row where the
/// holder may see it, every race must be in the owner's conflict log, and no write may be lost.
///
/// `COURTSYNC_CONVERGENCE_SCENARIOS=5000` runs more scenarios; `COURTSYNC_CONVERGENCE_SEED=n`
/// runs only scenario n (add `COURTSYNC_CONVERGENCE_TRACE=1` to print its steps).
@Suite("Randomized convergence")
struct ConvergenceTests {
    static let environment = ProcessInfo.processInfo.environment
    static let scenarios = environment["COURTSYNC_CONVERGENCE_SCENARIOS"].flatMap(Int.init) ?? 300
    static let onlySeed = environment["COURTSYNC_CONVERGENCE_SEED"].flatMap(UInt64.init)
    static let batches = 10

    @Test("nodes converge whatever the writes, races, faults and restarts", arguments: 0..<batches)
    func converges(batch: Int) async throws {
        if let seed = Self.onlySeed {
            if batch == 0 { await Self.run(seed: seed) }
            return
        }
        var stats: [String: Int] = [:]
        for scenario in stride(from: batch, to: Self.scenarios, by: Self.batches) {
            let runner = await Self.run(seed: UInt64(scenario))
            stats.merge(runner?.stats ?? [:], uniquingKeysWith: +)
        }
        if Self.environment["COURTSYNC_CONVERGENCE_STATS"] != nil {
            let counts = stats.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            print("batch \(batch): " + counts.joined(separator: ", "))
        }
    }

    @discardableResult
    static func run(seed: UInt64) async -> ScenarioRunner? {
        let runner: ScenarioRunner
        let found: [Discrepancy]
        do {
            runner = try ScenarioRunner(seed: seed)
            try await runner.run()
            found = runner.problems + (try ConvergenceCheck(runner).all())
        } catch {
            Issue.record("seed \(seed): scenario failed: \(error)")
            return nil
        }
        if environment["COURTSYNC_CONVERGENCE_TRACE"] != nil {
            print("seed \(seed):\n  " + runner.trace.joined(separator: "\n  "))
        }
        #expect(runner.quiescent, "seed \(seed): no quiescence after \(runner.finalRounds) rounds")
        let unknown = found
        let context = "nodes \(runner.fed.ids.joined(separator: ",")), \(runner.writes.count) writes, "
            + "\(runner.races.count) races"
        let listed = unknown.prefix(12).map(\.description).joined(separator: "\n")
        #expect(unknown.isEmpty, "seed \(seed): \(unknown.count) discrepancies (\(context)):\n\(listed)")
        return runner
    }
}
