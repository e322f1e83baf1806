/// A mediation (调解) of a case or of a pre-litigation dispute.
public struct Mediation: Sendable, Hashable, Codable {
    public static let table = "mediations"

    public var id: String
    public var caseNumber: String
    public var online: Bool
    public var platform: String?
    public var mediator: String?
    public var startedOn: CivilDate
    public var concludedOn: CivilDate?
    public var result: MediationResult

    public init(
        id: String,
        caseNumber: String,
        online: Bool,
        platform: String? = nil,
        mediator: String? = nil,
        startedOn: CivilDate,
        concludedOn: CivilDate? = nil,
        result: MediationResult
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.online = online
        self.platform = platform
        self.mediator = mediator
        self.startedOn = startedOn
        self.concludedOn = concludedOn
        self.result = result
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case online
        case platform
        case mediator
        case startedOn = "started_on"
        case concludedOn = "concluded_on"
        case result
    }
}
