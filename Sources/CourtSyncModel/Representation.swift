/// A lawyer acting for a party in a case (counsel of record).
public struct Representation: Sendable, Hashable, Codable {
    public static let table = "representations"

    public var id: String
    public var caseNumber: String
    public var partyID: String
    public var lawyerID: String
    /// The side the lawyer represents.
    public var side: PartySide
    public var status: RepresentationStatus
    public var since: CivilDate

    public init(
        id: String,
        caseNumber: String,
        partyID: String,
        lawyerID: String,
        side: PartySide,
        status: RepresentationStatus,
        since: CivilDate
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.partyID = partyID
        self.lawyerID = lawyerID
        self.side = side
        self.status = status
        self.since = since
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case partyID = "party_id"
        case lawyerID = "lawyer_id"
        case side
        case status
        case since
    }
}
