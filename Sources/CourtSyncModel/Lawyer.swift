/// A lawyer in the bar association's registry, keyed by the bar's id (not the licence number).
public struct Lawyer: Sendable, Hashable, Codable {
    public static let table = "lawyers"

    /// Stable id issued by the bar association, e.g. SZL000123.
    public var id: String
    public var name: String
    /// Current 17-digit licence number (律师执业证号).
    public var licenceNumber: String
    public var licenceStatus: LicenceStatus
    public var firmID: String?
    public var phone: String?
    public var email: String?
    /// Confirmed address for electronic service.
    public var eServiceAddress: String?
    /// Earlier licence numbers, comma-separated, oldest first.
    public var previousLicences: String?

    public init(
        id: String,
        name: String,
        licenceNumber: String,
        licenceStatus: LicenceStatus,
        firmID: String? = nil,
        phone: String? = nil,
        email: String? = nil,
        eServiceAddress: String? = nil,
        previousLicences: String? = nil
    ) {
        self.id = id
        self.name = name
        self.licenceNumber = licenceNumber
        self.licenceStatus = licenceStatus
        self.firmID = firmID
        self.phone = phone
        self.email = email
        self.eServiceAddress = eServiceAddress
        self.previousLicences = previousLicences
    }

    /// The row key.
    public var key: String { id }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case name
        case licenceNumber = "licence_number"
        case licenceStatus = "licence_status"
        case firmID = "firm_id"
        case phone
        case email
        case eServiceAddress = "e_service_address"
        case previousLicences = "previous_licences"
    }
}
