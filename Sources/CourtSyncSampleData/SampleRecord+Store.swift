import CourtSyncModel
import CourtSyncStore

extension SampleRecord {
    /// The record as the field set the store writes.
    public var fieldSet: FieldSet {
        get throws {
            switch self {
            case .lawFirm(let r): try r.fieldSet
            case .lawyer(let r): try r.fieldSet
            case .courtCase(let r): try r.fieldSet
            case .party(let r): try r.fieldSet
            case .representation(let r): try r.fieldSet
            case .hearing(let r): try r.fieldSet
            case .mediation(let r): try r.fieldSet
            case .service(let r): try r.fieldSet
            case .fileReview(let r): try r.fieldSet
            }
        }
    }
}
