import CourtSyncModel
import CourtSyncStore
import Foundation

/// A bar-association lawyer case list: every unsealed case on which the selected lawyer(s) are
/// counsel of record, across all courts whose data the node holds, with the next hearing, the
/// upcoming scheduled hearings and the lawyer's open file-review requests.
///
/// Holds only what domain README §4 lets the bar see: no party names or ids, no sealed cases, no
/// withdrawn representations. Render it with ``table()``, ``csv()``, ``json()`` or ``ics(now:)``;
/// `docs/LAWYER-CASES.md` documents each format.
public struct LawyerCaseList: Sendable, Encodable {
    /// The instant hearings are "upcoming" from.
    public var asOf: Date
    /// What was asked for.
    public var selection: LawyerCaseSelection
    /// True when a licence selection matched an earlier licence of the lawyer, not a current one.
    public var matchedPreviousLicence: Bool
    /// For a firm selection, its id and name.
    public var firmID: String?
    public var firmName: String?
    /// The lawyers the selection resolved to, by id.
    public var lawyers: [LawyerSummary]
    /// One entry per (case, lawyer), newest filing first; a case appears once per selected lawyer
    /// acting in it. ``LawyerCaseRecord/courtName`` is filled from the bundled reference data when
    /// the node has no `courts` row for the court.
    public var cases: [LawyerCaseRecord]

    /// Reads the list from `store`.
    ///
    /// - Parameters:
    ///   - selection: one lawyer, the holder of a licence number (current, else earlier), or a firm.
    ///   - asOf: hearings scheduled at or after this instant are upcoming (usually now).
    ///   - reference: court names for courts the node has no `courts` row for.
    /// - Throws: ``LawyerLookupError`` (unknown lawyer, licence or firm; HTTP 404) or ``StoreError``.
    public static func build(
        store: NodeStore, selection: LawyerCaseSelection, asOf: Date, reference: ReferenceData = .bundled
    ) throws -> LawyerCaseList {
        let result = try store.lawyerCases(for: selection, asOf: asOf)
        let cases = result.cases.map { record in
            var record = record
            if record.courtName == nil, let code = record.courtCode {
                record.courtName = reference.court(code: code)?.name
            }
            return record
        }
        return LawyerCaseList(
            asOf: asOf, selection: selection, matchedPreviousLicence: result.matchedPreviousLicence,
            firmID: result.firmID, firmName: result.firmName, lawyers: result.lawyers, cases: cases)
    }

    /// A hearing for the calendar with the case entries it belongs to (several when more than one
    /// selected lawyer acts in the case).
    public struct UpcomingHearing: Sendable, Hashable {
        public var hearing: Hearing
        public var entries: [LawyerCaseRecord]
    }

    /// Every upcoming scheduled hearing once (by hearing id), earliest first, then by id.
    public var upcomingHearings: [UpcomingHearing] {
        var byID: [String: UpcomingHearing] = [:]
        for entry in cases {
            for hearing in entry.upcomingHearings {
                byID[hearing.id, default: UpcomingHearing(hearing: hearing, entries: [])].entries.append(entry)
            }
        }
        return byID.values.sorted {
            ($0.hearing.scheduledAt, $0.hearing.id) < ($1.hearing.scheduledAt, $1.hearing.id)
        }
    }

    /// Every upcoming hearing that was cancelled or postponed, once (by hearing id), earliest first.
    public var calledOffHearings: [UpcomingHearing] {
        var byID: [String: UpcomingHearing] = [:]
        for entry in cases {
            for hearing in entry.calledOffHearings {
                byID[hearing.id, default: UpcomingHearing(hearing: hearing, entries: [])].entries.append(entry)
            }
        }
        return byID.values.sorted {
            ($0.hearing.scheduledAt, $0.hearing.id) < ($1.hearing.scheduledAt, $1.hearing.id)
        }
    }

    /// The lawyer with this id among ``lawyers``.
    public func lawyer(_ id: String) -> LawyerSummary? {
        lawyers.first { $0.id == id }
    }

    /// One line naming whose list this is, e.g.
    /// `律师 王芳 (SZL000007)  执业证号 14403201011000001  律所 某某律师事务所 (SZF0001)`.
    public var heading: String {
        if case .firm(let id) = selection {
            return "律所 \(firmName ?? "-") (\(id))  律师 \(lawyers.count) 名"
        }
        return lawyers.map { lawyer in
            var parts = ["律师 \(lawyer.name ?? "-") (\(lawyer.id))", "执业证号 \(lawyer.licenceNumber ?? "-")"]
            if let status = lawyer.licenceStatus, status != .practising { parts.append("(\(status.label))") }
            parts.append("律所 \(lawyer.firmName ?? "-")" + (lawyer.firmID.map { " (\($0))" } ?? ""))
            if lawyer.name == nil, lawyer.licenceNumber == nil { parts.append("(registry entry not on this node yet)") }
            return parts.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A note when a licence selection matched only an earlier licence number, else nil.
    public var previousLicenceNote: String? {
        guard matchedPreviousLicence, case .licence(let number) = selection else { return nil }
        let current = lawyers.map { "\($0.id) now holds \($0.licenceNumber ?? "-")" }.joined(separator: ", ")
        return "licence \(number) is an earlier licence number (\(current))"
    }
}
