import CourtSyncModel
import CourtSyncStore

/// Deliberate races: two nodes write the same field with no sync in between. Only fields nobody
/// has updated since the row's insert are raced, and nothing writes them afterwards, so that the
/// two writes are concurrent with each other and with nothing else: every node that receives
/// both must see exactly this pair.
extension ScenarioRunner {
    func race() async throws {
        if rng.chance(percent: 50), try raceOnAddress() { return }
        if try raceOnDecision() { return }
        if rng.chance(percent: 60), try await prepareDecisionRace(), try raceOnDecision() { return }
        _ = try raceOnAddress()
    }

    /// Sets up a request the bar holds: a court's case gets registered counsel and a pending
    /// file-review request, and the bar pulls it (a clean sync).
    func prepareDecisionRace() async throws -> Bool {
        guard hasBar else { return false }
        let courts = fed.ids.filter { fed[$0].info.role != .bar }
        let court = rng.pick(courts)
        let lawyers = try rows(court, "lawyers")
        guard let lawyer = pick(lawyers),
            let courtCase = pick(try ownCases(court).filter { $0.fields["sealed"]?.boolValue != true })
        else { return false }
        try insert(court, "representations", [
            "id": .text("r-\(court)-\(next("representation \(court)"))"), "case_number": .text(courtCase.key),
            "party_id": .text("p-\(court)-1"), "lawyer_id": .text(lawyer.key), "side": .text("plaintiff"),
            "status": .text("active"), "since": .text("2025-05-02"),
        ])
        try insert(court, "file_review_requests", [
            "id": .text("f-\(court)-\(next("review \(court)"))"), "case_number": .text(courtCase.key),
            "lawyer_id": .text(lawyer.key), "requested_at": .text(timestamp(day: 5, hour: 10)),
            "decision": .text("pending"),
        ])
        trace.append("\(step): sync szbar←\(court) to prepare a race")
        do {
            try await fed.sync("szbar", with: court, pageSize: 50)
        } catch {
            problems.append(Discrepancy(
                kind: .syncError, table: "", node: "szbar", other: court,
                message: "sync szbar←\(court) failed: \(error)"))
        }
        return true
    }

    func untouched(_ field: FieldKey) -> Bool {
        !updated.contains(field) && !raced.contains(field)
    }

    /// A court and the bar, or two courts, write a lawyer's e-service address.
    func raceOnAddress() throws -> Bool {
        guard hasBar else { return false }
        let lawyers = try rows("szbar", "lawyers").filter {
            untouched(FieldKey(table: "lawyers", key: $0.key, column: "e_service_address"))
        }
        guard let lawyer = pick(lawyers) else { return false }
        var holders: [String] = []
        for id in fed.ids where try fed.store(id).fetch(Lawyer.self, key: lawyer.key) != nil { holders.append(id) }
        guard holders.count >= 2 else { return false }
        let first = rng.pick(holders)
        let second = rng.pick(holders.filter { $0 != first })
        let field = FieldKey(table: "lawyers", key: lawyer.key, column: "e_service_address")
        let a = try update(first, "lawyers", key: lawyer.key, ["e_service_address": .text("\(first)-race@example.org")])
        tick()
        let b = try update(
            second, "lawyers", key: lawyer.key, ["e_service_address": .text("\(second)-race@example.org")])
        return record(field, a, b)
    }

    /// The bar withdraws a file-review request while the court decides it.
    func raceOnDecision() throws -> Bool {
        guard hasBar else { return false }
        let candidates = try rows("szbar", "file_review_requests") {
            $0.fields["decision"]?.textValue == "pending"
                && self.untouched(FieldKey(table: "file_review_requests", key: $0.key, column: "decision"))
        }
        guard let request = pick(candidates),
            let number = request.fields["case_number"]?.textValue,
            let court = ScenarioCourts.node(ofCaseNumber: number), fed.nodes[court] != nil,
            let held = try fed.store(court).fetch(FileReviewRequest.self, key: request.key),
            held.decision == .pending
        else { return false }
        let field = FieldKey(table: "file_review_requests", key: request.key, column: "decision")
        let barFirst = rng.chance(percent: 50)
        var writes: [[RecordedWrite]] = []
        for turn in 0..<2 {
            if (turn == 0) == barFirst {
                writes.append(try update(
                    "szbar", "file_review_requests", key: request.key, ["decision": .text("withdrawn")]))
            } else {
                writes.append(try update(court, "file_review_requests", key: request.key, decision(by: court)))
            }
            tick()
        }
        return record(field, writes[0], writes[1])
    }

    func runnerStat(_ name: String) { stats[name, default: 0] += 1 }

    private func record(_ field: FieldKey, _ a: [RecordedWrite], _ b: [RecordedWrite]) -> Bool {
        raced.insert(field)
        racedRows.insert("\(field.table) \(field.key)")
        guard let first = a.first(where: { $0.field == field }), let second = b.first(where: { $0.field == field })
        else { return false }
        races.append(RecordedRace(first: first, second: second))
        runnerStat("race \(field.table).\(field.column)")
        trace.append("\(step): \(races.last!)")
        return true
    }
}

/// Court codes and node ids of the test federation.
public enum ScenarioCourts {
    /// `粤0304` → `gd0304`, `粤03` → `gd03`.
    public static func node(ofCourt code: String) -> String? {
        guard code.hasPrefix("粤") else { return nil }
        return "gd" + code.dropFirst()
    }

    public static func node(ofCaseNumber number: String) -> String? {
        guard let close = number.firstIndex(of: "）") else { return nil }
        let rest = number[number.index(after: close)...]
        let code = String(rest.prefix { $0 != "民" })
        return node(ofCourt: code)
    }
}
