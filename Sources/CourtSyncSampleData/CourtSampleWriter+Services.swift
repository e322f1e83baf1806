import CourtSyncModel

extension CourtSampleWriter {
    private static let methods = WeightedTable<ServiceMethod>([
        (.wechat, 30), (.sms, 24), (.email, 8), (.platform, 16), (.post, 15), (.inPerson, 5), (.announcement, 2),
    ])
    private static let reviewDecisions = WeightedTable<ReviewDecision>([(.approved, 84), (.rejected, 7), (.withdrawn, 5), (.pending, 4)])
    private static let mailDomains = ["example.com", "example.net", "example.org"]
    private static let hour: Int64 = 3600
    private static let day: Int64 = 86_400

    /// Emits the services (送达) of a case: notices at filing, summonses before the first hearing,
    /// and the closing document.
    func writeServices(_ context: CaseContext, _ rng: inout SeededRandom, emit: (SampleRecord) throws -> Void) rethrows {
        let kind = context.profile.kind
        let parties = context.parties.prefix(4)
        for party in parties {
            let document: String
            switch kind {
            case .enforcement: document = party.side == .applicant ? "受理案件通知书" : "执行通知书"
            case .criminalFirst, .criminalAppeal: document = party.side == .victim ? "开庭通知书" : "起诉书副本"
            case .preMediation: document = "诉前调解告知书"
            default:
                let first = party.side == context.profile.sides.0
                document = first ? "受理通知书" : "应诉通知书"
            }
            let sentDay = min(context.endDay, context.filingDay + rng.below(5))
            try serve(document, to: party, day: sentDay, context, &rng, emit)
        }
        if let hearingDay = context.firstHearingDay {
            for party in parties.prefix(3) {
                let day = max(context.filingDay, hearingDay - rng.integer(in: 5...20))
                try serve(party.side == .victim || party.kind != .natural ? "出庭通知书" : "开庭传票", to: party, day: day, context, &rng, emit)
            }
        }
        if let closeDay = context.closeDay, let method = context.closingMethod {
            let document = closingDocument(method, kind: kind)
            for party in parties.prefix(2) {
                let day = closeDay + rng.below(5)
                guard day <= calendar.asOfDay else { continue }
                try serve(document, to: party, day: day, context, &rng, emit)
            }
        }
    }

    private func closingDocument(_ method: ClosingMethod, kind: CaseTypeProfile.Kind) -> String {
        let prefix: String
        switch kind {
        case .criminalFirst, .criminalAppeal: prefix = "刑事"
        case .administrativeFirst, .administrativeAppeal: prefix = "行政"
        case .enforcement, .enforcementObjection: prefix = "执行"
        default: prefix = "民事"
        }
        switch method {
        case .judgment: return prefix + "判决书"
        case .mediation: return kind == .preMediation ? "调解协议" : prefix + "调解书"
        case .withdrawal: return kind == .enforcement ? "结案通知书" : "准予撤诉裁定书"
        case .ruling: return prefix + "裁定书"
        case .transfer: return "移送管辖裁定书"
        case .terminatedCurrentEnforcement: return "终结本次执行程序裁定书"
        case .enforced, .other: return "结案通知书"
        }
    }

    private func serve(
        _ document: String, to party: CaseContext.PartyDraft, day: Int, _ context: CaseContext,
        _ rng: inout SeededRandom, _ emit: (SampleRecord) throws -> Void
    ) rethrows {
        var method = party.inCustody ? ServiceMethod.inPerson : Self.methods.draw(&rng)
        if party.kind != .natural {
            // Organisations are served through the platform or by e-mail, not on a landline.
            if method == .wechat { method = .platform } else if method == .sms { method = .email }
        } else if party.phone == nil, method == .wechat || method == .sms || method == .platform {
            method = .post
        }
        let address: String?
        switch method {
        case .wechat, .sms, .platform: address = party.phone
        case .email: address = "p" + TimeText.padded(rng.below(100_000_000), 8) + "@" + rng.pick(Self.mailDomains)
        case .post: address = party.address ?? ShenzhenPlaces.address(district: district, &rng)
        case .inPerson: address = party.inCustody ? "深圳市看守所" : party.address
        case .announcement: address = "人民法院公告网"
        }
        let sent = TimeText.localSeconds(day: day, hour: 9, minute: 0) + Int64(rng.below(9 * 3600))
        var delivered: Int64?
        switch method {
        case .inPerson: delivered = sent
        case .announcement: delivered = sent + 30 * Self.day
        case .post:
            if rng.chance(percent: 88) { delivered = sent + Int64(rng.integer(in: 2...7)) * Self.day + Int64(rng.below(36_000)) }
        default:
            if rng.chance(percent: 94) {
                delivered = sent + Int64(rng.chance(percent: 70) ? 30 + rng.below(3600) : rng.below(2 * 86_400))
            }
        }
        if let time = delivered, time > calendar.asOfEnd { delivered = nil }
        try emit(.service(DocumentService(
            id: UUIDv7.make(milliseconds: TimeText.milliseconds(sent), using: &rng), caseNumber: context.caseNumber,
            document: document, recipient: party.name, method: method, address: address,
            sentAt: TimeText.timestamp(sent), deliveredAt: delivered.map(TimeText.timestamp))))
    }

    /// Emits file-review requests (阅卷申请) by the case's lawyers of record and the judge's decisions.
    func writeFileReviews(_ context: CaseContext, _ rng: inout SeededRandom, emit: (SampleRecord) throws -> Void) rethrows {
        guard !context.counsel.isEmpty else { return }
        let criminal = context.profile.kind == .criminalFirst || context.profile.kind == .criminalAppeal
        guard rng.chance(percent: criminal ? 45 : 25) else { return }
        let count = rng.chance(percent: 80) ? 1 : 2
        for _ in 0..<count {
            let (lawyerID, sinceDay) = rng.pick(context.counsel)
            let last = min(calendar.asOfDay, context.isClosed ? context.endDay + 20 : calendar.asOfDay)
            guard last >= sinceDay else { continue }
            let requestDay = sinceDay + rng.below(last - sinceDay + 1)
            let requested = TimeText.localSeconds(day: requestDay, hour: 8, minute: 30) + Int64(rng.below(13 * 3600))
            let age = calendar.asOfEnd - requested
            var decision = age < 5 * Self.day && rng.chance(percent: 60) ? .pending : Self.reviewDecisions.draw(&rng)
            if decision == .pending, age >= 10 * Self.day { decision = .approved }
            var decided: Int64?
            if decision != .pending {
                let roll = rng.below(100)
                let delay: Int64 =
                    roll < 50 ? 600 + Int64(rng.below(4 * 3600))
                    : roll < 85 ? 4 * Self.hour + Int64(rng.below(20 * 3600)) : Self.day + Int64(rng.below(2 * 86_400))
                decided = requested + delay
                if let time = decided, time > calendar.asOfEnd {
                    decided = nil
                    decision = .pending
                }
            }
            try emit(.fileReview(FileReviewRequest(
                id: UUIDv7.make(milliseconds: TimeText.milliseconds(requested), using: &rng),
                caseNumber: context.caseNumber, lawyerID: lawyerID, requestedAt: TimeText.timestamp(requested),
                decision: decision, decidedAt: decided.map(TimeText.timestamp),
                decidedBy: decision == .approved || decision == .rejected ? context.judge : nil)))
        }
    }
}
