/// A row type of a synced table: plain data with a table name and a global key.
public protocol SyncedRecord: Codable, Sendable, Hashable {
    /// Name of the synced table.
    static var table: String { get }
    /// The row's global key.
    var key: String { get }
}

extension CourtCase: SyncedRecord {}
extension Party: SyncedRecord {}
extension Lawyer: SyncedRecord {}
extension LawFirm: SyncedRecord {}
extension Representation: SyncedRecord {}
extension Hearing: SyncedRecord {}
extension Mediation: SyncedRecord {}
extension DocumentService: SyncedRecord {}
extension FileReviewRequest: SyncedRecord {}
