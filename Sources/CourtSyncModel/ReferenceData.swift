import Foundation

/// The court and case-type tables that identifiers are checked against.
///
/// The tables live in data files (`courts.tsv`, `case_types.tsv`), not in code, because some
/// entries are inferred rather than confirmed (see the `confidence` column) and operators must be
/// able to correct them without a release: ``load(directory:)`` reads the files from a directory
/// when one is given, and the copies bundled with this module otherwise. ``bundled`` is the bundled
/// copy, loaded once.
public struct ReferenceData: Sendable {
    /// One court and its code (法院代字), e.g. `粤0304` 深圳市福田区人民法院.
    public struct Court: Sendable, Hashable {
        /// Level of a court in the four-level hierarchy.
        public enum Level: String, Sendable, Hashable, CaseIterable {
            /// A basic court (基层人民法院), code with 4 digits such as `粤0304`.
            case basic
            /// An intermediate court (中级人民法院), code with 2 digits such as `粤03`.
            case intermediate
            /// A high court (高级人民法院), the province abbreviation alone, such as `粤`.
            case high
            /// The Supreme People's Court, `最高法`.
            case supreme
        }

        /// The court code as written in case numbers, e.g. `粤0304`.
        public var code: String
        /// The court's full name, e.g. `深圳市福田区人民法院`.
        public var name: String
        /// The court's level.
        public var level: Level
        /// Code of the court above it (appeals go there), or `nil` at the top of the table.
        public var parent: String?
        /// The ASCII id of the sync node that owns the court's data, e.g. `gd0304`.
        public var nodeID: String
        /// How sure the code is: `confirmed`, `partly-confirmed` or `inferred`.
        public var confidence: String

        /// Creates a court entry.
        public init(code: String, name: String, level: Level, parent: String?, nodeID: String, confidence: String) {
            self.code = code
            self.name = name
            self.level = level
            self.parent = parent
            self.nodeID = nodeID
            self.confidence = confidence
        }
    }

    /// One case type code (类型代字), e.g. `民初` 民事一审.
    public struct CaseType: Sendable, Hashable {
        /// The code as written in case numbers, e.g. `民初`, `执恢`, `民诉前调`.
        public var code: String
        /// The 4-digit code of the type-code standard, e.g. `0301`.
        public var standardCode: String
        /// What the type means, in Chinese.
        public var meaning: String
        /// The case category, e.g. `civil`, `criminal`, `enforcement`.
        public var category: String
        /// The procedural stage, e.g. `first`, `second`, `retrial`.
        public var stage: String

        /// Creates a case type entry.
        public init(code: String, standardCode: String, meaning: String, category: String, stage: String) {
            self.code = code
            self.standardCode = standardCode
            self.meaning = meaning
            self.category = category
            self.stage = stage
        }
    }

    /// All courts, in file order.
    public let courts: [Court]
    /// All case types, in file order.
    public let caseTypes: [CaseType]
    /// Case type codes sorted longest first (then by code), the order to match them in: `执恢`
    /// before `执`, `民特监` before `民特`.
    public let caseTypeCodesLongestFirst: [String]

    private let courtsByCode: [String: Court]
    private let courtsByNodeID: [String: Court]
    private let caseTypesByCode: [String: CaseType]

    /// Builds the lookup tables. Entries are not validated here (``load(directory:)`` does that);
    /// when a code or node id appears twice the first entry wins.
    public init(courts: [Court], caseTypes: [CaseType]) {
        self.courts = courts
        self.caseTypes = caseTypes
        self.courtsByCode = Dictionary(courts.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.courtsByNodeID = Dictionary(courts.map { ($0.nodeID, $0) }, uniquingKeysWith: { first, _ in first })
        self.caseTypesByCode = Dictionary(caseTypes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.caseTypeCodesLongestFirst = caseTypes.map(\.code).sorted {
            $0.count != $1.count ? $0.count > $1.count : $0 < $1
        }
    }

    /// The reference data bundled with this module, loaded once.
    ///
    /// Stops the process if the bundled files are broken: that is a build defect, not an input error.
    public static let bundled: ReferenceData = {
        do {
            return try load(directory: nil)
        } catch {
            fatalError("The reference data bundled with CourtSyncModel is broken: \(error)")
        }
    }()

    /// The court with this code (e.g. `粤0304`), if listed.
    public func court(code: String) -> Court? { courtsByCode[code] }

    /// The court owned by this sync node id (e.g. `gd0304`), if listed.
    public func court(nodeID: String) -> Court? { courtsByNodeID[nodeID] }

    /// The case type with this code (e.g. `民初`), if listed.
    public func caseType(code: String) -> CaseType? { caseTypesByCode[code] }

    /// The courts whose parent is `parentCode`, in file order: the districts of an intermediate
    /// court (`粤03`), or the intermediate courts of a high court (`粤`).
    public func courts(under parentCode: String) -> [Court] {
        courts.filter { $0.parent == parentCode }
    }

    /// Whether the table lists courts with digits (intermediate or basic) of this province
    /// abbreviation. For such provinces the table is taken as complete, see ``CaseNumber``.
    func listsCourts(ofProvince province: Character) -> Bool {
        courts.contains { $0.code.first == province && $0.code.count > 1 }
    }
}
