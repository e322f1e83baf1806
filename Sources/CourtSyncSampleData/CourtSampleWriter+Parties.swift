import CourtSyncModel

extension CourtSampleWriter {
    /// Emits the parties of a case and the lawyers representing them.
    func writeParties(_ context: inout CaseContext, _ rng: inout SeededRandom, emit: (SampleRecord) throws -> Void) rethrows {
        let kind = context.profile.kind
        let criminal = kind == .criminalFirst || kind == .criminalAppeal
        let (firstSide, secondSide) = context.profile.sides
        var clock = TimeText.localSeconds(day: context.filingDay, hour: 9, minute: 0) + Int64(rng.below(8 * 3600))

        let firstCount = criminal ? (rng.chance(percent: 80) ? 1 : rng.integer(in: 2...3)) : (rng.chance(percent: 85) ? 1 : 2)
        for _ in 0..<firstCount {
            let minor = criminal && context.juvenile
            try addParty(context.cause.first, side: firstSide, minor: minor, accused: criminal, &context, &clock, &rng, emit)
        }
        let secondCount: Int
        switch context.cause.second {
        case .none: secondCount = 0
        case .bank, .authority, .personAndInsurer: secondCount = 1
        default:
            if criminal {
                secondCount = rng.chance(percent: 50) ? 1 : 0
            } else {
                secondCount = rng.chance(percent: 65) ? 1 : rng.chance(percent: 70) ? 2 : 3
            }
        }
        for _ in 0..<secondCount {
            if case .personAndInsurer = context.cause.second {
                try addParty(.person, side: secondSide, minor: false, accused: false, &context, &clock, &rng, emit)
                try addParty(.company, side: secondSide, minor: false, accused: false, insurer: true, &context, &clock, &rng, emit)
            } else {
                try addParty(context.cause.second, side: secondSide, minor: false, accused: false, &context, &clock, &rng, emit)
            }
        }
        if !criminal, kind == .civilFirst, rng.chance(percent: 5) {
            try addParty(.mixed(personPercent: 50), side: .thirdParty, minor: false, accused: false, &context, &clock, &rng, emit)
        }
        try writeRepresentations(&context, &rng, emit: emit)
    }

    private func addParty(
        _ pattern: PartyPattern, side: PartySide, minor: Bool, accused: Bool, insurer: Bool = false,
        _ context: inout CaseContext, _ clock: inout Int64, _ rng: inout SeededRandom,
        _ emit: (SampleRecord) throws -> Void
    ) rethrows {
        clock += Int64(rng.integer(in: 1...90))
        let id = UUIDv7.make(milliseconds: TimeText.milliseconds(clock), using: &rng)
        let person: Bool
        switch pattern {
        case .person, .personAndInsurer: person = true
        case .mixed(let percent): person = rng.chance(percent: percent)
        default: person = false
        }
        let party: Party
        if person {
            let female = rng.chance(percent: accused ? 15 : 48)
            let age = minor ? rng.integer(in: 14...17) : rng.integer(in: 20...68)
            let birthDay = context.filingDay - age * 365 - rng.below(365)
            party = Party(
                id: id, caseNumber: context.caseNumber, side: side, kind: .natural,
                name: ChineseNames.person(female: female, &rng),
                idNumber: rng.chance(percent: 97) ? PersonalNumbers.residentID(birthDay: birthDay, female: female, &rng) : nil,
                address: rng.chance(percent: 88) ? partyAddress(&rng) : nil,
                phone: rng.chance(percent: 92) ? PersonalNumbers.mobile(&rng) : nil,
                bankAccount: !accused && rng.chance(percent: 30) ? PersonalNumbers.bankCard(&rng) : nil,
                minor: minor)
        } else {
            let name: String
            var creditPrefix = "91"
            switch pattern {
            case .bank: name = rng.pick(OrganisationNames.banks)
            case .propertyManager: name = OrganisationNames.propertyManager(&rng)
            case .authority:
                name = OrganisationNames.authority(district: district ?? ShenzhenPlaces.districts.draw(&rng), &rng)
                creditPrefix = "11"
            default: name = insurer ? rng.pick(OrganisationNames.insurers) : OrganisationNames.company(&rng)
            }
            let branch = name.hasSuffix("分行") || name.hasSuffix("分公司")
            party = Party(
                id: id, caseNumber: context.caseNumber, side: side, kind: branch ? .organisation : .legal, name: name,
                idNumber: PersonalNumbers.creditCode(prefix: creditPrefix, &rng),
                address: partyAddress(&rng), phone: PersonalNumbers.landline(&rng),
                bankAccount: rng.chance(percent: 50) ? PersonalNumbers.bankCard(&rng) : nil, minor: false)
        }
        context.parties.append(CaseContext.PartyDraft(
            id: party.id, name: party.name, side: side, kind: party.kind, phone: party.phone, address: party.address,
            inCustody: accused && context.profile.kind == .criminalFirst && rng.chance(percent: 70)))
        try emit(.party(party))
    }

    private func partyAddress(_ rng: inout SeededRandom) -> String {
        ShenzhenPlaces.address(district: district != nil && rng.chance(percent: 60) ? district : nil, &rng)
    }

    /// Counsel of record: how often a party has a lawyer depends on who it is.
    private func writeRepresentations(_ context: inout CaseContext, _ rng: inout SeededRandom, emit: (SampleRecord) throws -> Void) rethrows {
        guard registryLawyers > 0 else { return }
        var used: Set<Int> = []
        for party in context.parties {
            let percent: Int
            switch party.side {
            case .accused:
                percent = context.juvenile ? 100 : 60
            case .appellant where context.profile.kind == .criminalAppeal:
                percent = context.juvenile ? 100 : 60
            case .victim: percent = 10
            default:
                if party.kind == .natural {
                    percent = context.cause.family ? 50 : 40
                } else {
                    percent = context.profile.kind == .enforcement ? 45 : 65
                }
            }
            guard rng.chance(percent: percent) else { continue }
            let count = rng.chance(percent: 15) ? 2 : 1
            for _ in 0..<count {
                guard let lawyer = pickLawyer(excluding: used, &rng) else { continue }
                used.insert(lawyer)
                let sinceDay = min(context.endDay, context.filingDay + rng.below(15))
                let clock = TimeText.localSeconds(day: sinceDay, hour: 9, minute: 30) + Int64(rng.below(8 * 3600))
                let status: RepresentationStatus = rng.chance(percent: 4) ? .withdrawn : .active
                let lawyerID = SampleGenerator.lawyerID(lawyer)
                try emit(.representation(Representation(
                    id: UUIDv7.make(milliseconds: TimeText.milliseconds(clock), using: &rng),
                    caseNumber: context.caseNumber, partyID: party.id, lawyerID: lawyerID, side: party.side,
                    status: status, since: CivilDate(daysSince1970: sinceDay))))
                if status == .active { context.counsel.append((lawyerID, sinceDay)) }
            }
        }
    }

    /// A practising lawyer of the registry not yet in the case, or `nil` after a few tries.
    private func pickLawyer(excluding used: Set<Int>, _ rng: inout SeededRandom) -> Int? {
        for _ in 0..<4 {
            let index = 1 + rng.below(registryLawyers)
            if !used.contains(index), RegistryBuilder.status(seed: seed, index: index) == .practising {
                return index
            }
        }
        return nil
    }
}
