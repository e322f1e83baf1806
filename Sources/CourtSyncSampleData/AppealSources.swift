import CourtSyncModel

/// The first-instance case numbers an intermediate court's appeals can point at.
///
/// Built by replaying only the first draw (the case type) of every district case's random stream,
/// which is how ``CourtSampleWriter`` starts each case; it keeps counts per district, type and
/// month, not the cases, so memory stays small. An appeal then names a serial that the district's
/// own sample data really contains, filed a few months before the appeal.
struct AppealSources: Sendable {
    private let districts: [String]
    private let calendar: SampleCalendar
    /// counts[district][type][month]: cases of the type filed that month.
    private var counts: [[[Int]]]
    /// firstSerial[district][type][month]: serial of the first such case of the month, minus 1.
    private var serialBefore: [[[Int]]]

    init(seed: UInt64, districts: [ReferenceData.Court], calendar: SampleCalendar) {
        self.districts = districts.map(\.code)
        self.calendar = calendar
        let months = calendar.monthCount
        let types = CourtMix.appealedTypes
        counts = Array(repeating: Array(repeating: Array(repeating: 0, count: months), count: types.count), count: districts.count)
        serialBefore = counts
        for (districtIndex, district) in districts.enumerated() {
            let mix = CourtMix.table(for: district)
            let stream = CourtSampleWriter.stream(for: district.code)
            var month = -1
            var nextMonthDay = Int.min
            for index in 0..<calendar.cases {
                let day = calendar.filingDay(index)
                if day >= nextMonthDay {
                    let date = CivilDate(daysSince1970: day)
                    month = calendar.monthIndex(date)
                    let next = date.month == 12 ? CivilDate(year: date.year + 1, month: 1, day: 1)
                        : CivilDate(year: date.year, month: date.month + 1, day: 1)
                    nextMonthDay = next.daysSince1970
                }
                var rng = SeededRandom(seed: seed, stream: stream, index: UInt64(index))
                let profile = mix.draw(&rng)
                if let typeIndex = types.firstIndex(of: profile.code), month >= 0, month < months {
                    counts[districtIndex][typeIndex][month] += 1
                }
            }
            for typeIndex in types.indices {
                var running = 0
                for month in 0..<months {
                    if month % 12 == 0 { running = 0 }
                    serialBefore[districtIndex][typeIndex][month] = running
                    running += counts[districtIndex][typeIndex][month]
                }
            }
        }
    }

    /// A district case of `type` (民初, 知民初, 刑初, 行初) filed 3 to 18 months before `appealDate`,
    /// or `nil` when none turns up in a few tries.
    func original(type: String, appealDate: CivilDate, _ rng: inout SeededRandom) -> String? {
        guard !districts.isEmpty, let typeIndex = CourtMix.appealedTypes.firstIndex(of: type) else { return nil }
        let appealMonth = calendar.monthIndex(appealDate)
        for _ in 0..<8 {
            let district = rng.below(districts.count)
            let month = appealMonth - 3 - rng.below(16)
            guard month >= 0, month < calendar.monthCount else { continue }
            let count = counts[district][typeIndex][month]
            guard count > 0 else { continue }
            let serial = serialBefore[district][typeIndex][month] + 1 + rng.below(count)
            let special: String? = type.hasPrefix("知") ? "知" : nil
            let number = CaseNumber(
                year: calendar.firstYear + month / 12, court: districts[district], special: special,
                type: special == nil ? type : String(type.dropFirst()), serial: serial)
            return number.canonical
        }
        return nil
    }
}
