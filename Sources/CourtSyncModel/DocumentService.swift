/// Service of a document (送达) on a recipient.
public struct DocumentService: Sendable, Hashable, Codable {
    public static let table = "services"

    public var id: String
    public var caseNumber: String
    /// What was served, e.g. 开庭传票.
    public var document: String
    /// Recipient name.
    public var recipient: String
    public var method: ServiceMethod
    /// Service address (phone, e-mail, postal address).
    public var address: String?
    public var sentAt: String
    public var deliveredAt: String?

    public init(
        id: String,
        caseNumber: String,
        document: String,
        recipient: String,
        method: ServiceMethod,
        address: String? = nil,
        sentAt: String,
        deliveredAt: String? = nil
    ) {
        self.id = id
        self.caseNumber = caseNumber
        self.document = document
        self.recipient = recipient
        self.method = method
        self.address = address
        self.sentAt = sentAt
        self.deliveredAt = deliveredAt
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case document
        case recipient
        case method
        case address
        case sentAt = "sent_at"
        case deliveredAt = "delivered_at"
    }
}
