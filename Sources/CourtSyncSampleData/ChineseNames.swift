/// Word lists for fake but realistic Chinese names of people and organisations.
enum ChineseNames {
    /// Common surnames with rough weights (the most common first).
    static let surnames = WeightedTable<String>([
        ("王", 72), ("李", 70), ("张", 66), ("刘", 54), ("陈", 70), ("杨", 36), ("黄", 40), ("赵", 22),
        ("吴", 26), ("周", 22), ("徐", 18), ("孙", 14), ("马", 13), ("朱", 14), ("胡", 14), ("郭", 12),
        ("何", 14), ("高", 11), ("林", 22), ("罗", 14), ("郑", 14), ("梁", 14), ("谢", 12), ("宋", 8),
        ("唐", 8), ("许", 8), ("韩", 7), ("冯", 7), ("邓", 10), ("曹", 7), ("彭", 8), ("曾", 12),
        ("肖", 8), ("田", 6), ("董", 6), ("袁", 6), ("潘", 6), ("于", 5), ("蒋", 6), ("蔡", 9),
        ("余", 7), ("杜", 5), ("叶", 9), ("程", 5), ("苏", 6), ("魏", 5), ("吕", 5), ("丁", 4),
        ("任", 4), ("沈", 4), ("姚", 4), ("卢", 5), ("姜", 4), ("崔", 3), ("钟", 7), ("谭", 5),
        ("陆", 4), ("汪", 4), ("范", 4), ("金", 3), ("石", 4), ("廖", 6), ("贾", 3), ("夏", 3),
        ("韦", 4), ("方", 4), ("白", 3), ("邹", 4), ("孟", 3), ("熊", 3), ("秦", 3), ("邱", 5),
        ("江", 4), ("尹", 2), ("薛", 2), ("段", 2), ("雷", 3), ("侯", 2), ("龙", 2), ("史", 2),
        ("陶", 2), ("黎", 3), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2),
        ("万", 2), ("严", 2), ("覃", 2), ("戴", 2), ("莫", 3), ("孔", 1), ("汤", 2), ("欧阳", 2),
        ("司徒", 1), ("上官", 1),
    ])

    /// Given-name characters mostly used for men.
    static let male: [String] = Array("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯俊帆峰晨阳志建国文斌亮龙海林东旭振宏毅彬晖锋哲坤").map(String.init)

    /// Given-name characters mostly used for women.
    static let female: [String] = Array("芳娜敏静丽艳娟霞秀玲燕婷雪慧琳颖洁倩萍红梅佳欣怡晶璐瑶琪丹蓉薇岚妍菲蕾莉悦").map(String.init)

    /// Given-name characters used for anyone.
    static let neutral: [String] = Array("文明嘉子思雨晓一春安宁心然可欣俊小永海立家").map(String.init)

    /// Syllables for organisation trade names (商号).
    static let tradeSyllables: [String] = Array("华信诚德恒正明泰和君瑞金汇鹏海博睿盛安达中天宏远鼎成兴嘉誉卓越联创新融星辰佳诺").map(String.init)

    /// A full name (surname and one or two given-name characters).
    static func person(female: Bool, _ rng: inout SeededRandom) -> String {
        var name = surnames.draw(&rng)
        let pool = female ? Self.female : male
        if rng.chance(percent: 25) {
            name += pool[rng.below(pool.count)]
        } else {
            name += rng.chance(percent: 50) ? neutral[rng.below(neutral.count)] : pool[rng.below(pool.count)]
            name += pool[rng.below(pool.count)]
        }
        return name
    }

    /// A two-character trade name such as 恒信.
    static func tradeName(_ rng: inout SeededRandom) -> String {
        let first = rng.below(tradeSyllables.count)
        var second = rng.below(tradeSyllables.count - 1)
        if second >= first { second += 1 }
        return tradeSyllables[first] + tradeSyllables[second]
    }

    /// The `index`-th two-character trade name of a fixed permutation of all pairs (no repeats
    /// until all pairs are used), so that registry names are distinct.
    static func distinctTradeName(_ index: Int, offset: Int) -> String {
        let count = tradeSyllables.count
        let pairs = count * (count - 1)
        // 7919 is prime and does not divide `pairs`, so this walks every pair once.
        let slot = (index &* 7919 &+ offset) % pairs
        let first = slot / (count - 1)
        var second = slot % (count - 1)
        if second >= first { second += 1 }
        return tradeSyllables[first] + tradeSyllables[second]
    }
}
