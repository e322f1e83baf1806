import CourtSyncModel
import CourtSyncReports
import CourtSyncSampleData
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import GRDB

/// A real node database holding the generated registry and the cases of two district courts
/// (粤0304 with its `courts` row, 粤0305 without one), plus hand-made rows for lawyer ``lawyerID``:
/// a sealed case, a withdrawn representation, and a case whose hearing text needs escaping and folding.
final class LawyerCaseFixture: Sendable {
    static let shared = Result { try LawyerCaseFixture() }

    /// The as-of instant of the tests: the day after the sample data's "today".
    static let asOfText = "2025-07-01T00:00:00+08:00"
    static let asOf = Date(timeIntervalSince1970: 1_751_299_200)  // 2025-07-01T00:00:00+08:00

    static let sealedCase = "（2025）粤0304刑初99901号"
    static let withdrawnCase = "（2025）粤0304民初99902号"
    static let specialCase = "（2025）粤0304民初99903号"
    static let specialHearing = "0197c000-0000-7000-8000-00000000f001"
    static let specialCourtroom = "第一法庭,东区;3楼\\B座"
    static let specialCause = "民间借贷纠纷,买卖合同纠纷;及其他\\附带请求——" + String(repeating: "标的额较大需要详细说明的情形", count: 6)
    /// Counsel on the special case whose registry entry has not arrived.
    static let unregisteredLawyer = "SZL777777"
    static let specialReview = "0197c000-0000-7000-8000-00000000f002"
    static let sealedReview = "0197c000-0000-7000-8000-00000000f003"

    let node: TestNode
    let queue: DatabaseQueue
    var store: NodeStore { node.store }
    /// The lawyer with the most upcoming hearings in the generated data.
    let lawyerID: String
    let lawyerLicence: String
    let firmID: String

    init() throws {
        node = try TestNode("gd03", role: .intermediate, court: "粤03")
        let generator = SampleGenerator(seed: 11)
        try node.store.write { writer in
            let emit: (SampleRecord) throws -> Void = { try writer.insert(into: $0.table, $0.fieldSet) }
            try generator.registry(lawyers: 60, firms: 6, emit: emit)
            try generator.court(code: "粤0304", cases: 400, registryLawyers: 60, emit: emit)
            try generator.court(code: "粤0305", cases: 300, registryLawyers: 60, emit: emit)
            try writer.insert(into: "courts", ["code": .text("粤0304"), "name": .text("深圳市福田区人民法院")])
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.readonly = true
        queue = try DatabaseQueue(path: node.store.path, configuration: configuration)
        let picked = try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT l.id, l.licence_number, l.firm_id FROM lawyers l
                JOIN representations r ON r.lawyer_id = l.id AND r.status = 'active'
                JOIN cases c ON c.case_number = r.case_number AND c.sealed = 0
                JOIN hearings h ON h.case_number = c.case_number AND h.status = 'scheduled' AND h.scheduled_at >= ?
                WHERE l.firm_id IS NOT NULL
                GROUP BY l.id ORDER BY count(DISTINCT h.id) DESC, l.id LIMIT 1
                """, arguments: [Self.asOfText])!
        }
        lawyerID = picked["id"]
        lawyerLicence = picked["licence_number"]
        firmID = picked["firm_id"]
        try addSpecialRows()
    }

    private func addSpecialRows() throws {
        func courtCase(_ number: String, type: String, sealed: Bool = false) -> CourtCase {
            var c = Fixtures.courtCase(number, court: "粤0304", type: type)
            c.sealed = sealed
            c.juvenile = sealed
            c.filingDate = CivilDate(year: 2025, month: 6, day: 2)
            return c
        }
        var special = courtCase(Self.specialCase, type: "民初")
        special.cause = Self.specialCause
        try store.write { writer in
            try writer.insert(courtCase(Self.sealedCase, type: "刑初", sealed: true))
            try writer.insert(courtCase(Self.withdrawnCase, type: "民初"))
            try writer.insert(special)
            let since = CivilDate(year: 2025, month: 6, day: 3)
            let party = "0197c000-0000-7000-8000-00000000e001"
            try writer.insert(Representation(
                id: "0197c000-0000-7000-8000-00000000d001", caseNumber: Self.sealedCase, partyID: party,
                lawyerID: lawyerID, side: .accused, status: .active, since: since))
            try writer.insert(Representation(
                id: "0197c000-0000-7000-8000-00000000d002", caseNumber: Self.withdrawnCase, partyID: party,
                lawyerID: lawyerID, side: .plaintiff, status: .withdrawn, since: since))
            // Two representations on one case (two plaintiffs): one entry, one side.
            try writer.insert(Representation(
                id: "0197c000-0000-7000-8000-00000000d003", caseNumber: Self.specialCase, partyID: party,
                lawyerID: lawyerID, side: .plaintiff, status: .active, since: since))
            try writer.insert(Representation(
                id: "0197c000-0000-7000-8000-00000000d004", caseNumber: Self.specialCase, partyID: party + "2",
                lawyerID: lawyerID, side: .plaintiff, status: .active, since: since))
            try writer.insert(Representation(
                id: "0197c000-0000-7000-8000-00000000d005", caseNumber: Self.specialCase, partyID: party + "3",
                lawyerID: Self.unregisteredLawyer, side: .defendant, status: .active, since: since))
            for (i, number) in [Self.sealedCase, Self.withdrawnCase].enumerated() {
                try writer.insert(Hearing(
                    id: "0197c000-0000-7000-8000-00000000c00\(i)", caseNumber: number,
                    scheduledAt: "2025-07-10T09:30:00+08:00", mode: .offline, courtroom: "第五法庭", status: .scheduled))
            }
            try writer.insert(Hearing(
                id: Self.specialHearing, caseNumber: Self.specialCase, scheduledAt: "2025-07-08T14:30:00+08:00",
                mode: .hybrid, platform: "深圳移动微法院", courtroom: Self.specialCourtroom, status: .scheduled))
            // Before the as-of instant, and a cancelled one: neither is upcoming.
            try writer.insert(Hearing(
                id: "0197c000-0000-7000-8000-00000000c010", caseNumber: Self.specialCase,
                scheduledAt: "2025-06-30T23:59:59+08:00", mode: .online, platform: "云上法庭", status: .scheduled))
            try writer.insert(Hearing(
                id: "0197c000-0000-7000-8000-00000000c011", caseNumber: Self.specialCase,
                scheduledAt: "2025-07-09T09:00:00+08:00", mode: .online, platform: "云上法庭", status: .cancelled))
            try writer.insert(FileReviewRequest(
                id: Self.specialReview, caseNumber: Self.specialCase, lawyerID: lawyerID,
                requestedAt: "2025-06-20T10:00:00+08:00", decision: .pending))
            try writer.insert(FileReviewRequest(
                id: Self.sealedReview, caseNumber: Self.sealedCase, lawyerID: lawyerID,
                requestedAt: "2025-06-21T10:00:00+08:00", decision: .pending))
        }
    }

    /// Runs independent SQL on the database file through the fixture's own read-only GRDB
    /// connection (one, shared by the tests running in parallel, waiting out the store's locks).
    func sql<T>(_ body: (Database) throws -> T) throws -> T { try queue.read(body) }

    /// What the list for `lawyerID` must contain, computed with plain SQL.
    struct Expected: Equatable {
        var courtCode: String?
        var cause: String?
        var filingDate: String?
        var stage: String?
        var status: String?
        var closedDate: String?
        var closingMethod: String?
        var sides: Set<String>
        var hearings: [String]
        var reviews: Set<String>
    }

    func expected(for lawyer: String) throws -> [String: Expected] {
        try sql { db in
            var result: [String: Expected] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM cases WHERE sealed = 0 AND case_number IN
                  (SELECT case_number FROM representations WHERE lawyer_id = ? AND status = 'active')
                """, arguments: [lawyer])
            for row in rows {
                let number: String = row["case_number"]
                let sides = try String.fetchAll(db, sql: """
                    SELECT side FROM representations WHERE lawyer_id = ? AND status = 'active' AND case_number = ?
                    """, arguments: [lawyer, number])
                let hearings = try String.fetchAll(db, sql: """
                    SELECT id FROM hearings WHERE case_number = ? AND status = 'scheduled' AND scheduled_at >= ?
                    ORDER BY scheduled_at, id
                    """, arguments: [number, Self.asOfText])
                let reviews = try String.fetchAll(db, sql: """
                    SELECT id FROM file_review_requests WHERE case_number = ? AND lawyer_id = ? AND decision = 'pending'
                    """, arguments: [number, lawyer])
                result[number] = Expected(
                    courtCode: row["court_code"], cause: row["cause"], filingDate: row["filing_date"],
                    stage: row["stage"], status: row["status"], closedDate: row["closed_date"],
                    closingMethod: row["closing_method"], sides: Set(sides), hearings: hearings, reviews: Set(reviews))
            }
            return result
        }
    }

    func list(_ selection: LawyerCaseSelection) throws -> LawyerCaseList {
        try LawyerCaseList.build(store: store, selection: selection, asOf: Self.asOf)
    }
}

extension LawyerCaseRecord {
    /// The record in the shape of ``LawyerCaseFixture/Expected``.
    var asExpected: LawyerCaseFixture.Expected {
        LawyerCaseFixture.Expected(
            courtCode: courtCode, cause: cause, filingDate: filingDate, stage: stage?.rawValue,
            status: status?.rawValue, closedDate: closedDate, closingMethod: closingMethod?.rawValue,
            sides: Set(sides.map(\.rawValue)), hearings: upcomingHearings.map(\.id),
            reviews: Set(pendingFileReviews.map(\.id)))
    }
}
