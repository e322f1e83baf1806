import CourtSyncModel

/// What the records of one case need to know about the case while they are generated.
struct CaseContext {
    /// A party as the later records of the case see it.
    struct PartyDraft {
        let id: String
        let name: String
        let side: PartySide
        let kind: PartyKind
        let phone: String?
        let address: String?
        /// In custody (an accused in a criminal case): served in person.
        let inCustody: Bool
    }

    let caseNumber: String
    let profile: CaseTypeProfile
    let cause: CaseCause
    let filingDay: Int
    /// Closing day, or `nil` while pending.
    let closeDay: Int?
    let closingMethod: ClosingMethod?
    let judge: String
    let juvenile: Bool
    /// The year of filing.
    let year: Int
    /// The last day anything of the case happens: its closing day or `asOf`.
    let endDay: Int

    var parties: [PartyDraft] = []
    /// Lawyers of record (active representations) and the day they came on record.
    var counsel: [(lawyerID: String, sinceDay: Int)] = []
    /// Day of the first hearing, if any.
    var firstHearingDay: Int?

    var isClosed: Bool { closeDay != nil }

    init(
        caseNumber: String, profile: CaseTypeProfile, cause: CaseCause, filingDay: Int, closeDay: Int?,
        closingMethod: ClosingMethod?, judge: String, juvenile: Bool, year: Int, asOfDay: Int
    ) {
        self.caseNumber = caseNumber
        self.profile = profile
        self.cause = cause
        self.filingDay = filingDay
        self.closeDay = closeDay
        self.closingMethod = closingMethod
        self.judge = judge
        self.juvenile = juvenile
        self.year = year
        self.endDay = closeDay ?? asOfDay
    }
}
