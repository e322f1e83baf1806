import CourtSyncModel

/// Seeded, reproducible sample data for the federation: the bar association's registry and the
/// cases of each court with their parties, counsel, hearings, mediations, services and
/// file-review requests.
///
/// Output depends only on the seed and the arguments, never on the clock, the machine or the
/// process: the same call gives the same records, byte for byte. Records are handed to `emit`
/// one at a time and nothing is kept per case, so a million cases take no more memory than ten.
///
/// Each record is generated from its own random stream (derived from the seed, the court code and
/// the record's index), so lawyer `SZL000007` is the same person whatever the registry size, and
/// case *i* of a court does not change when more cases are asked for (its case number can, since
/// serials count per type and year, and its filing date spreads with the case count).
public struct SampleGenerator: Sendable {
    /// The seed every stream derives from.
    public let seed: UInt64
    /// The court and case-type tables.
    public let reference: ReferenceData

    /// A generator for `seed`; court codes are looked up in `reference`.
    public init(seed: UInt64, reference: ReferenceData = .bundled) {
        self.seed = seed
        self.reference = reference
    }

    /// Default number of lawyers in the registry.
    public static let defaultLawyerCount = 2_000
    /// Default number of law firms in the registry.
    public static let defaultFirmCount = 200
    /// Default number of cases per court.
    public static let defaultCaseCount = 1_000
    /// Default first filing year.
    public static let defaultFirstYear = 2020
    /// Default "today" of the sample data: the last filing date, and the date against which
    /// cases are pending or closed. Fixed (not the clock) so that output is reproducible.
    public static let defaultAsOf = CivilDate(year: 2025, month: 6, day: 30)
    /// The latest first-licence year in the registry (the registry does not depend on `asOf`).
    public static let registryLatestYear = 2024
    /// The earliest first-licence year in the registry.
    public static let registryEarliestYear = 1993

    /// The bar's id of the lawyer with 1-based index `index`, e.g. `SZL000001`.
    public static func lawyerID(_ index: Int) -> String {
        "SZL" + TimeText.padded(index, 6)
    }

    /// The bar's id of the law firm with 1-based index `index`, e.g. `SZF0001`.
    public static func firmID(_ index: Int) -> String {
        "SZF" + TimeText.padded(index, 4)
    }

    /// The courts whose cases an intermediate court's appeals point at: the basic courts under it.
    public func districts(of courtCode: String) -> [String] {
        reference.courts(under: courtCode).filter { $0.level == .basic }.map(\.code)
    }

    /// The bar association's registry: `firms` law firms, then `lawyers` lawyers.
    ///
    /// Depends only on the seed and the two sizes (not on any court or date), so every court's
    /// sample data refers to the same people: lawyer `SZL000001` is the same everywhere. Lawyer *i*
    /// keeps its name, licence and status when `lawyers` changes; its firm changes only with `firms`.
    public func registry(lawyers: Int, firms: Int, emit: (SampleRecord) throws -> Void) rethrows {
        let builder = RegistryBuilder(seed: seed, firms: max(0, firms))
        for index in stride(from: 1, through: firms, by: 1) {
            try emit(.lawFirm(builder.firm(index)))
        }
        for index in stride(from: 1, through: lawyers, by: 1) {
            try emit(.lawyer(builder.lawyer(index)))
        }
    }

    /// The licence status of lawyer `index` in the registry (cheap: no other field is built).
    public func lawyerStatus(_ index: Int) -> LicenceStatus {
        RegistryBuilder.status(seed: seed, index: index)
    }

    /// The cases of one court, each followed by its parties, representations, hearings,
    /// mediations, services and file-review requests.
    ///
    /// Filing dates run from 1 January of `firstYear` to `asOf`, in case-number order; cases are
    /// pending or closed as of `asOf`. A basic court (粤0304) receives mostly 民初 and 执 with some
    /// 民诉前调, 民特, 执异, 执恢, 刑初, 行初 (and 知民初 at 粤0304, 粤0305, 粤0391). The intermediate
    /// court (粤03) receives mostly appeals (民终, 知民终, 刑终, 行终) whose `originalCaseNumber` names
    /// a case that the same generator produces for one of its districts when that district is
    /// generated with `districtCases` cases (default: `cases`) and the same `firstYear` and `asOf`.
    ///
    /// - Parameters:
    ///   - code: a basic or intermediate court listed in the reference data, e.g. `粤0304` or `粤03`.
    ///   - cases: how many cases; 1,000,000 is fine (memory stays flat).
    ///   - firstYear: the first filing year (2016 or later).
    ///   - asOf: the sample's "today"; its year is the latest case-number year.
    ///   - registryLawyers: the registry size; counsel are lawyers `SZL000001` … of that registry
    ///     (none when 0). Revoked and suspended lawyers are not given new cases.
    ///   - districtCases: for the intermediate court, the case count its districts are generated with.
    /// - Precondition: `code` is a basic or intermediate court of the reference data and
    ///   `firstYear` ≤ `asOf.year`.
    public func court(
        code: String, cases: Int, firstYear: Int = defaultFirstYear, asOf: CivilDate = defaultAsOf,
        registryLawyers: Int, districtCases: Int? = nil, emit: (SampleRecord) throws -> Void
    ) rethrows {
        guard let court = reference.court(code: code), court.level == .basic || court.level == .intermediate else {
            preconditionFailure("\(code) is not a basic or intermediate court of the reference data")
        }
        precondition(firstYear >= 2016 && firstYear <= asOf.year, "firstYear must be 2016…\(asOf.year)")
        let calendar = SampleCalendar(firstYear: firstYear, asOf: asOf, cases: max(0, cases))
        var appealSources: AppealSources?
        if court.level == .intermediate {
            appealSources = AppealSources(
                seed: seed, districts: districts(of: code).compactMap { reference.court(code: $0) },
                calendar: SampleCalendar(firstYear: firstYear, asOf: asOf, cases: max(0, districtCases ?? cases)))
        }
        var writer = CourtSampleWriter(
            seed: seed, court: court, calendar: calendar, registryLawyers: max(0, registryLawyers),
            appealSources: appealSources)
        for index in 0..<max(0, cases) {
            try writer.writeCase(index, emit: emit)
        }
    }
}
