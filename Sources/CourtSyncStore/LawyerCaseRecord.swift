import CourtSyncModel

/// Whose cases a lawyer case list shows.
public enum LawyerCaseSelection: Sendable, Hashable, CustomStringConvertible {
    /// One lawyer by the bar association's stable id, e.g. `SZL000007`.
    case lawyer(String)
    /// The lawyer holding a 17-digit licence number; when no lawyer holds it now, the lawyer(s)
    /// who held it before (``LawyerCaseResult/matchedPreviousLicence``).
    case licence(String)
    /// Every lawyer of a law firm, by the bar's firm id, e.g. `SZF0001`.
    case firm(String)

    /// The selector as a person typed it, e.g. `lawyer SZL000007`.
    public var description: String {
        switch self {
        case .lawyer(let id): "lawyer \(id)"
        case .licence(let number): "licence \(number)"
        case .firm(let id): "firm \(id)"
        }
    }
}

/// A lawyer case list was asked for someone this node does not know. Maps to HTTP 404.
public enum LawyerLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No lawyer has this id.
    case unknownLawyer(String)
    /// No lawyer holds or held this licence number.
    case unknownLicence(String)
    /// No law firm has this id and no lawyer names it as their firm.
    case unknownFirm(String)

    public var description: String {
        switch self {
        case .unknownLawyer(let id):
            "no lawyer with id \(id) on this node"
        case .unknownLicence(let number):
            "no lawyer holds or held licence number \(number) on this node"
        case .unknownFirm(let id):
            "no law firm with id \(id) on this node"
        }
    }
}

/// A lawyer as a case list names them: registry facts only, no contact data.
public struct LawyerSummary: Sendable, Hashable, Codable {
    /// The bar's stable id, e.g. `SZL000007`.
    public var id: String
    public var name: String?
    /// Current 17-digit licence number.
    public var licenceNumber: String?
    public var licenceStatus: LicenceStatus?
    public var firmID: String?
    public var firmName: String?

    public init(
        id: String, name: String? = nil, licenceNumber: String? = nil, licenceStatus: LicenceStatus? = nil,
        firmID: String? = nil, firmName: String? = nil
    ) {
        self.id = id
        self.name = name
        self.licenceNumber = licenceNumber
        self.licenceStatus = licenceStatus
        self.firmID = firmID
        self.firmName = firmName
    }
}

/// One case on which one lawyer is counsel of record (active representation), with what the bar
/// association may see of it (domain README §4). Never holds party names or ids.
public struct LawyerCaseRecord: Sendable, Hashable {
    /// The lawyer acting in the case.
    public var lawyerID: String
    public var caseNumber: String
    public var courtCode: String?
    /// The court's name from the `courts` table, nil when this node has no row for the court.
    public var courtName: String?
    public var caseType: String?
    /// 案由.
    public var cause: String?
    /// `YYYY-MM-DD`.
    public var filingDate: String?
    public var stage: CaseStage?
    public var status: CaseStatus?
    /// `YYYY-MM-DD`.
    public var closedDate: String?
    public var closingMethod: ClosingMethod?
    /// The sides the lawyer represents in the case (roles, never persons), distinct and sorted.
    public var sides: [PartySide]
    /// Hearings with status scheduled at or after the as-of instant, earliest first.
    public var upcomingHearings: [Hearing]
    /// This lawyer's file-review requests on the case still awaiting a decision, oldest first.
    public var pendingFileReviews: [FileReviewRequest]
    /// Hearings at or after the as-of instant that were cancelled or postponed, earliest first:
    /// a calendar that imported them while they were scheduled must be told to drop them.
    public var calledOffHearings: [Hearing] = []

    /// The earliest upcoming scheduled hearing, if any.
    public var nextHearing: Hearing? { upcomingHearings.first }
}

/// The lawyers a selection resolved to and their cases, read in one snapshot.
public struct LawyerCaseResult: Sendable, Hashable {
    public var selection: LawyerCaseSelection
    /// The lawyers selected, by id.
    public var lawyers: [LawyerSummary]
    /// For a firm selection, the firm's id and name (nil when the firm row has not arrived).
    public var firmID: String?
    public var firmName: String?
    /// True when a licence selection matched no current licence but an earlier one.
    public var matchedPreviousLicence: Bool
    /// Cases, newest filing first, then by case number and lawyer id.
    public var cases: [LawyerCaseRecord]
}
