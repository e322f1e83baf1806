/// Who tends to be on one side of a kind of dispute.
enum PartyPattern: Sendable {
    /// Natural persons.
    case person
    /// Companies.
    case company
    /// A natural person with the given percentage, a company otherwise.
    case mixed(personPercent: Int)
    /// A bank branch.
    case bank
    /// A property management company.
    case propertyManager
    /// A natural person plus the insurer of the vehicle.
    case personAndInsurer
    /// A public authority.
    case authority
    /// Nobody on this side (e.g. a prosecution without a victim).
    case none
}

/// A 案由 with the flags and party patterns it implies.
struct CaseCause: Sendable {
    /// The 案由, e.g. 民间借贷纠纷.
    let name: String
    /// Family or inheritance matter.
    let family: Bool
    /// Who usually files (plaintiff, applicant, accused in criminal cases).
    let first: PartyPattern
    /// Who is on the other side (defendant, respondent, victim in criminal cases).
    let second: PartyPattern

    init(_ name: String, family: Bool = false, _ first: PartyPattern, _ second: PartyPattern) {
        self.name = name
        self.family = family
        self.first = first
        self.second = second
    }

    /// Common civil causes of a Shenzhen basic court, with rough weights.
    static let civil = WeightedTable<CaseCause>([
        (CaseCause("民间借贷纠纷", .person, .mixed(personPercent: 85)), 16),
        (CaseCause("买卖合同纠纷", .mixed(personPercent: 20), .mixed(personPercent: 25)), 14),
        (CaseCause("金融借款合同纠纷", .bank, .mixed(personPercent: 70)), 9),
        (CaseCause("信用卡纠纷", .bank, .person), 5),
        (CaseCause("劳动争议", .mixed(personPercent: 80), .company), 8),
        (CaseCause("追索劳动报酬纠纷", .person, .company), 3),
        (CaseCause("机动车交通事故责任纠纷", .person, .personAndInsurer), 9),
        (CaseCause("房屋租赁合同纠纷", .mixed(personPercent: 60), .mixed(personPercent: 60)), 7),
        (CaseCause("物业服务合同纠纷", .propertyManager, .person), 6),
        (CaseCause("服务合同纠纷", .mixed(personPercent: 50), .company), 4),
        (CaseCause("离婚纠纷", family: true, .person, .person), 6),
        (CaseCause("继承纠纷", family: true, .person, .person), 2),
        (CaseCause("抚养纠纷", family: true, .person, .person), 1),
        (CaseCause("建设工程施工合同纠纷", .company, .company), 3),
        (CaseCause("不当得利纠纷", .person, .person), 2),
        (CaseCause("合同纠纷", .mixed(personPercent: 40), .mixed(personPercent: 40)), 3),
        (CaseCause("网络购物合同纠纷", .person, .company), 2),
    ])

    /// Intellectual-property causes.
    static let intellectualProperty = WeightedTable<CaseCause>([
        (CaseCause("侵害商标权纠纷", .company, .company), 30),
        (CaseCause("侵害作品信息网络传播权纠纷", .company, .company), 25),
        (CaseCause("侵害外观设计专利权纠纷", .company, .company), 12),
        (CaseCause("侵害实用新型专利权纠纷", .company, .company), 8),
        (CaseCause("侵害发明专利权纠纷", .company, .company), 5),
        (CaseCause("计算机软件著作权权属纠纷", .company, .mixed(personPercent: 30)), 5),
        (CaseCause("不正当竞争纠纷", .company, .company), 10),
    ])

    /// Special procedures (民特).
    static let special = WeightedTable<CaseCause>([
        (CaseCause("申请司法确认调解协议", .person, .mixed(personPercent: 70)), 40),
        (CaseCause("申请实现担保物权", .bank, .mixed(personPercent: 60)), 20),
        (CaseCause("申请撤销仲裁裁决", .company, .mixed(personPercent: 30)), 15),
        (CaseCause("申请确认仲裁协议效力", .company, .company), 5),
        (CaseCause("申请宣告公民无民事行为能力", family: true, .person, .person), 5),
    ])

    /// Objections in enforcement (执异).
    static let enforcementObjection = WeightedTable<CaseCause>([
        (CaseCause("案外人执行异议", .mixed(personPercent: 60), .mixed(personPercent: 50)), 50),
        (CaseCause("被执行人执行异议", .mixed(personPercent: 60), .mixed(personPercent: 50)), 35),
        (CaseCause("申请执行人执行异议", .mixed(personPercent: 50), .mixed(personPercent: 60)), 15),
    ])

    /// Common offences; `first` is the accused, `second` the victim if any.
    static let criminal = WeightedTable<CaseCause>([
        (CaseCause("危险驾驶罪", .person, .none), 25),
        (CaseCause("盗窃罪", .person, .person), 18),
        (CaseCause("诈骗罪", .person, .person), 14),
        (CaseCause("帮助信息网络犯罪活动罪", .person, .none), 12),
        (CaseCause("故意伤害罪", .person, .person), 6),
        (CaseCause("掩饰、隐瞒犯罪所得罪", .person, .none), 5),
        (CaseCause("开设赌场罪", .person, .none), 4),
        (CaseCause("走私、贩卖、运输、制造毒品罪", .person, .none), 4),
        (CaseCause("寻衅滋事罪", .person, .person), 4),
        (CaseCause("非法吸收公众存款罪", .person, .none), 3),
        (CaseCause("职务侵占罪", .person, .company), 3),
        (CaseCause("信用卡诈骗罪", .person, .bank), 2),
    ])

    /// Administrative causes; `second` is the authority.
    static let administrative = WeightedTable<CaseCause>([
        (CaseCause("政府信息公开", .mixed(personPercent: 85), .authority), 22),
        (CaseCause("行政处罚", .mixed(personPercent: 70), .authority), 22),
        (CaseCause("工伤认定", .mixed(personPercent: 60), .authority), 14),
        (CaseCause("行政复议", .mixed(personPercent: 80), .authority), 10),
        (CaseCause("行政强制", .mixed(personPercent: 60), .authority), 8),
        (CaseCause("履行法定职责", .person, .authority), 8),
        (CaseCause("行政登记", .mixed(personPercent: 60), .authority), 6),
        (CaseCause("行政许可", .company, .authority), 6),
    ])
}
