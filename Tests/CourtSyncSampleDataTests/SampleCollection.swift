import CourtSyncModel
import CourtSyncSampleData

/// Records of a generator run, sorted into tables, for the tests.
struct SampleCollection {
    var all: [SampleRecord] = []
    var firms: [LawFirm] = []
    var lawyers: [Lawyer] = []
    var cases: [CourtCase] = []
    var parties: [Party] = []
    var representations: [Representation] = []
    var hearings: [Hearing] = []
    var mediations: [Mediation] = []
    var services: [DocumentService] = []
    var fileReviews: [FileReviewRequest] = []

    mutating func add(_ record: SampleRecord) {
        all.append(record)
        switch record {
        case .lawFirm(let row): firms.append(row)
        case .lawyer(let row): lawyers.append(row)
        case .courtCase(let row): cases.append(row)
        case .party(let row): parties.append(row)
        case .representation(let row): representations.append(row)
        case .hearing(let row): hearings.append(row)
        case .mediation(let row): mediations.append(row)
        case .service(let row): services.append(row)
        case .fileReview(let row): fileReviews.append(row)
        }
    }

    static func registry(seed: UInt64, lawyers: Int, firms: Int) -> SampleCollection {
        var collection = SampleCollection()
        SampleGenerator(seed: seed).registry(lawyers: lawyers, firms: firms) { collection.add($0) }
        return collection
    }

    static func court(
        seed: UInt64, code: String, cases: Int, registryLawyers: Int = 500, districtCases: Int? = nil
    ) -> SampleCollection {
        var collection = SampleCollection()
        SampleGenerator(seed: seed).court(
            code: code, cases: cases, registryLawyers: registryLawyers, districtCases: districtCases
        ) { collection.add($0) }
        return collection
    }
}

/// The year the default sample data ends in.
let sampleYear = SampleGenerator.defaultAsOf.year
