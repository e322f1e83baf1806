import CourtSyncModel
import CourtSyncStore

/// A command's failure: a one-line reason and a hint, and the exit status.
struct CLIFailure: Error, CustomStringConvertible {
    /// EX_DATAERR: the input data was invalid.
    static let dataError: Int32 = 65

    var reason: String
    var hint: String?
    var exitCode: Int32 = 1

    var description: String {
        hint.map { "\(reason)\nHint: \($0)" } ?? reason
    }

    init(_ reason: String, hint: String? = nil, exitCode: Int32 = 1) {
        self.reason = reason
        self.hint = hint
        self.exitCode = exitCode
    }

    /// Turns a library error into a reason and hint for people.
    init(_ error: any Error) {
        switch error {
        case let failure as CLIFailure:
            self = failure
        case let invalid as CourtSyncModel.ValidationError:
            self.init(invalid.description, hint: "correct the value and run the command again; nothing was written",
                      exitCode: Self.dataError)
        case let store as StoreError:
            switch store {
            case .notInitialised:
                self.init(store.description, hint: "pass --data-dir or set COURTSYNC_DATA_DIR to the node's directory")
            case .invalid(let invalid):
                self.init(invalid)
            case .alreadyExists, .notFound:
                self.init(store.description, hint: "nothing was written", exitCode: Self.dataError)
            default:
                self.init(store.description, hint: "nothing was written")
            }
        default:
            self.init("\(error)")
        }
    }
}
