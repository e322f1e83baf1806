import CourtSyncModel

/// Generates one court's cases in filing order, keeping only the per-court state that case
/// numbers need (serial counters of the current and the previous year).
struct CourtSampleWriter {
    /// The random stream tag of a court's cases.
    static func stream(for courtCode: String) -> UInt64 {
        SeededRandom.tag("courtsync.sample.case." + courtCode)
    }

    let seed: UInt64
    let court: ReferenceData.Court
    let calendar: SampleCalendar
    let registryLawyers: Int
    let appealSources: AppealSources?
    let mix: WeightedTable<CaseTypeProfile>
    let stream: UInt64
    /// The district served (basic courts), for addresses and authorities.
    let district: String?
    let judges: [String]
    let mediators: [String]
    let courtrooms: [String]

    private var serialYear = 0
    private var serials: [String: Int] = [:]
    private var previousSerials: [String: Int] = [:]

    init(seed: UInt64, court: ReferenceData.Court, calendar: SampleCalendar, registryLawyers: Int, appealSources: AppealSources?) {
        self.seed = seed
        self.court = court
        self.calendar = calendar
        self.registryLawyers = registryLawyers
        self.appealSources = appealSources
        self.mix = CourtMix.table(for: court)
        self.stream = Self.stream(for: court.code)
        self.district = ShenzhenPlaces.districtOfCourt[court.code]
        var staff = SeededRandom(seed: seed, stream: SeededRandom.tag("courtsync.sample.staff." + court.code), index: 0)
        judges = (0..<80).map { _ in ChineseNames.person(female: staff.chance(percent: 45), &staff) }
        mediators = (0..<30).map { _ in ChineseNames.person(female: staff.chance(percent: 55), &staff) }
        courtrooms = (1...24).map { "第\($0)法庭" }
    }

    private static let appealResults = WeightedTable<AppealResult>([
        (.affirmed, 68), (.reversed, 10), (.remanded, 4), (.withdrawn, 12), (.settled, 6),
    ])
    private static let notes = [
        "合议庭评议：事实清楚，证据充分，意见一致。", "承办人意见：建议组织双方调解。",
        "证据备注：原告提交银行转账记录及聊天记录。", "审委会讨论意见：维持合议庭意见。",
        "承办人备注：被告下落不明，已公告送达。",
    ]

    /// Generates case `index` (0-based) and its records.
    mutating func writeCase(_ index: Int, emit: (SampleRecord) throws -> Void) rethrows {
        var rng = SeededRandom(seed: seed, stream: stream, index: UInt64(index))
        var profile = mix.draw(&rng)  // The first draw: AppealSources replays it.
        let day = calendar.filingDay(index)
        let date = CivilDate(daysSince1970: day)
        var original: String?
        if let appealOf = profile.appealOf {
            original = appealSources?.original(type: appealOf, appealDate: date, &rng)
            if original == nil { profile = Self.firstInstance(for: profile) }
        }
        if date.year != serialYear {
            previousSerials = date.year == serialYear + 1 ? serials : [:]
            serials.removeAll(keepingCapacity: true)
            serialYear = date.year
        }
        let serial = serials[profile.code, default: 0] + 1
        serials[profile.code] = serial
        let caseNumber = CaseNumber(
            year: date.year, court: court.code, special: profile.special, type: profile.type, serial: serial
        ).canonical
        if original == nil, let earlier = profile.continues, rng.chance(percent: 85) {
            original = earlierOwnCase(type: earlier, &rng)
        }
        let cause = profile.causes.draw(&rng)
        let channel = filingChannel(profile, year: date.year, &rng)

        let procedure = profile.fast.flatMap { rng.chance(percent: $0.percent) ? $0 : nil } ?? profile.normal
        var duration = rng.integer(in: procedure.days)
        var limit = procedure.limit
        if profile.kind == .civilFirst, procedure.limit == profile.normal.limit, rng.chance(percent: 5) {
            limit += 180
            duration += rng.integer(in: 0...150)
        }
        if rng.chance(percent: 6) { duration += rng.integer(in: 30...200) }
        let suspension = rng.chance(percent: 4) ? rng.integer(in: 15...120) : 0
        duration += suspension
        let closeDay = day + duration
        let closed = closeDay <= calendar.asOfDay
        let elapsed = calendar.asOfDay - day

        let stage: CaseStage
        var status = CaseStatus.pending
        var suspendedDays = suspension
        var closingMethod: ClosingMethod?
        if closed {
            closingMethod = profile.closing.draw(&rng)
            stage = calendar.asOfDay - closeDay > 30 ? .archived : .decided
            status = .closed
        } else {
            let progress = elapsed * 1000 / max(1, duration)
            stage = progress < 150 ? .filed : progress < 500 ? .pretrial : .trial
            if suspension > 0 {
                suspendedDays = min(suspension, max(1, elapsed / 2))
                status = .suspended
            }
        }
        let criminal = profile.kind == .criminalFirst || profile.kind == .criminalAppeal
        let juvenile = criminal && rng.chance(percent: profile.kind == .criminalFirst ? 4 : 3)
        let nonPublic = juvenile || (cause.family ? rng.chance(percent: 25) : rng.chance(percent: 1))
        let judge = rng.pick(judges)

        var appealResult: AppealResult?
        if court.level == .basic, closingMethod == .judgment, calendar.asOfDay - closeDay > 120 {
            let percent = profile.kind == .administrativeFirst ? 30 : profile.kind == .criminalFirst ? 6 : 12
            if profile.kind == .civilFirst || profile.kind == .criminalFirst || profile.kind == .administrativeFirst,
                rng.chance(percent: percent)
            {
                appealResult = Self.appealResults.draw(&rng)
            }
        }
        var applied: Int64?
        var recovered: Int64?
        if profile.kind == .enforcement {
            let amounts = Self.enforcementAmounts(closingMethod: closingMethod, &rng)
            applied = amounts.applied
            recovered = amounts.recovered
        }
        let notes = closed && rng.chance(percent: 8) ? rng.pick(Self.notes) : nil

        try emit(.courtCase(CourtCase(
            caseNumber: caseNumber, courtCode: court.code, caseType: profile.code, cause: cause.name,
            filingDate: date, filingChannel: channel, stage: stage, status: status, judge: judge,
            closedDate: closed ? CivilDate(daysSince1970: closeDay) : nil, closingMethod: closingMethod,
            suspendedDays: suspendedDays, timeLimitDays: limit, sealed: juvenile, nonPublic: nonPublic,
            juvenile: juvenile, family: cause.family, originalCaseNumber: original, appealResult: appealResult,
            amountApplied: applied, amountRecovered: recovered, notes: notes)))

        var context = CaseContext(
            caseNumber: caseNumber, profile: profile, cause: cause, filingDay: day, closeDay: closed ? closeDay : nil,
            closingMethod: closingMethod, judge: judge, juvenile: juvenile, year: date.year, asOfDay: calendar.asOfDay)
        try writeParties(&context, &rng, emit: emit)
        try writeHearings(&context, &rng, emit: emit)
        try writeMediations(context, &rng, emit: emit)
        try writeServices(context, &rng, emit: emit)
        try writeFileReviews(context, &rng, emit: emit)
    }

    /// The first-instance profile used when an appeal finds no district case to point at.
    static func firstInstance(for profile: CaseTypeProfile) -> CaseTypeProfile {
        switch profile.kind {
        case .criminalAppeal: .criminalFirst
        case .administrativeAppeal: .administrativeFirst
        default: .civilFirst
        }
    }

    /// An earlier case of this court of `type` (the 执行依据 of an enforcement case), or `nil`.
    private func earlierOwnCase(type: String, _ rng: inout SeededRandom) -> String? {
        let current = serials[type, default: 0]
        let previous = previousSerials[type, default: 0]
        let year: Int
        let serial: Int
        if current > 10, previous == 0 || rng.chance(percent: 50) {
            year = serialYear
            serial = 1 + rng.below(current * 9 / 10)
        } else if previous > 0 {
            year = serialYear - 1
            serial = 1 + rng.below(previous)
        } else {
            return nil
        }
        return CaseNumber(year: year, court: court.code, type: type, serial: serial).canonical
    }

    /// Online channels grow by year (about 5 points a year around 2023).
    private func filingChannel(_ profile: CaseTypeProfile, year: Int, _ rng: inout SeededRandom) -> FilingChannel {
        let factor = min(115, max(70, 85 + 5 * (year - 2020)))
        let online = min(95, profile.onlinePercent * factor / 100)
        if rng.chance(percent: online) { return rng.chance(percent: 45) ? .portal : .mobile }
        return rng.chance(percent: profile.postPercent) ? .post : .counter
    }

    private static let magnitudes = WeightedTable<Int64>([(1_000, 18), (10_000, 36), (100_000, 30), (1_000_000, 13), (10_000_000, 3)])

    /// Amounts in fen: applied for, and recovered (never more than applied).
    static func enforcementAmounts(closingMethod: ClosingMethod?, _ rng: inout SeededRandom) -> (applied: Int64, recovered: Int64) {
        let magnitude = magnitudes.draw(&rng)
        let yuan = magnitude + Int64(rng.below(Int(magnitude * 9)))
        let applied = yuan * 100 + Int64(rng.below(100))
        let percent: Int
        switch closingMethod {
        case .enforced: percent = rng.chance(percent: 85) ? 100 : rng.integer(in: 80...99)
        case .terminatedCurrentEnforcement: percent = rng.chance(percent: 55) ? 0 : rng.integer(in: 1...40)
        case .withdrawal: percent = rng.integer(in: 0...100)
        case .other: percent = rng.integer(in: 50...100)
        default: percent = rng.chance(percent: 40) ? 0 : rng.integer(in: 1...60)
        }
        return (applied, applied * Int64(percent) / 100)
    }
}
