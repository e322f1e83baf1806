import CourtSyncModel

/// Builds registry records (law firms and lawyers), each from its own random stream.
struct RegistryBuilder: Sendable {
    static let lawyerStream = SeededRandom.tag("courtsync.sample.lawyer")
    static let firmStream = SeededRandom.tag("courtsync.sample.firm")

    let seed: UInt64
    let firms: Int
    /// Offsets that scramble serials and names per seed (bijections of the index).
    private let serialOffset: Int
    private let nameOffset: Int

    init(seed: UInt64, firms: Int) {
        self.seed = seed
        self.firms = firms
        var mixer = seed ^ 0x5EED
        serialOffset = Int(SeededRandom.splitMix(&mixer) % 1_000_000)
        nameOffset = Int(SeededRandom.splitMix(&mixer) % 1_000_000)
    }

    private static let statuses = WeightedTable<LicenceStatus>([(.practising, 94), (.suspended, 4), (.revoked, 2)])
    private static let categories = WeightedTable<Int>([(1, 90), (2, 7), (3, 2), (4, 1)])
    /// Earlier places of practice: province and city codes (Guangzhou, Dongguan, Beijing, Changsha, Wuhan).
    private static let earlierPlaces = ["4401", "4419", "1101", "4301", "4201", "3601"]
    private static let mailDomains = ["example.com", "example.net", "example.org"]

    /// The licence status of lawyer `index`: the first draw of the lawyer's stream.
    static func status(seed: UInt64, index: Int) -> LicenceStatus {
        var rng = SeededRandom(seed: seed, stream: lawyerStream, index: UInt64(index))
        return statuses.draw(&rng)
    }

    /// Law firm `index` (1-based).
    func firm(_ index: Int) -> LawFirm {
        var rng = SeededRandom(seed: seed, stream: Self.firmStream, index: UInt64(index))
        let pairs = ChineseNames.tradeSyllables.count * (ChineseNames.tradeSyllables.count - 1)
        var word = ChineseNames.distinctTradeName(index - 1, offset: nameOffset)
        if index > pairs {
            word += ChineseNames.tradeSyllables[((index - 1) / pairs) % ChineseNames.tradeSyllables.count]
        }
        let name: String
        switch rng.below(100) {
        case 0..<72: name = "广东\(word)律师事务所"
        case 72..<88: name = "北京\(word)（深圳）律师事务所"
        case 88..<96: name = "上海\(word)（深圳）律师事务所"
        default: name = "广东\(word)（前海）联营律师事务所"
        }
        let district = rng.chance(percent: 70) ? (rng.chance(percent: 60) ? "福田区" : "南山区") : nil
        return LawFirm(
            id: SampleGenerator.firmID(index), name: name,
            creditCode: PersonalNumbers.creditCode(prefix: "31", &rng),
            address: ShenzhenPlaces.address(district: district, &rng), phone: PersonalNumbers.landline(&rng))
    }

    /// Lawyer `index` (1-based).
    func lawyer(_ index: Int) -> Lawyer {
        var rng = SeededRandom(seed: seed, stream: Self.lawyerStream, index: UInt64(index))
        let status = Self.statuses.draw(&rng)
        let female = rng.chance(percent: 46)
        let name = ChineseNames.person(female: female, &rng)
        // Newer cohorts are larger: draw twice and keep the later year half of the time.
        let span = SampleGenerator.registryLatestYear - SampleGenerator.registryEarliestYear
        var yearOffset = rng.integer(in: 0...span)
        if rng.chance(percent: 50) { yearOffset = max(yearOffset, rng.integer(in: 0...span)) }
        let year = String(SampleGenerator.registryEarliestYear + yearOffset)
        let category = Self.categories.draw(&rng)
        let gender = female ? "1" : "0"
        // 7919 is prime to 10⁶: distinct indexes below 10⁶ get distinct serials.
        let serial = TimeText.padded((index &* 7919 &+ serialOffset) % 1_000_000, 6)
        let licence = "14403" + year + String(category) + gender + serial

        var previous: [String] = []
        if rng.chance(percent: 12) {
            let place = rng.chance(percent: 60) ? "4403" : rng.pick(Self.earlierPlaces)
            let earlierCategory = place == "4403" ? (category == 1 ? "2" : "1") : String(category)
            previous.append("1" + place + year + earlierCategory + gender + TimeText.padded(rng.below(1_000_000), 6))
            if rng.chance(percent: 20) {
                let older = rng.pick(Self.earlierPlaces)
                previous.insert("1" + older + year + "1" + gender + TimeText.padded(rng.below(1_000_000), 6), at: 0)
            }
        }
        let firmID: String? = status == .revoked || firms == 0 ? nil : SampleGenerator.firmID(firmIndex(&rng))
        let phone = PersonalNumbers.mobile(&rng)
        let email = "lw" + TimeText.padded(rng.below(100_000_000), 8) + "@" + rng.pick(Self.mailDomains)
        let eService: String?
        switch rng.below(100) {
        case 0..<72: eService = email
        case 72..<90: eService = phone
        default: eService = nil
        }
        return Lawyer(
            id: SampleGenerator.lawyerID(index), name: name, licenceNumber: licence, licenceStatus: status,
            firmID: firmID, phone: phone, email: email, eServiceAddress: eService,
            previousLicences: previous.isEmpty ? nil : previous.joined(separator: ","))
    }

    /// A firm index, skewed so that the first tenth of the firms are large.
    private func firmIndex(_ rng: inout SeededRandom) -> Int {
        if rng.chance(percent: 40) { return 1 + rng.below(max(1, firms / 10)) }
        return 1 + rng.below(firms)
    }
}
