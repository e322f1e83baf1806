/// Shenzhen districts, roads and estates for fake addresses, and the division codes that go
/// into resident ID numbers.
enum ShenzhenPlaces {
    /// District name by the basic court that serves it.
    static let districtOfCourt: [String: String] = [
        "粤0303": "罗湖区", "粤0304": "福田区", "粤0305": "南山区", "粤0306": "宝安区", "粤0307": "龙岗区",
        "粤0308": "盐田区", "粤0309": "龙华区", "粤0310": "坪山区", "粤0311": "光明区", "粤0391": "南山区",
    ]

    /// Districts with a rough population weight.
    static let districts = WeightedTable<String>([
        ("罗湖区", 11), ("福田区", 16), ("南山区", 17), ("宝安区", 26), ("龙岗区", 24), ("盐田区", 2),
        ("龙华区", 15), ("坪山区", 5), ("光明区", 6),
    ])

    /// Roads, by district.
    static let roads: [String: [String]] = [
        "罗湖区": ["人民南路", "东门北路", "深南东路", "建设路", "翠竹路", "宝安北路", "笋岗路"],
        "福田区": ["深南中路", "福华路", "滨河大道", "红荔路", "益田路", "金田路", "彩田路", "皇岗路"],
        "南山区": ["科技园路", "南海大道", "深南大道", "科苑南路", "后海大道", "前海路", "桃园路"],
        "宝安区": ["宝安大道", "新安六路", "创业一路", "建安一路", "松白路", "福永大道", "沙井路"],
        "龙岗区": ["龙岗大道", "布吉路", "深惠路", "横岗大道", "坂田五和大道", "龙城大道"],
        "盐田区": ["沙头角路", "盐田路", "海山路", "深盐路"],
        "龙华区": ["民治大道", "梅龙路", "人民路", "观澜大道", "龙华大道", "布龙路"],
        "坪山区": ["坪山大道", "深汕路", "东纵路", "金牛路"],
        "光明区": ["光明大道", "华夏路", "公明大道", "光侨路"],
    ]

    /// Suffixes of residential estates and office buildings.
    static let estateSuffixes = ["花园", "苑", "名苑", "大厦", "广场", "中心", "家园", "公寓", "城"]

    /// 6-digit division codes for resident ID numbers: Shenzhen districts and common places of origin
    /// of Shenzhen residents, with weights.
    static let divisionCodes = WeightedTable<String>([
        ("440303", 5), ("440304", 6), ("440305", 6), ("440306", 8), ("440307", 8), ("440308", 1),
        ("440309", 4), ("440310", 2), ("440311", 2), ("440301", 6),
        ("441302", 4), ("445202", 4), ("440882", 3), ("441581", 3), ("440582", 3), ("441424", 3),
        ("430102", 3), ("430521", 3), ("431202", 2), ("360102", 2), ("362101", 2), ("420102", 3),
        ("421181", 2), ("450102", 2), ("452501", 2), ("410102", 3), ("411302", 2), ("510107", 2),
        ("511321", 2), ("350102", 1), ("340102", 1), ("370102", 1), ("130102", 1), ("230102", 1),
    ])

    /// A Shenzhen address, in `district` when given, e.g. 深圳市福田区深南中路1234号华信大厦1205.
    static func address(district given: String?, _ rng: inout SeededRandom) -> String {
        let district = given ?? districts.draw(&rng)
        let road = rng.pick(roads[district] ?? ["深南大道"])
        let number = rng.integer(in: 1...3999)
        let estate = ChineseNames.tradeName(&rng) + rng.pick(estateSuffixes)
        let floor = rng.integer(in: 1...38)
        let room = floor * 100 + rng.integer(in: 1...12)
        let building = rng.chance(percent: 50) ? "\(rng.integer(in: 1...12))栋" : ""
        return "深圳市\(district)\(road)\(number)号\(estate)\(building)\(room)"
    }
}
