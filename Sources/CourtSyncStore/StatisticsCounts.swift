/// One cell of the statistics: a court, a case type and a calendar month (`YYYY-MM`, the local
/// month of the date that puts an item in a period).
public struct StatisticsCellKey: Sendable, Hashable, Comparable {
    /// The court code, e.g. `粤0304`.
    public var courtCode: String
    /// The case type code as stored, e.g. `民初`, `知民初`, `执恢`.
    public var caseType: String
    /// The month, `YYYY-MM`.
    public var month: String

    /// Creates a key.
    public init(courtCode: String, caseType: String, month: String) {
        self.courtCode = courtCode
        self.caseType = caseType
        self.month = month
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.month, lhs.courtCode, lhs.caseType) < (rhs.month, rhs.courtCode, rhs.caseType)
    }
}

/// Additive counts of one ``StatisticsCellKey``: every field of two cells (or of many months) can be
/// added, so reports roll months, types and courts up by summing. Which date decides the month is
/// given per field; docs/STATISTICS.md defines each figure built from them.
public struct StatisticsCounts: Sendable, Equatable {
    // By month of filing_date.
    /// Cases filed (新收).
    public var filed: Int64 = 0
    /// Cases filed through an online channel (``FilingChannel/isOnline``).
    public var filedOnline: Int64 = 0

    // By month of closed_date.
    /// Cases closed (结案): `closed_date` set.
    public var closed: Int64 = 0
    /// Closed by mediation (调解).
    public var closedByMediation: Int64 = 0
    /// Closed by withdrawal (撤诉).
    public var closedByWithdrawal: Int64 = 0
    /// Closed cases with a filing date (the cases the trial days are summed over).
    public var closedWithFilingDate: Int64 = 0
    /// Sum over closed cases of closed − filed − suspended days.
    public var trialDays: Int64 = 0
    /// Closed cases that have a statutory time limit (`time_limit_days` set).
    public var closedWithTimeLimit: Int64 = 0
    /// Of those, closed within it: closed − filed − suspended days ≤ time_limit_days.
    public var closedWithinTimeLimit: Int64 = 0
    /// Closed by judgment or ruling (the closings that can be appealed).
    public var appealableClosed: Int64 = 0
    /// Of those, cases that a case of an appeal type names as its original case (原审案号), or
    /// that carry an appeal result (a node may hold the result without the appeal case).
    public var appealed: Int64 = 0
    /// Closed cases whose appeal result is reversed (改判) or remanded (发回重审).
    public var reversedOrRemanded: Int64 = 0
    /// Closed cases carrying an amount applied for (enforcement).
    public var closedWithAmount: Int64 = 0
    /// Sum of amounts applied for, in fen, over closed cases.
    public var amountApplied: Int64 = 0
    /// Sum of amounts recovered, in fen, over the same cases.
    public var amountRecovered: Int64 = 0
    /// Closed by 终结本次执行程序 (终本).
    public var closedTerminatedCurrent: Int64 = 0

    // By month of hearings.scheduled_at.
    /// Hearings held.
    public var hearingsHeld: Int64 = 0
    /// Hearings held online (mode `online`; hybrid hearings are not counted as online).
    public var hearingsHeldOnline: Int64 = 0

    // By month of services.sent_at.
    /// Documents sent.
    public var servicesSent: Int64 = 0
    /// Sent by an electronic method (``ServiceMethod/isElectronic``).
    public var servicesElectronic: Int64 = 0
    /// Sent electronically and confirmed delivered (`delivered_at` set).
    public var servicesElectronicDelivered: Int64 = 0

    // By month of mediations.concluded_on.
    /// Online mediations concluded (a result other than pending and a conclusion date).
    public var onlineMediationsConcluded: Int64 = 0
    /// Of those, succeeded.
    public var onlineMediationsSucceeded: Int64 = 0

    // By month of file_review_requests.decided_at.
    /// File-review requests decided (approved or rejected, with a decision time).
    public var reviewsDecided: Int64 = 0
    /// Of those, approved.
    public var reviewsApproved: Int64 = 0
    /// Seconds from request to decision of each decided request (for the median).
    public var reviewSeconds: [Int64] = []

    /// Empty counts.
    public init() {}
}
