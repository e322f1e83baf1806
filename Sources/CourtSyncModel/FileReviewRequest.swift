/// A lawyer's request to review a case file online (阅卷申请).
public struct FileReviewRequest: Sendable, Hashable, Codable {
    public static let table = "file_review_requests"

    public var id: String
    public var caseNumber: String
    public var lawyerID: String
    public var requestedAt: String
    public var decision: ReviewDecision
    public var decidedAt: String?
    public var decidedBy: String?

    public init(
        id: String,
        caseNumber: String,
        lawyerID: String,
        requestedAt: String,
        decision: ReviewDecision,
        decidedAt: String? = nil,
        decidedBy: String? = nil
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.lawyerID = lawyerID
        self.requestedAt = requestedAt
        self.decision = decision
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case lawyerID = "lawyer_id"
        case requestedAt = "requested_at"
        case decision
        case decidedAt = "decided_at"
        case decidedBy = "decided_by"
    }
}
