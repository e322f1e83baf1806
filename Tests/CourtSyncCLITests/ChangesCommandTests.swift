import CourtSyncTestSupport
import Foundation
import Synchronization
import Testing

@Suite("courtsync changes")
struct ChangesCommandTests {
    @Test("changes --format json: origin is the node id, origin_seq counts 1, 2, 3…, op per write")
    func originAndSequence() throws {
        let node = try CLINode.district("gd0304-test")
        try node.addCase("(2024)粤0304民初1号")
        try node.addCase("(2024)粤0304民初2号")
        let updated = try node.run("case", "update", "(2024)粤0304民初1号", "--stage", "trial")
        try #require(updated.succeeded, "\(updated)")

        let lines = try node.changes()
        try #require(lines.count == 4)
        #expect(lines.map { change($0)["origin"] as? String } == Array(repeating: "gd0304-test", count: 4))
        #expect(lines.map { change($0)["origin_seq"] as? Int } == [1, 2, 3, 4])
        #expect(lines.map { change($0)["op"] as? String } == ["insert", "insert", "insert", "update"])
        #expect(lines.map { change($0)["table"] as? String } == ["courts", "cases", "cases", "cases"])
        #expect(lines.map { change($0)["key"] as? String }
            == ["粤0304", "（2024）粤0304民初1号", "（2024）粤0304民初2号", "（2024）粤0304民初1号"])
        #expect(lines.map { $0["position"] as? Int } == [1, 2, 3, 4])
        #expect(lines.allSatisfy { $0["local"] as? Bool == true })
        let hlcs = lines.compactMap { change($0)["hlc"] as? Int }
        #expect(hlcs.count == 4 && zip(hlcs, hlcs.dropFirst()).allSatisfy { $0 < $1 }, "HLCs must increase: \(hlcs)")

        // Filters: after a position, by table, by key.
        let after = try node.run("changes", "--format", "json", "--after", "2").jsonLines()
        #expect(after.map { $0["position"] as? Int } == [3, 4])
        let byKey = try node.run("changes", "--format", "json", "--key", "（2024）粤0304民初1号").jsonLines()
        #expect(byKey.map { change($0)["op"] as? String } == ["insert", "update"])
        let courts = try node.run("changes", "--format", "json", "--table", "courts").jsonLines()
        #expect(courts.count == 1)

        let table = try node.run("changes")
        #expect(table.succeeded, "\(table)")
        #expect(table.stdout.contains("4 shown; 4 changes held, 4 made here"), "\(table)")
    }

    @Test("concurrent writers on one node all succeed and get distinct, gapless origin sequence numbers")
    func concurrentWriters() throws {
        let node = try CLINode.district()
        let runner = try courtsync()
        let environment: [String: String?] = ["COURTSYNC_DATA_DIR": node.dataDirectory]
        let results = Mutex<[CommandResult]>([])
        let group = DispatchGroup()
        for serial in 1...6 {
            DispatchQueue.global().async(group: group) {
                let arguments = ["case", "add", "(2024)粤0304民初\(serial)号", "--filed", "2024-03-02",
                                 "--channel", "mobile", "--cause", "民间借贷纠纷"]
                if let result = try? runner.run(arguments, environment: environment) {
                    results.withLock { $0.append(result) }
                }
            }
        }
        group.wait()
        let finished = results.withLock { $0 }
        #expect(finished.count == 6)
        for result in finished { #expect(result.succeeded, "\(result)") }

        let lines = try node.changes()
        #expect(lines.map { change($0)["origin_seq"] as? Int } == Array(1...7).map(Optional.some))
        let hlcs = lines.compactMap { change($0)["hlc"] as? Int }
        #expect(zip(hlcs, hlcs.dropFirst()).allSatisfy { $0 < $1 }, "HLCs must increase with position: \(hlcs)")
        #expect(try node.caseNumbers().count == 6)
    }
}
