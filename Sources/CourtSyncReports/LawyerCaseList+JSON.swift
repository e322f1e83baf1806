import CourtSyncModel
import CourtSyncStore
import Foundation

/// The JSON document of a lawyer case list. Keys are snake_case, always present (null when there
/// is no value) and sorted, so the document is stable; `docs/LAWYER-CASES.md` lists them.
extension LawyerCaseList {
    private enum Keys: String, CodingKey {
        case asOf = "as_of", selection, matchedPreviousLicence = "matched_previous_licence", firm, lawyers, cases
        case upcomingHearingCount = "upcoming_hearing_count"
        case kind, value, id, name
    }

    /// The whole list as pretty-printed JSON with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(ChinaTime.timestamp(asOf), forKey: .asOf)
        var selected = container.nestedContainer(keyedBy: Keys.self, forKey: .selection)
        switch selection {
        case .lawyer(let id):
            try selected.encode("lawyer", forKey: .kind)
            try selected.encode(id, forKey: .value)
        case .licence(let number):
            try selected.encode("licence", forKey: .kind)
            try selected.encode(number, forKey: .value)
        case .firm(let id):
            try selected.encode("firm", forKey: .kind)
            try selected.encode(id, forKey: .value)
        }
        try container.encode(matchedPreviousLicence, forKey: .matchedPreviousLicence)
        if let firmID {
            var firm = container.nestedContainer(keyedBy: Keys.self, forKey: .firm)
            try firm.encode(firmID, forKey: .id)
            try firm.encode(firmName, forKey: .name)
        } else {
            try container.encodeNil(forKey: .firm)
        }
        try container.encode(lawyers.map(LawyerJSON.init), forKey: .lawyers)
        try container.encode(cases.map(CaseJSON.init), forKey: .cases)
        try container.encode(upcomingHearings.count, forKey: .upcomingHearingCount)
    }
}

/// A vocabulary value as `{"code": "plaintiff", "label": "原告"}`.
private struct CodeJSON: Encodable {
    var code: String
    var label: String

    init<V: Vocabulary>(_ value: V) {
        code = value.rawValue
        label = value.label
    }
}

private struct LawyerJSON: Encodable {
    let lawyer: LawyerSummary
    init(_ lawyer: LawyerSummary) { self.lawyer = lawyer }

    enum Keys: String, CodingKey {
        case id, name, licenceNumber = "licence_number", licenceStatus = "licence_status", firmID = "firm_id"
        case firmName = "firm_name"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(lawyer.id, forKey: .id)
        try c.encode(lawyer.name, forKey: .name)
        try c.encode(lawyer.licenceNumber, forKey: .licenceNumber)
        try c.encode(lawyer.licenceStatus.map(CodeJSON.init), forKey: .licenceStatus)
        try c.encode(lawyer.firmID, forKey: .firmID)
        try c.encode(lawyer.firmName, forKey: .firmName)
    }
}

private struct HearingJSON: Encodable {
    let hearing: Hearing
    init(_ hearing: Hearing) { self.hearing = hearing }

    enum Keys: String, CodingKey {
        case id, scheduledAt = "scheduled_at", mode, online, inPerson = "in_person", platform, courtroom
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(hearing.id, forKey: .id)
        try c.encode(hearing.scheduledAt, forKey: .scheduledAt)
        try c.encode(CodeJSON(hearing.mode), forKey: .mode)
        try c.encode(hearing.mode != .offline, forKey: .online)
        try c.encode(hearing.mode != .online, forKey: .inPerson)
        try c.encode(hearing.platform, forKey: .platform)
        try c.encode(hearing.courtroom, forKey: .courtroom)
    }
}

private struct FileReviewJSON: Encodable {
    let request: FileReviewRequest
    init(_ request: FileReviewRequest) { self.request = request }

    enum Keys: String, CodingKey { case id, requestedAt = "requested_at", decision }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(request.id, forKey: .id)
        try c.encode(request.requestedAt, forKey: .requestedAt)
        try c.encode(CodeJSON(request.decision), forKey: .decision)
    }
}

private struct CaseJSON: Encodable {
    let entry: LawyerCaseRecord
    init(_ entry: LawyerCaseRecord) { self.entry = entry }

    enum Keys: String, CodingKey {
        case lawyerID = "lawyer_id", caseNumber = "case_number", court, caseType = "case_type", cause
        case filingDate = "filing_date", stage, status, closedDate = "closed_date"
        case closingMethod = "closing_method", sides, nextHearing = "next_hearing"
        case upcomingHearings = "upcoming_hearings", pendingFileReviews = "pending_file_reviews"
        case code, name
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(entry.lawyerID, forKey: .lawyerID)
        try c.encode(entry.caseNumber, forKey: .caseNumber)
        var court = c.nestedContainer(keyedBy: Keys.self, forKey: .court)
        try court.encode(entry.courtCode, forKey: .code)
        try court.encode(entry.courtName, forKey: .name)
        try c.encode(entry.caseType, forKey: .caseType)
        try c.encode(entry.cause, forKey: .cause)
        try c.encode(entry.filingDate, forKey: .filingDate)
        try c.encode(entry.stage.map(CodeJSON.init), forKey: .stage)
        try c.encode(entry.status.map(CodeJSON.init), forKey: .status)
        try c.encode(entry.closedDate, forKey: .closedDate)
        try c.encode(entry.closingMethod.map(CodeJSON.init), forKey: .closingMethod)
        try c.encode(entry.sides.map(CodeJSON.init), forKey: .sides)
        try c.encode(entry.nextHearing.map(HearingJSON.init), forKey: .nextHearing)
        try c.encode(entry.upcomingHearings.map(HearingJSON.init), forKey: .upcomingHearings)
        try c.encode(entry.pendingFileReviews.map(FileReviewJSON.init), forKey: .pendingFileReviews)
    }
}
