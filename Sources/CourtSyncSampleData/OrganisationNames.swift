/// Fake names of companies, banks, insurers and public authorities that appear as parties.
enum OrganisationNames {
    /// Industry words for company names.
    static let industries = [
        "科技", "电子", "贸易", "实业", "投资", "建筑工程", "物流", "房地产开发", "餐饮管理", "供应链管理",
        "商贸", "信息技术", "新能源", "物业管理", "装饰工程", "文化传播", "医疗器械", "服装", "网络科技",
    ]

    /// Bank branches (lenders in 金融借款合同纠纷 and 信用卡纠纷).
    static let banks = [
        "中国工商银行股份有限公司深圳分行", "中国建设银行股份有限公司深圳市分行", "中国农业银行股份有限公司深圳分行",
        "中国银行股份有限公司深圳市分行", "招商银行股份有限公司深圳分行", "平安银行股份有限公司深圳分行",
        "深圳农村商业银行股份有限公司", "交通银行股份有限公司深圳分行", "中信银行股份有限公司深圳分行",
    ]

    /// Insurers (co-defendants in 机动车交通事故责任纠纷).
    static let insurers = [
        "中国人民财产保险股份有限公司深圳市分公司", "中国平安财产保险股份有限公司深圳分公司",
        "中国太平洋财产保险股份有限公司深圳分公司", "中国人寿财产保险股份有限公司深圳市分公司",
    ]

    /// Public authorities (defendants in administrative cases); `%` is replaced by a district.
    static let authorities = [
        "深圳市%人民政府", "深圳市公安局%分局", "深圳市市场监督管理局", "深圳市人力资源和社会保障局",
        "深圳市规划和自然资源局", "深圳市住房和建设局", "深圳市交通运输局", "深圳市%城市管理和综合执法局",
    ]

    /// Property managers (plaintiffs in 物业服务合同纠纷).
    static let propertyManagers = ["物业管理", "物业服务", "物业发展"]

    /// A company such as 深圳市恒信科技有限公司.
    static func company(_ rng: inout SeededRandom) -> String {
        let industry = rng.pick(industries)
        let form = rng.chance(percent: 92) ? "有限公司" : "股份有限公司"
        return "深圳市\(ChineseNames.tradeName(&rng))\(industry)\(form)"
    }

    /// A property management company.
    static func propertyManager(_ rng: inout SeededRandom) -> String {
        "深圳市\(ChineseNames.tradeName(&rng))\(rng.pick(propertyManagers))有限公司"
    }

    /// A public authority, with the district filled in where the name needs one.
    static func authority(district: String, _ rng: inout SeededRandom) -> String {
        let template = rng.pick(authorities)
        let short = district.hasSuffix("区") ? String(district.dropLast()) : district
        let filler = template.contains("分局") ? short : district
        return template.split(separator: "%", omittingEmptySubsequences: false).joined(separator: filler)
    }
}
