import CourtSyncModel

/// One generated row, in the order a node would insert it: a case, then its parties,
/// representations, hearings, mediations, services and file-review requests.
public enum SampleRecord: Sendable, Hashable {
    /// A law firm of the bar association's registry.
    case lawFirm(LawFirm)
    /// A lawyer of the bar association's registry.
    case lawyer(Lawyer)
    /// A case; the records of the case follow it.
    case courtCase(CourtCase)
    /// A party to the preceding case.
    case party(Party)
    /// A lawyer of the registry acting for a party of the preceding case.
    case representation(Representation)
    /// A hearing of the preceding case.
    case hearing(Hearing)
    /// A mediation of the preceding case.
    case mediation(Mediation)
    /// A service of a document of the preceding case.
    case service(DocumentService)
    /// A file-review request by a lawyer of record of the preceding case.
    case fileReview(FileReviewRequest)

    /// The table the record belongs to (`cases`, `parties`, …).
    public var table: String {
        switch self {
        case .lawFirm: LawFirm.table
        case .lawyer: Lawyer.table
        case .courtCase: CourtCase.table
        case .party: Party.table
        case .representation: Representation.table
        case .hearing: Hearing.table
        case .mediation: Mediation.table
        case .service: DocumentService.table
        case .fileReview: FileReviewRequest.table
        }
    }

    /// The record's row key (case number, bar id or UUIDv7).
    public var key: String {
        switch self {
        case .lawFirm(let row): row.key
        case .lawyer(let row): row.key
        case .courtCase(let row): row.key
        case .party(let row): row.key
        case .representation(let row): row.key
        case .hearing(let row): row.key
        case .mediation(let row): row.key
        case .service(let row): row.key
        case .fileReview(let row): row.key
        }
    }
}
