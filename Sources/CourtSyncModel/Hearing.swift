/// A hearing (庭审) of a case.
public struct Hearing: Sendable, Hashable, Codable {
    public static let table = "hearings"

    public var id: String
    public var caseNumber: String
    /// Start time, ISO 8601 with offset, e.g. 2024-05-06T09:30:00+08:00.
    public var scheduledAt: String
    public var mode: HearingMode
    /// Online platform, e.g. 深圳移动微法院.
    public var platform: String?
    public var courtroom: String?
    public var status: HearingStatus

    public init(
        id: String,
        caseNumber: String,
        scheduledAt: String,
        mode: HearingMode,
        platform: String? = nil,
        courtroom: String? = nil,
        status: HearingStatus
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.scheduledAt = scheduledAt
        self.mode = mode
        self.platform = platform
        self.courtroom = courtroom
        self.status = status
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case scheduledAt = "scheduled_at"
        case mode
        case platform
        case courtroom
        case status
    }
}
