import CourtSyncModel

/// How the sample data treats one case type: 案由, filing channels, duration, statutory time
/// limit, closing methods, party sides and which proceedings it has.
struct CaseTypeProfile: Sendable {
    /// The broad procedure, which decides parties, proceedings and documents.
    enum Kind: Sendable, Equatable {
        case civilFirst, civilAppeal, special, preMediation
        case enforcement, enforcementObjection
        case criminalFirst, criminalAppeal
        case administrativeFirst, administrativeAppeal
    }

    /// A procedure variant: how often it is used, how long it takes, and its time limit.
    struct Procedure: Sendable {
        /// Share of cases of the type that use it (only for the fast variant).
        let percent: Int
        /// Days from filing to closing, typically.
        let days: ClosedRange<Int>
        /// Statutory time limit in days.
        let limit: Int
    }

    /// The type code without the special code, e.g. 民初.
    let type: String
    /// `知` for intellectual-property cases, else `nil`.
    let special: String?
    let kind: Kind
    let causes: WeightedTable<CaseCause>
    /// Share of filings through an online channel, before the year trend.
    let onlinePercent: Int
    /// Share of offline filings sent by post.
    let postPercent: Int
    let closing: WeightedTable<ClosingMethod>
    /// The fast variant (简易程序, 速裁), if any.
    let fast: Procedure?
    /// The normal variant.
    let normal: Procedure
    let sides: (PartySide, PartySide)
    /// Share of cases with hearings.
    let hearingPercent: Int
    /// For appeals: the first-instance type at the district courts (知民初 for 知民终).
    let appealOf: String?
    /// For enforcement: the type of the earlier case of the same court it continues.
    let continues: String?

    /// The type code with the special code, e.g. 知民初.
    var code: String { (special ?? "") + type }

    private init(
        _ type: String, special: String? = nil, _ kind: Kind, causes: WeightedTable<CaseCause>,
        online: Int, post: Int = 20, closing: [(ClosingMethod, Int)], fast: Procedure? = nil,
        normal: Procedure, sides: (PartySide, PartySide), hearing: Int, appealOf: String? = nil,
        continues: String? = nil
    ) {
        self.type = type
        self.special = special
        self.kind = kind
        self.causes = causes
        self.onlinePercent = online
        self.postPercent = post
        self.closing = WeightedTable(closing)
        self.fast = fast
        self.normal = normal
        self.sides = sides
        self.hearingPercent = hearing
        self.appealOf = appealOf
        self.continues = continues
    }

    static let civilFirst = CaseTypeProfile(
        "民初", .civilFirst, causes: CaseCause.civil, online: 72,
        closing: [(.judgment, 33), (.mediation, 22), (.withdrawal, 32), (.ruling, 11), (.transfer, 2)],
        fast: Procedure(percent: 70, days: 20...85, limit: 90), normal: Procedure(percent: 30, days: 60...175, limit: 180),
        sides: (.plaintiff, .defendant), hearing: 80)

    static let ipFirst = CaseTypeProfile(
        "民初", special: "知", .civilFirst, causes: CaseCause.intellectualProperty, online: 80,
        closing: [(.judgment, 40), (.mediation, 15), (.withdrawal, 40), (.ruling, 5)],
        normal: Procedure(percent: 100, days: 60...175, limit: 180), sides: (.plaintiff, .defendant), hearing: 85)

    static let civilAppeal = CaseTypeProfile(
        "民终", .civilAppeal, causes: CaseCause.civil, online: 65,
        closing: [(.judgment, 62), (.mediation, 6), (.withdrawal, 14), (.ruling, 18)],
        normal: Procedure(percent: 100, days: 30...88, limit: 90), sides: (.appellant, .appellee), hearing: 70,
        appealOf: "民初")

    static let ipAppeal = CaseTypeProfile(
        "民终", special: "知", .civilAppeal, causes: CaseCause.intellectualProperty, online: 75,
        closing: [(.judgment, 60), (.mediation, 8), (.withdrawal, 20), (.ruling, 12)],
        normal: Procedure(percent: 100, days: 30...88, limit: 90), sides: (.appellant, .appellee), hearing: 75,
        appealOf: "知民初")

    static let special = CaseTypeProfile(
        "民特", .special, causes: CaseCause.special, online: 70,
        closing: [(.ruling, 88), (.withdrawal, 12)],
        normal: Procedure(percent: 100, days: 3...28, limit: 30), sides: (.applicant, .respondent), hearing: 20)

    static let preMediation = CaseTypeProfile(
        "民诉前调", .preMediation, causes: CaseCause.civil, online: 85,
        closing: [(.mediation, 50), (.withdrawal, 15), (.other, 35)],
        normal: Procedure(percent: 100, days: 7...29, limit: 30), sides: (.applicant, .respondent), hearing: 0)

    static let enforcement = CaseTypeProfile(
        "执", .enforcement, causes: CaseCause.civil, online: 78,
        closing: [(.enforced, 35), (.terminatedCurrentEnforcement, 45), (.withdrawal, 6), (.other, 14)],
        normal: Procedure(percent: 100, days: 30...175, limit: 180), sides: (.applicant, .respondent), hearing: 0,
        continues: "民初")

    static let enforcementResumed = CaseTypeProfile(
        "执恢", .enforcement, causes: CaseCause.civil, online: 25, post: 75,
        closing: [(.enforced, 30), (.terminatedCurrentEnforcement, 55), (.withdrawal, 5), (.other, 10)],
        normal: Procedure(percent: 100, days: 30...175, limit: 180), sides: (.applicant, .respondent), hearing: 0,
        continues: "执")

    static let enforcementObjection = CaseTypeProfile(
        "执异", .enforcementObjection, causes: CaseCause.enforcementObjection, online: 25, post: 75,
        closing: [(.ruling, 85), (.withdrawal, 15)],
        normal: Procedure(percent: 100, days: 7...15, limit: 15), sides: (.applicant, .respondent), hearing: 30,
        continues: "执")

    static let criminalFirst = CaseTypeProfile(
        "刑初", .criminalFirst, causes: CaseCause.criminal, online: 10,
        closing: [(.judgment, 95), (.ruling, 3), (.withdrawal, 2)],
        fast: Procedure(percent: 45, days: 5...19, limit: 20), normal: Procedure(percent: 55, days: 20...85, limit: 90),
        sides: (.accused, .victim), hearing: 100)

    static let criminalAppeal = CaseTypeProfile(
        "刑终", .criminalAppeal, causes: CaseCause.criminal, online: 10,
        closing: [(.ruling, 55), (.judgment, 35), (.withdrawal, 10)],
        normal: Procedure(percent: 100, days: 20...58, limit: 60), sides: (.appellant, .victim), hearing: 60,
        appealOf: "刑初")

    static let administrativeFirst = CaseTypeProfile(
        "行初", .administrativeFirst, causes: CaseCause.administrative, online: 60,
        closing: [(.judgment, 45), (.ruling, 25), (.withdrawal, 30)],
        normal: Procedure(percent: 100, days: 40...175, limit: 180), sides: (.plaintiff, .defendant), hearing: 80)

    static let administrativeAppeal = CaseTypeProfile(
        "行终", .administrativeAppeal, causes: CaseCause.administrative, online: 60,
        closing: [(.judgment, 55), (.ruling, 30), (.withdrawal, 15)],
        normal: Procedure(percent: 100, days: 30...88, limit: 90), sides: (.appellant, .appellee), hearing: 70,
        appealOf: "行初")
}
