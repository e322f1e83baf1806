import Foundation
import CourtSyncModel
import CourtSyncStore

/// Random operations, each within the writing node's authority (``WriteAuthority``).
extension ScenarioRunner {
    static let causes = ["民间借贷纠纷", "买卖合同纠纷", "劳动争议", "房屋租赁合同纠纷", "离婚纠纷"]
    static let judges = ["王法官", "李法官", "陈法官", "张法官"]

    func court(_ id: String) -> String? { fed[id].info.courtCode }

    func operation(at id: String) throws {
        switch fed[id].info.role {
        case .bar: try barOperation()
        case .district, .intermediate: try courtOperation(id)
        }
    }

    /// A court's cases (its own court code).
    func ownCases(_ id: String) throws -> [StoredRow] {
        let code = court(id)
        return try rows(id, "cases") { $0.fields["court_code"]?.textValue == code }
    }

    func ownRows(_ id: String, _ table: String) throws -> [StoredRow] {
        let code = court(id)
        return try rows(id, table) {
            guard let number = $0.fields["case_number"]?.textValue else { return false }
            return number.contains("）\(code!)民") && !racedRows.contains("\(table) \($0.key)")
        }
    }

    /// A lawyer id: one of the registry the node holds, or one the bar has issued or may issue.
    func lawyerID(at id: String) throws -> String {
        let held = try rows(id, "lawyers").map(\.key)
        if !held.isEmpty, rng.chance(percent: 80) { return rng.pick(held) }
        return String(format: "SZL%06d", rng.integer(in: 1...(counters["lawyer", default: 0] + 2)))
    }

    func timestamp(day: Int, hour: Int) -> String {
        "2025-06-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00+08:00"
    }

    func courtOperation(_ id: String) throws {
        let code = court(id)!
        let intermediate = fed[id].info.role == .intermediate
        let cases = try ownCases(id)
        let roll = rng.below(100)
        if roll < 16 || cases.isEmpty {
            let n = next("case \(id)")
            let number = "（2025）\(code)\(intermediate ? "民终" : "民初")\(n)号"
            try insert(id, "cases", [
                "case_number": .text(number), "court_code": .text(code),
                "case_type": .text(intermediate ? "民终" : "民初"), "cause": .text(rng.pick(Self.causes)),
                "filing_date": .text("2025-0\(rng.integer(in: 1...5))-1\(rng.integer(in: 0...9))"),
                "filing_channel": .text("mobile"), "stage": .text("filed"), "status": .text("pending"),
                "judge": .text(rng.pick(Self.judges)), "time_limit_days": .integer(180),
            ])
            return
        }
        let courtCase = rng.pick(cases)
        let number = courtCase.key
        switch roll {
        case ..<26:
            try insert(id, "hearings", [
                "id": .text("h-\(id)-\(next("hearing \(id)"))"), "case_number": .text(number),
                "scheduled_at": .text(timestamp(day: rng.integer(in: 10...28), hour: 9)),
                "mode": .text(rng.pick(["online", "offline", "hybrid"])), "status": .text("scheduled"),
            ])
        case ..<36:
            try insert(id, "representations", [
                "id": .text("r-\(id)-\(next("representation \(id)"))"), "case_number": .text(number),
                "party_id": .text("p-\(id)-\(rng.integer(in: 1...9))"), "lawyer_id": .text(try lawyerID(at: id)),
                "side": .text(rng.pick(["plaintiff", "defendant"])), "status": .text("active"),
                "since": .text("2025-05-02"),
            ])
        case ..<44:
            try insert(id, "file_review_requests", [
                "id": .text("f-\(id)-\(next("review \(id)"))"), "case_number": .text(number),
                "lawyer_id": .text(try lawyerID(at: id)),
                "requested_at": .text(timestamp(day: rng.integer(in: 1...9), hour: 10)),
                "decision": .text("pending"),
            ])
        case ..<62:
            try updateCase(id, courtCase)
        case ..<67:
            if let hearing = pick(try ownRows(id, "hearings")) {
                try update(id, "hearings", key: hearing.key, rng.chance(percent: 50)
                    ? ["status": .text(rng.pick(["held", "postponed", "cancelled", "scheduled"]))]
                    : ["courtroom": .text("第\(rng.integer(in: 1...20))法庭")])
            }
        case ..<72:
            if let representation = pick(try ownRows(id, "representations")) {
                let status = representation.fields["status"]?.textValue == "active" ? "withdrawn" : "active"
                try update(id, "representations", key: representation.key, ["status": .text(status)])
            }
        case ..<80:
            try decide(id)
        case ..<88:
            if intermediate, rng.chance(percent: 70) {
                try appeal()
            } else {
                try courtAddress(id)
            }
        default:
            try courtDelete(id)
        }
    }

    func updateCase(_ id: String, _ courtCase: StoredRow) throws {
        let key = courtCase.key
        switch rng.below(6) {
        case 0, 1:
            let stage = courtCase.fields["stage"]?.textValue.flatMap(CaseStage.init(rawValue:)) ?? .filed
            let all = CaseStage.allCases
            guard let i = all.firstIndex(of: stage), i + 1 < all.count else { return }
            let forward = all[rng.integer(in: (i + 1)...(all.count - 1))]
            try update(id, "cases", key: key, ["stage": .text(forward.rawValue)])
        case 2: try update(id, "cases", key: key, ["judge": .text(rng.pick(Self.judges))])
        case 3: try update(id, "cases", key: key, ["cause": .text(rng.pick(Self.causes))])
        case 4: try update(id, "cases", key: key, ["status": .text(rng.pick(["pending", "suspended"]))])
        default:
            if rng.chance(percent: 25) {
                let sealed = courtCase.fields["sealed"]?.boolValue ?? false
                try update(id, "cases", key: key, ["sealed": .integer(sealed ? 0 : 1)])
            } else {
                try update(id, "cases", key: key, ["time_limit_days": .integer(Int64(rng.integer(in: 30...365)))])
            }
        }
    }

    /// A court decides a file-review request of its own cases.
    func decide(_ id: String) throws {
        let open = try ownRows(id, "file_review_requests").filter {
            !raced.contains(FieldKey(table: "file_review_requests", key: $0.key, column: "decision"))
        }
        guard let request = pick(open) else { return }
        try update(id, "file_review_requests", key: request.key, decision(by: id))
    }

    func decision(by id: String) -> FieldSet {
        ["decision": .text(rng.pick(["approved", "rejected"])),
         "decided_at": .text(timestamp(day: rng.integer(in: 20...28), hour: 15)),
         "decided_by": .text(rng.pick(Self.judges))]
    }

    /// The intermediate court writes the appeal result of a district's case it holds.
    func appeal() throws {
        let districtCases = try rows("gd03", "cases") { $0.fields["court_code"]?.textValue != "粤03" }
        guard let courtCase = pick(districtCases) else { return }
        let result = rng.pick(AppealResult.allCases).rawValue
        try update("gd03", "cases", key: courtCase.key, ["appeal_result": .text(result)])
    }

    /// A court records a confirmed e-service address of a lawyer it holds.
    func courtAddress(_ id: String) throws {
        let lawyers = try rows(id, "lawyers").filter {
            !raced.contains(FieldKey(table: "lawyers", key: $0.key, column: "e_service_address"))
        }
        guard let lawyer = pick(lawyers) else { return }
        let address = "\(id)-\(next("address"))@court.example"
        try update(id, "lawyers", key: lawyer.key, ["e_service_address": .text(address)])
    }

    func courtDelete(_ id: String) throws {
        let table = rng.pick(["hearings", "representations", "file_review_requests", "hearings", "cases"])
        let candidates = table == "cases"
            ? try ownCases(id).filter { !racedRows.contains("cases \($0.key)") }
            : try ownRows(id, table)
        guard let row = pick(candidates) else { return }
        try delete(id, table, key: row.key)
    }

    // MARK: The bar association

    func barInsertLawyer() throws {
        let n = next("lawyer")
        try insert("szbar", "lawyers", [
            "id": .text(String(format: "SZL%06d", n)), "name": .text("律师\(n)"),
            "licence_number": .text(String(format: "14403201011%06d", n)), "licence_status": .text("practising"),
            "firm_id": .text("SZF000\(rng.integer(in: 1...3))"), "e_service_address": .text("l\(n)@bar.example"),
        ])
    }

    func barOperation() throws {
        let roll = rng.below(100)
        let lawyers = try rows("szbar", "lawyers")
        if roll < 15 || lawyers.isEmpty {
            try barInsertLawyer()
        } else if roll < 50 {
            let lawyer = rng.pick(lawyers)
            let fields: FieldSet = switch rng.below(4) {
            case 0: ["licence_status": .text(rng.pick(["practising", "suspended", "revoked"]))]
            case 1: ["firm_id": .text("SZF000\(rng.integer(in: 1...5))")]
            case 2: ["phone": .text("1380000\(rng.integer(in: 1000...9999))")]
            default: ["e_service_address": .text("bar-\(next("address"))@bar.example")]
            }
            if let column = fields.keys.first,
                raced.contains(FieldKey(table: "lawyers", key: lawyer.key, column: column))
            {
                return
            }
            try update("szbar", "lawyers", key: lawyer.key, fields)
        } else if roll < 75 {
            let pending = try rows("szbar", "file_review_requests") {
                $0.fields["decision"]?.textValue == "pending"
                    && !self.raced.contains(FieldKey(table: "file_review_requests", key: $0.key, column: "decision"))
            }
            guard let request = pick(pending) else { return }
            try update("szbar", "file_review_requests", key: request.key, ["decision": .text("withdrawn")])
        } else {
            // A lawyer files a request, through the bar, on a case the bar holds.
            guard let courtCase = pick(try rows("szbar", "cases")) else { return }
            try insert("szbar", "file_review_requests", [
                "id": .text("f-szbar-\(next("review szbar"))"), "case_number": .text(courtCase.key),
                "lawyer_id": .text(rng.pick(lawyers).key),
                "requested_at": .text(timestamp(day: rng.integer(in: 1...9), hour: 11)), "decision": .text("pending"),
            ])
        }
    }
}
