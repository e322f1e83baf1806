/// A law firm in the bar association's registry.
public struct LawFirm: Sendable, Hashable, Codable {
    public static let table = "law_firms"

    /// Stable id issued by the bar association.
    public var id: String
    public var name: String
    /// Unified social credit code, starting with 31.
    public var creditCode: String
    public var address: String?
    public var phone: String?

    public init(
        id: String,
        name: String,
        creditCode: String,
        address: String? = nil,
        phone: String? = nil
    ) {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.address = address
        self.phone = phone
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case name
        case creditCode = "credit_code"
        case address
        case phone
    }
}
