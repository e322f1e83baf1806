/// A case (案件), keyed by its canonical case number.
public struct CourtCase: Sendable, Hashable, Codable {
    public static let table = "cases"

    /// Canonical case number (the key), e.g. （2024）粤0304民初1234号.
    public var caseNumber: String
    /// Court code (法院代字) of the owning court.
    public var courtCode: String
    /// Type code including a special prefix, e.g. 民初 or 知民初.
    public var caseType: String
    /// 案由, e.g. 民间借贷纠纷.
    public var cause: String?
    /// Date the case was received (立案日期).
    public var filingDate: CivilDate
    public var filingChannel: FilingChannel
    public var stage: CaseStage
    public var status: CaseStatus
    /// Presiding judge (承办法官).
    public var judge: String?
    public var closedDate: CivilDate?
    public var closingMethod: ClosingMethod?
    /// Days the case was suspended; excluded from trial duration.
    public var suspendedDays: Int
    /// Statutory time limit (审限) in days, including approved extensions.
    public var timeLimitDays: Int?
    /// Sealed record (e.g. juvenile criminal records, CPL art. 286).
    public var sealed: Bool
    /// Not heard or published in public.
    public var nonPublic: Bool
    /// Involves a minor.
    public var juvenile: Bool
    /// Family or inheritance matter.
    public var family: Bool
    /// 原审案号 / 执行依据: the earlier case this one continues.
    public var originalCaseNumber: String?
    /// Outcome on appeal, written by the intermediate court.
    public var appealResult: AppealResult?
    /// Enforcement: amount applied for, in fen.
    public var amountApplied: Int64?
    /// Enforcement: amount actually recovered, in fen.
    public var amountRecovered: Int64?
    /// Internal notes (deliberations, evidence remarks): never leave the owning court.
    public var notes: String?

    public init(
        caseNumber: String,
        courtCode: String,
        caseType: String,
        cause: String? = nil,
        filingDate: CivilDate,
        filingChannel: FilingChannel,
        stage: CaseStage,
        status: CaseStatus,
        judge: String? = nil,
        closedDate: CivilDate? = nil,
        closingMethod: ClosingMethod? = nil,
        suspendedDays: Int,
        timeLimitDays: Int? = nil,
        sealed: Bool,
        nonPublic: Bool,
        juvenile: Bool,
        family: Bool,
        originalCaseNumber: String? = nil,
        appealResult: AppealResult? = nil,
        amountApplied: Int64? = nil,
        amountRecovered: Int64? = nil,
        notes: String? = nil
    ) {
        self.caseNumber = caseNumber
        self.courtCode = courtCode
        self.caseType = caseType
        self.cause = cause
        self.filingDate = filingDate
        self.filingChannel = filingChannel
        self.stage = stage
        self.status = status
        self.judge = judge
        self.closedDate = closedDate
        self.closingMethod = closingMethod
        self.suspendedDays = suspendedDays
        self.timeLimitDays = timeLimitDays
        self.sealed = sealed
        self.nonPublic = nonPublic
        self.juvenile = juvenile
        self.family = family
        self.originalCaseNumber = originalCaseNumber
        self.appealResult = appealResult
        self.amountApplied = amountApplied
        self.amountRecovered = amountRecovered
        self.notes = notes
    }

    /// The row key.
    public var key: String { caseNumber }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case caseNumber = "case_number"
        case courtCode = "court_code"
        case caseType = "case_type"
        case cause
        case filingDate = "filing_date"
        case filingChannel = "filing_channel"
        case stage
        case status
        case judge
        case closedDate = "closed_date"
        case closingMethod = "closing_method"
        case suspendedDays = "suspended_days"
        case timeLimitDays = "time_limit_days"
        case sealed
        case nonPublic = "non_public"
        case juvenile
        case family
        case originalCaseNumber = "original_case_number"
        case appealResult = "appeal_result"
        case amountApplied = "amount_applied"
        case amountRecovered = "amount_recovered"
        case notes
    }
}
