import CourtSyncModel

/// The mix of case types a court receives, by court level.
enum CourtMix {
    /// Basic courts that hear intellectual-property cases (知民初).
    static let intellectualPropertyCourts: Set<String> = ["粤0304", "粤0305", "粤0391"]

    /// The first-instance types whose numbers appeals point at.
    static let appealedTypes = ["民初", "知民初", "刑初", "行初"]

    /// The weighted case types of a court.
    static func table(for court: ReferenceData.Court) -> WeightedTable<CaseTypeProfile> {
        switch court.level {
        case .basic:
            let ip = intellectualPropertyCourts.contains(court.code)
            return WeightedTable([
                (CaseTypeProfile.civilFirst, ip ? 40 : 44),
                (CaseTypeProfile.ipFirst, ip ? 5 : 0),
                (CaseTypeProfile.enforcement, 24),
                (CaseTypeProfile.preMediation, 9),
                (CaseTypeProfile.special, 4),
                (CaseTypeProfile.enforcementObjection, 2),
                (CaseTypeProfile.enforcementResumed, 1),
                (CaseTypeProfile.criminalFirst, 7),
                (CaseTypeProfile.administrativeFirst, 2),
            ])
        default:
            return WeightedTable([
                (CaseTypeProfile.civilAppeal, 50),
                (CaseTypeProfile.ipAppeal, 4),
                (CaseTypeProfile.criminalAppeal, 5),
                (CaseTypeProfile.administrativeAppeal, 6),
                (CaseTypeProfile.civilFirst, 14),
                (CaseTypeProfile.administrativeFirst, 5),
                (CaseTypeProfile.special, 4),
                (CaseTypeProfile.enforcement, 6),
                (CaseTypeProfile.criminalFirst, 2),
            ])
        }
    }
}
