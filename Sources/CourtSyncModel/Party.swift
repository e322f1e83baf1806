/// A party (当事人) to a case.
public struct Party: Sendable, Hashable, Codable {
    public static let table = "parties"

    /// UUIDv7 made by the creating node.
    public var id: String
    public var caseNumber: String
    public var side: PartySide
    public var kind: PartyKind
    public var name: String
    /// Resident ID or credit code: personal data.
    public var idNumber: String?
    public var address: String?
    public var phone: String?
    public var bankAccount: String?
    public var minor: Bool

    public init(
        id: String,
        caseNumber: String,
        side: PartySide,
        kind: PartyKind,
        name: String,
        idNumber: String? = nil,
        address: String? = nil,
        phone: String? = nil,
        bankAccount: String? = nil,
        minor: Bool
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.side = side
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.address = address
        self.phone = phone
        self.bankAccount = bankAccount
        self.minor = minor
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case side
        case kind
        case name
        case idNumber = "id_number"
        case address
        case phone
        case bankAccount = "bank_account"
        case minor
    }
}
