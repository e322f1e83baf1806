import CourtSyncModel
import CourtSyncSampleData
import CourtSyncStore

extension NodeStore {
    /// Writes generated data for this node's court (or the bar's registry) in one transaction.
    public func populate(seed: UInt64 = 7, cases: Int, lawyers: Int = 40, firms: Int = 6) throws {
        let generator = SampleGenerator(seed: seed)
        try write { writer in
            let emit: (SampleRecord) throws -> Void = { try writer.insert(into: $0.table, $0.fieldSet) }
            if let court = identity.courtCode {
                try generator.court(code: court, cases: cases, registryLawyers: lawyers, emit: emit)
            } else {
                try generator.registry(lawyers: lawyers, firms: firms, emit: emit)
            }
        }
    }
}
