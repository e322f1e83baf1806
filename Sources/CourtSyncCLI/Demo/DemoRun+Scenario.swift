import CourtSyncModel
import CourtSyncReplication
import CourtSyncReports
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging

/// The demo's story once the servers run: the nightly round, the conflict, the statistics, the
/// lawyer's case list and the peers' view.
extension DemoRun {
    func scenario(
        _ federation: DemoFederation, directories: [String: PeerDirectory], syncers: [String: PeerSyncer], logger: Logger
    ) async throws {
        step(4, "The nightly round")
        say("what `courtsync serve` runs at 02:00 Asia/Shanghai: a node syncs with every peer it calls, all at once")
        say("(the districts call the intermediate court and the bar: they pull the lawyer registry and push their")
        say("cases; the intermediate court calls the bar; peers/ files say `initiate: false` for peers that call us)")
        try await round(federation, nodes: DemoFederation.districtIDs, syncers: syncers, logger: logger)
        try await round(federation, nodes: ["gd03"], syncers: syncers, logger: logger)
        let gd03 = federation.node("gd03").store
        let bar = federation.node("szbar").store
        let districtCases = try gd03.count("cases", where: "court_code <> '粤03'")
        let exposed = try gd03.count(
            "parties",
            where: """
                (id_number IS NOT NULL OR address IS NOT NULL OR phone IS NOT NULL)
                AND case_number IN (SELECT case_number FROM cases WHERE court_code <> '粤03' AND appeal_result IS NULL)
                """)
        say("gd03 now holds \(n(districtCases)) cases of its districts, minimised: \(n(exposed)) parties with an ID number,")
        say("   address or phone outside the cases before it on appeal; sealed cases only as statistics")
        say("szbar now holds \(n(try bar.count("cases"))) cases in which its lawyers are counsel of record, "
            + "\(n(try bar.count("parties"))) party rows, \(n(try bar.count("cases", where: "sealed = 1"))) sealed cases")

        step(5, "A conflict: one lawyer's e-service address, changed at a court and at the bar")
        let lawyerID = try busiestLawyer(bar, district: federation.node("gd0304").store)
        let lawyer = try bar.fetch(Lawyer.self, key: lawyerID)!
        let courtValue = "\(lawyerID.lowercased())@court-confirmed.example"
        let barValue = "\(lawyerID.lowercased())@szlawyer.example"
        try federation.node("gd0304").store.write { _ = try $0.update("lawyers", key: lawyerID, ["e_service_address": .text(courtValue)]) }
        try bar.write { _ = try $0.update("lawyers", key: lawyerID, ["e_service_address": .text(barValue)]) }
        say("福田 court (gd0304) records the address \(lawyer.name) (\(lawyerID)) confirmed at the court: \(courtValue)")
        say("a moment later the bar association (szbar) changes it in its registry:     \(barValue)")
        say("the next night's round:")
        try await round(federation, nodes: ["gd0304"], syncers: syncers, logger: logger)
        try await round(federation, nodes: ["gd03"], syncers: syncers, logger: logger)
        for id in ["gd0304", "szbar", "gd03"] {
            let value = try federation.node(id).store.fetch(Lawyer.self, key: lawyerID)?.eServiceAddress ?? "-"
            say("\(pad(id, 7)) now has \(value)")
        }
        for id in ["gd0304", "szbar"] {
            let store = federation.node(id).store
            for conflict in try store.conflicts(ConflictFilter(table: "lawyers", limit: 10)) where conflict.key == lawyerID {
                say("\(pad(id, 7)) recorded conflict #\(conflict.id): field \(conflict.field), rule \"\(conflict.rule)\", kept the \(conflict.winner) value "
                    + "(\(conflict.winner == "local" ? conflict.localValue : conflict.remoteValue) written at \(conflict.winner == "local" ? conflict.localVersion.origin : conflict.remoteVersion.origin))")
            }
        }
        say("every node applies the same rule to the same versions, so all agree without talking it over;")
        say("the record stays for review: courtsync conflicts list --data-dir \(path("gd0304"))  (docs/CONFLICTS.md)")

        step(6, "Statistics of the intermediate court for its districts, \(today.year - 1) and \(today.year) so far")
        let districtCourts = DemoFederation.members.filter { $0.role == .district }.compactMap(\.court)
        let query = try StatisticsQuery.parse(
            period: "year", from: "\(today.year - 1)", to: "\(today.year)", courts: districtCourts, by: "court")
        let report = try Statistics.compute(store: gd03, query: query, reference: reference)
        print(indent(report.table()))
        let monthly = try Statistics.compute(
            store: gd03,
            query: try StatisticsQuery.parse(
                period: "month", from: "\(today.year - 1)-01", to: String(today.description.prefix(7)), courts: districtCourts,
                by: "court"),
            reference: reference)
        let html = root.appendingPathComponent("statistics.html")
        try monthly.html(title: "深圳市中级人民法院 辖区法院司法统计（演示数据）").write(to: html, atomically: true, encoding: .utf8)
        say("HTML report with monthly trends and the online-service shares: \(html.path)")
        say("same figures as CSV or JSON: courtsync stats --data-dir \(path("gd03")) --format csv; over HTTPS: GET /v1/stats")

        step(7, "A lawyer's case list at the bar association")
        let list = try LawyerCaseList.build(store: bar, selection: .lawyer(lawyerID), asOf: Date(), reference: reference)
        var open = list
        open.cases = list.cases.filter { $0.status != .closed }
        say("\(list.cases.count) cases in all across the courts; the \(open.cases.count) still open:")
        print(indent(open.table()))
        let ics = root.appendingPathComponent("\(lawyerID).ics")
        try list.ics(now: Date()).write(to: ics, atomically: true, encoding: .utf8)
        say("calendar of \(list.upcomingHearings.count) upcoming hearings, for any calendar program: \(ics.path)")
        say("the whole list: courtsync lawyer-cases --data-dir \(path("szbar")) --lawyer \(lawyerID)  (--format csv|json|ics)")
        say("over HTTPS: GET /v1/lawyers/\(lawyerID)/cases (?format=ics for the calendar)")

        step(8, "Every node's view of its peers (courtsync status)")
        for id in ["gd0304", "gd03"] {
            for peer in try NodeStatus(store: federation.node(id).store).peers {
                say("\(pad(id, 7)) ↔ \(pad(peer.peerID, 7)) last sync \(peer.lastAttemptAt ?? "-")  \(peer.resultText)")
            }
        }
    }

    /// One round at each of `nodes` (all at once), printing each peer's result.
    private func round(
        _ federation: DemoFederation, nodes: [String], syncers: [String: PeerSyncer], logger: Logger
    ) async throws {
        let outcomes = await withTaskGroup(of: (String, [String: PeerOutcome]).self) { group in
            for id in nodes {
                let scheduler = SyncScheduler(
                    syncer: syncers[id]!, peers: Array(syncers[id]!.directory.peers.values),
                    schedule: SyncSchedule(dailyAt: .init(hour: 2, minute: 0)), logger: logger)
                group.addTask { (id, await scheduler.round(deadline: Date().addingTimeInterval(60))) }
            }
            var all: [String: [String: PeerOutcome]] = [:]
            for await (id, outcome) in group { all[id] = outcome }
            return all
        }
        var failed: [String] = []
        for id in nodes {
            for (peer, outcome) in outcomes[id, default: [:]].sorted(by: { $0.key < $1.key }) {
                switch outcome {
                case .synced(let s):
                    say("\(pad(id, 7)) ↔ \(pad(peer, 7)) pushed \(pad(n(s.pushed), 7, right: true)), pulled \(pad(n(s.pulled), 7, right: true)), "
                        + "conflicts \(s.applied.conflicts)  (\(String(format: "%.1f", s.seconds)) s)")
                case .failed(let reason, _):
                    say("\(pad(id, 7)) ↔ \(pad(peer, 7)) FAILED: \(reason)")
                    failed.append("\(id)↔\(peer)")
                }
            }
        }
        if !failed.isEmpty {
            throw CLIFailure("sync failed: \(failed.joined(separator: ", "))", hint: "the reasons are above")
        }
    }

    /// A lawyer of the registry who is counsel at 福田, with the most upcoming hearings at the bar
    /// (then the most open cases), so that the calendar has something in it.
    private func busiestLawyer(_ bar: NodeStore, district: NodeStore) throws -> String {
        let hearings = try bar.upcomingHearingCounts(after: ChinaTime.timestamp(Date()))
        let open = try bar.lawyerCaseCounts(pendingOnly: true)
        let atDistrict = Set(try district.lawyerCaseCounts().keys)
        let candidates = Set(open.keys).union(hearings.keys).filter { atDistrict.contains($0) }
        guard let best = candidates.max(by: { a, b in
            (hearings[a, default: 0], open[a, default: 0], b) < (hearings[b, default: 0], open[b, default: 0], a)
        })
        else { throw CLIFailure("no lawyer is counsel of record at 福田 and known at the bar", hint: "try more --cases") }
        return best
    }
}
