import CourtSyncModel

/// What went wrong in the store, in words an operator can act on. Never carries row contents
/// or SQL arguments (GRDB's own errors are wrapped, their arguments dropped).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notInitialised(path: String)
    case alreadyInitialised(path: String)
    case unknownTable(String)
    case unknownColumn(table: String, column: String)
    case missingKey(table: String)
    case alreadyExists(table: String, key: String)
    case notFound(table: String, key: String)
    case invalid(ValidationError)
    case foreignOriginClaim(origin: String, sequence: Int64, localSequence: Int64)
    case clockDrift(String)
    case policy(table: String, key: String, column: String, rule: String)
    case database(String)

    public var description: String {
        switch self {
        case .notInitialised(let path):
            "no courtsync node at \(path); create one with `courtsync init`"
        case .alreadyInitialised(let path):
            "a courtsync node already exists at \(path); use another --data-dir or remove it first"
        case .unknownTable(let table):
            "unknown table '\(table)'"
        case .unknownColumn(let table, let column):
            "unknown column '\(column)' in table '\(table)'"
        case .missingKey(let table):
            "a row of '\(table)' has no key"
        case .alreadyExists(let table, let key):
            "\(table) \(key) already exists; use update to change it"
        case .notFound(let table, let key):
            "\(table) \(key) does not exist"
        case .invalid(let error):
            error.description
        case .foreignOriginClaim(let origin, let sequence, let local):
            "a change claims to be this node's (\(origin)) #\(sequence), but this node has only made "
                + "\(local) changes; is another node using the same node id or was this database restored from an old backup?"
        case .clockDrift(let message):
            message
        case .policy(let table, let key, let column, let rule):
            "\(table) \(key): \(column) cannot take this value (\(rule): "
                + (rule == "stage-order" ? "a case's stage does not move backwards"
                    : rule == "decision-precedence" ? "a decided request does not return to an earlier state"
                    : "the registry's owner has the last word") + ")"
        case .database(let message):
            "database error: \(message)"
        }
    }
}
