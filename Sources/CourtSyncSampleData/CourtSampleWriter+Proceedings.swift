import CourtSyncModel

extension CourtSampleWriter {
    /// Hearing start times (hour, minute) of a court day.
    private static let slots = [(9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (14, 0), (14, 30), (15, 0), (15, 30), (16, 0)]
    private static let hearingStatuses = WeightedTable<HearingStatus>([(.held, 88), (.postponed, 8), (.cancelled, 4)])
    private static let hearingPlatforms = WeightedTable<String>([("深圳移动微法院", 55), ("云上法庭", 45)])
    private static let mediationPlatforms = WeightedTable<String>([("人民法院调解平台", 55), ("深圳移动微法院", 45)])

    /// Emits the hearings of a case: in the window between filing and closing (or up to some
    /// weeks after `asOf` for pending cases, then still scheduled), on weekdays.
    func writeHearings(_ context: inout CaseContext, _ rng: inout SeededRandom, emit: (SampleRecord) throws -> Void) rethrows {
        let profile = context.profile
        guard profile.hearingPercent > 0, rng.chance(percent: profile.hearingPercent) else { return }
        if context.closingMethod == .withdrawal, rng.chance(percent: 60) { return }
        let span = context.endDay - context.filingDay
        let start = context.filingDay + max(2, min(20, span / 3))
        let end = context.isClosed ? context.endDay : calendar.asOfDay + 40
        guard end >= start else { return }
        let count = rng.chance(percent: 70) ? 1 : rng.chance(percent: 83) ? 2 : 3
        var days = (0..<count).map { _ in start + rng.below(end - start + 1) }
        days.sort()
        let criminal = profile.kind == .criminalFirst || profile.kind == .criminalAppeal
        let onlinePercent = criminal ? 35 : min(60, 44 + 2 * (context.year - 2020))
        for (position, rawDay) in days.enumerated() {
            // Saturday and Sunday move back to Friday (1970-01-01 was a Thursday).
            let weekday = (rawDay + 4) % 7
            let day = max(context.filingDay + 1, weekday == 6 ? rawDay - 1 : weekday == 0 ? rawDay - 2 : rawDay)
            let (hour, minute) = rng.pick(Self.slots)
            let time = TimeText.localSeconds(day: day, hour: hour, minute: minute)
            let roll = rng.below(100)
            let mode: HearingMode = roll < onlinePercent ? .online : roll < onlinePercent + 10 ? .hybrid : .offline
            let status: HearingStatus
            if time > calendar.asOfEnd {
                status = .scheduled
            } else if context.isClosed, position == days.count - 1 {
                status = .held
            } else {
                status = Self.hearingStatuses.draw(&rng)
            }
            if context.firstHearingDay == nil { context.firstHearingDay = day }
            try emit(.hearing(Hearing(
                id: UUIDv7.make(milliseconds: TimeText.milliseconds(time), using: &rng),
                caseNumber: context.caseNumber, scheduledAt: TimeText.timestamp(time), mode: mode,
                platform: mode == .offline ? nil : Self.hearingPlatforms.draw(&rng),
                courtroom: mode == .online ? nil : rng.pick(courtrooms), status: status)))
        }
    }

    /// Emits mediations: always for 民诉前调, for civil cases closed by mediation, and a failed or
    /// pending attempt in some other civil cases.
    func writeMediations(_ context: CaseContext, _ rng: inout SeededRandom, emit: (SampleRecord) throws -> Void) rethrows {
        let kind = context.profile.kind
        let result: MediationResult
        switch kind {
        case .preMediation:
            switch context.closingMethod {
            case nil: result = .pending
            case .mediation: result = .succeeded
            case .withdrawal: result = .withdrawn
            default: result = .failed
            }
        case .civilFirst, .civilAppeal:
            if context.closingMethod == .mediation {
                result = .succeeded
            } else if rng.chance(percent: 12) {
                result = context.isClosed || rng.chance(percent: 50) ? .failed : .pending
            } else {
                return
            }
        default:
            return
        }
        let span = context.endDay - context.filingDay
        let startDay = context.filingDay + rng.below(max(1, min(10, span)))
        let concluded: Int?
        switch result {
        case .pending: concluded = nil
        case .succeeded, .withdrawn:
            // Both only happen in closed cases: the mediation concluded the case.
            concluded = context.endDay
        case .failed where kind == .preMediation:
            concluded = context.endDay
        default: concluded = min(context.endDay, startDay + rng.integer(in: 1...20))
        }
        let online = rng.chance(percent: min(80, 55 + 3 * (context.year - 2020)))
        let time = TimeText.localSeconds(day: startDay, hour: 10, minute: 0) + Int64(rng.below(6 * 3600))
        try emit(.mediation(Mediation(
            id: UUIDv7.make(milliseconds: TimeText.milliseconds(time), using: &rng), caseNumber: context.caseNumber,
            online: online, platform: online ? Self.mediationPlatforms.draw(&rng) : nil, mediator: rng.pick(mediators),
            startedOn: CivilDate(daysSince1970: startDay),
            concludedOn: concluded.map { CivilDate(daysSince1970: max(startDay, $0)) }, result: result)))
    }
}
