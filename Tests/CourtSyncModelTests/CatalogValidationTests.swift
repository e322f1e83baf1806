import CourtSyncModel
import Testing

@Suite("Catalog rules at the entry points")
struct CatalogValidationTests {
    let context = ValidationContext(currentYear: 2025)
    let cases = Catalog.table(named: "cases")!

    var goodCase: FieldSet {
        [
            "case_number": .text("(2024)粤0304民初12号"), "filing_date": .text("2024-03-01"),
            "filing_channel": .text("mobile"), "stage": .text("filed"), "status": .text("pending"),
        ]
    }

    @Test("a new case is normalised: canonical number, court and type derived from it")
    func normalisesNewCase() throws {
        let (fields, warnings) = try cases.normalise(goodCase, partial: false, context: context)
        #expect(warnings.isEmpty)
        #expect(fields["case_number"] == .text("（2024）粤0304民初12号"))
        #expect(fields["court_code"] == .text("粤0304"))
        #expect(fields["case_type"] == .text("民初"))
        try cases.checkRecord(fields, context: context)
    }

    @Test("labels are accepted for vocabularies and stored as raw values")
    func labels() throws {
        var raw = goodCase
        raw["filing_channel"] = .text("深圳移动微法院")
        raw["stage"] = .text("审理")
        let (fields, _) = try cases.normalise(raw, partial: false, context: context)
        #expect(fields["filing_channel"] == .text("mobile"))
        #expect(fields["stage"] == .text("trial"))
    }

    @Test(
        "bad values name the field",
        arguments: [
            ("filing_date", FieldValue.text("2024-02-30")), ("filing_channel", .text("fax")),
            ("sealed", .text("maybe")), ("suspended_days", .integer(-1)), ("case_number", .text("（2024）粤0304民初012号")),
            ("original_case_number", .text("(2015)深中法行终字第612号")),
        ])
    func badValues(column: String, value: FieldValue) {
        var raw = goodCase
        raw[column] = value
        #expect {
            try cases.normalise(raw, partial: false, context: context)
        } throws: { error in
            (error as? ValidationError)?.field == column
        }
    }

    @Test("missing required columns and unknown columns are refused")
    func requiredAndUnknown() {
        var raw = goodCase
        raw["filing_date"] = nil
        #expect(throws: ValidationError.self) { try cases.normalise(raw, partial: false, context: context) }
        #expect((try? cases.normalise(raw, partial: true, context: context)) != nil)
        raw = goodCase
        raw["verdict"] = .text("x")
        #expect(throws: ValidationError.self) { try cases.normalise(raw, partial: false, context: context) }
    }

    @Test("whole-row rules: closed needs a date and method; dates in order; court matches the number")
    func recordRules() throws {
        var (fields, _) = try cases.normalise(goodCase, partial: false, context: context)
        fields["status"] = .text("closed")
        #expect(throws: ValidationError.self) { try cases.checkRecord(fields, context: context) }
        fields["closed_date"] = .text("2024-02-01")
        fields["closing_method"] = .text("judgment")
        #expect(throws: ValidationError.self) { try cases.checkRecord(fields, context: context) }
        fields["closed_date"] = .text("2024-05-01")
        try cases.checkRecord(fields, context: context)
        fields["court_code"] = .text("粤0305")
        #expect(throws: ValidationError.self) { try cases.checkRecord(fields, context: context) }
    }

    @Test("licence numbers: strict for hand entry, warnings for registry imports; never an ID number")
    func licences() throws {
        let lawyers = Catalog.table(named: "lawyers")!
        var raw: FieldSet = [
            "id": .text("SZL000001"), "name": .text("李律师"), "licence_number": .text("14403201013000001"),
            "licence_status": .text("practising"),
        ]
        // Gender digit 3 is odd: refused by hand, accepted with a warning from a registry import.
        #expect(throws: ValidationError.self) { try lawyers.normalise(raw, partial: false, context: context) }
        var lenient = context
        lenient.strictLicences = false
        let (_, warnings) = try lawyers.normalise(raw, partial: false, context: lenient)
        #expect(!warnings.isEmpty)
        raw["licence_number"] = .text("44030419800101001X")
        #expect(throws: ValidationError.self) { try lawyers.normalise(raw, partial: false, context: lenient) }
    }
}
