import CourtSyncModel
import CourtSyncStore

/// What the figures need to know about a case type: its category and stage, and which figures
/// count it (docs/STATISTICS.md).
struct StatisticsCaseClass: Sendable, Hashable {
    var category: String
    var stage: String

    /// Civil trial cases (category civil, stage first or second): the scope of 调撤率.
    var isCivilTrial: Bool { category == "civil" && (stage == "first" || stage == "second") }
    /// First-instance cases: the scope of 上诉率 and 改判发回率.
    var isFirstInstance: Bool { stage == "first" }
    /// Enforcement-implementation cases (执, 执恢, 执保): the scope of 执行到位率 and 终本率.
    var isEnforcementImplementation: Bool { stage == "enforcement-implementation" }

    /// The case types of 网上执行立案率 (first enforcement, objections, resumed enforcement).
    static let onlineEnforcementFilingTypes: Set<String> = ["执", "执异", "执恢"]

    /// The class of a stored case type. A type with the special code 知 in front (知民初) is
    /// classed as the type without it; a type the reference data does not list is `unknown`.
    static func of(_ code: String, reference: ReferenceData) -> StatisticsCaseClass {
        let entry = reference.caseType(code: code)
            ?? (code.hasPrefix("知") ? reference.caseType(code: String(code.dropFirst())) : nil)
        guard let entry else { return StatisticsCaseClass(category: "unknown", stage: "unknown") }
        return StatisticsCaseClass(category: entry.category, stage: entry.stage)
    }

    /// The case types whose original case counts as appealed: every second-instance type, with
    /// and without 知 in front.
    static func appealTypes(reference: ReferenceData) -> [String] {
        let second = reference.caseTypes.filter { $0.stage == "second" }.map(\.code)
        return second + second.map { "知" + $0 }
    }
}

/// The additive counts behind every figure of a row, with the case-type scope of each figure
/// already applied.
struct StatisticsTally: Sendable {
    var filed: Int64 = 0
    var closed: Int64 = 0
    var trialDays: Int64 = 0
    var trialCases: Int64 = 0
    var limitCases: Int64 = 0
    var withinLimit: Int64 = 0
    var civilClosed: Int64 = 0
    var civilMediatedOrWithdrawn: Int64 = 0
    var firstAppealable: Int64 = 0
    var firstAppealed: Int64 = 0
    var firstClosed: Int64 = 0
    var firstReversedOrRemanded: Int64 = 0
    var enforcementClosed: Int64 = 0
    var enforcementTerminated: Int64 = 0
    var amountApplied: Int64 = 0
    var amountRecovered: Int64 = 0
    var filedOnline: Int64 = 0
    var enforcementFiled: Int64 = 0
    var enforcementFiledOnline: Int64 = 0
    var hearings: Int64 = 0
    var hearingsOnline: Int64 = 0
    var services: Int64 = 0
    var servicesElectronic: Int64 = 0
    var servicesDelivered: Int64 = 0
    var mediations: Int64 = 0
    var mediationsSucceeded: Int64 = 0
    var reviewsDecided: Int64 = 0
    var reviewsApproved: Int64 = 0
    var reviewSeconds: [Int64] = []

    init() {}

    init(_ c: StatisticsCounts, caseType: String, class kind: StatisticsCaseClass) {
        filed = c.filed
        closed = c.closed
        trialDays = c.trialDays
        trialCases = c.closedWithFilingDate
        limitCases = c.closedWithTimeLimit
        withinLimit = c.closedWithinTimeLimit
        if kind.isCivilTrial {
            civilClosed = c.closed
            civilMediatedOrWithdrawn = c.closedByMediation + c.closedByWithdrawal
        }
        if kind.isFirstInstance {
            firstAppealable = c.appealableClosed
            firstAppealed = c.appealed
            firstClosed = c.closed
            firstReversedOrRemanded = c.reversedOrRemanded
        }
        if kind.isEnforcementImplementation {
            enforcementClosed = c.closed
            enforcementTerminated = c.closedTerminatedCurrent
            amountApplied = c.amountApplied
            amountRecovered = c.amountRecovered
        }
        filedOnline = c.filedOnline
        if StatisticsCaseClass.onlineEnforcementFilingTypes.contains(caseType) {
            enforcementFiled = c.filed
            enforcementFiledOnline = c.filedOnline
        }
        hearings = c.hearingsHeld
        hearingsOnline = c.hearingsHeldOnline
        services = c.servicesSent
        servicesElectronic = c.servicesElectronic
        servicesDelivered = c.servicesElectronicDelivered
        mediations = c.onlineMediationsConcluded
        mediationsSucceeded = c.onlineMediationsSucceeded
        reviewsDecided = c.reviewsDecided
        reviewsApproved = c.reviewsApproved
        reviewSeconds = c.reviewSeconds
    }

    /// Whether nothing at all was counted.
    var isEmpty: Bool {
        filed == 0 && closed == 0 && hearings == 0 && services == 0 && mediations == 0 && reviewsDecided == 0
    }

    mutating func add(_ o: StatisticsTally) {
        filed += o.filed
        closed += o.closed
        trialDays += o.trialDays
        trialCases += o.trialCases
        limitCases += o.limitCases
        withinLimit += o.withinLimit
        civilClosed += o.civilClosed
        civilMediatedOrWithdrawn += o.civilMediatedOrWithdrawn
        firstAppealable += o.firstAppealable
        firstAppealed += o.firstAppealed
        firstClosed += o.firstClosed
        firstReversedOrRemanded += o.firstReversedOrRemanded
        enforcementClosed += o.enforcementClosed
        enforcementTerminated += o.enforcementTerminated
        amountApplied += o.amountApplied
        amountRecovered += o.amountRecovered
        filedOnline += o.filedOnline
        enforcementFiled += o.enforcementFiled
        enforcementFiledOnline += o.enforcementFiledOnline
        hearings += o.hearings
        hearingsOnline += o.hearingsOnline
        services += o.services
        servicesElectronic += o.servicesElectronic
        servicesDelivered += o.servicesDelivered
        mediations += o.mediations
        mediationsSucceeded += o.mediationsSucceeded
        reviewsDecided += o.reviewsDecided
        reviewsApproved += o.reviewsApproved
        reviewSeconds += o.reviewSeconds
    }

    /// The row of these counts.
    func row(
        court: String?, courtName: String, period: String, first: StatisticsMonth, last: StatisticsMonth,
        category: String?, stage: String?, pendingAtStart: Int64
    ) -> StatisticsRow {
        StatisticsRow(
            court: court, courtName: courtName, period: period, firstMonth: first.description,
            lastMonth: last.description, category: category, stage: stage, pendingAtStart: pendingAtStart,
            filed: filed, closed: closed,
            averageTrialDays: StatisticsRatio(trialDays, trialCases),
            withinTimeLimitRate: StatisticsRatio(withinLimit, limitCases),
            mediationWithdrawalRate: StatisticsRatio(civilMediatedOrWithdrawn, civilClosed),
            appealRate: StatisticsRatio(firstAppealed, firstAppealable),
            reversedRemandedRate: StatisticsRatio(firstReversedOrRemanded, firstClosed),
            enforcementRecoveryRate: StatisticsRatio(amountRecovered, amountApplied),
            terminatedCurrentRate: StatisticsRatio(enforcementTerminated, enforcementClosed),
            onlineFilingRate: StatisticsRatio(filedOnline, filed),
            onlineEnforcementFilingRate: StatisticsRatio(enforcementFiledOnline, enforcementFiled),
            onlineHearingShare: StatisticsRatio(hearingsOnline, hearings),
            electronicServiceRate: StatisticsRatio(servicesElectronic, services),
            electronicServiceSuccessRate: StatisticsRatio(servicesDelivered, servicesElectronic),
            onlineMediationSuccessRate: StatisticsRatio(mediationsSucceeded, mediations),
            fileReviewMedian: StatisticsMedian(seconds: reviewSeconds),
            fileReviewApprovalRate: StatisticsRatio(reviewsApproved, reviewsDecided))
    }
}
