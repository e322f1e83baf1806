import CourtSyncModel

/// The filing dates of a court's sample cases: spread evenly from 1 January of the first year to
/// `asOf`, non-decreasing in the case index (so serials follow filing order).
struct SampleCalendar: Sendable {
    /// Day number (days since 1970) of the first filing day.
    let firstDay: Int
    /// Day number of `asOf`, the last filing day.
    let asOfDay: Int
    /// The first year.
    let firstYear: Int
    /// Number of cases.
    let cases: Int

    init(firstYear: Int, asOf: CivilDate, cases: Int) {
        self.firstYear = firstYear
        self.firstDay = CivilDate(year: firstYear, month: 1, day: 1).daysSince1970
        self.asOfDay = asOf.daysSince1970
        self.cases = cases
    }

    /// Local seconds of the end of `asOf` (23:59:59): nothing happens after it.
    var asOfEnd: Int64 { TimeText.localSeconds(day: asOfDay, hour: 23, minute: 59, second: 59) }

    /// The filing day of case `index` (0-based).
    func filingDay(_ index: Int) -> Int {
        guard cases > 0 else { return firstDay }
        let span = Int64(asOfDay - firstDay + 1)
        return firstDay + Int(Int64(index) * span / Int64(cases))
    }

    /// Months since January of the first year for a date.
    func monthIndex(_ date: CivilDate) -> Int {
        (date.year - firstYear) * 12 + date.month - 1
    }

    /// Number of months covered, including the month of `asOf`.
    var monthCount: Int {
        monthIndex(CivilDate(daysSince1970: asOfDay)) + 1
    }
}
