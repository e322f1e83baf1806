import CourtSyncModel
import CourtSyncSampleData
import Testing

@Suite("Sample data is reproducible")
struct DeterminismTests {
    @Test func sameSeedGivesIdenticalCourtRecords() {
        let first = SampleCollection.court(seed: 42, code: "粤0304", cases: 300)
        let second = SampleCollection.court(seed: 42, code: "粤0304", cases: 300)
        #expect(first.cases.count == 300)
        #expect(first.all == second.all)
    }

    @Test func sameSeedGivesIdenticalIntermediateRecords() {
        let first = SampleCollection.court(seed: 9, code: "粤03", cases: 150, districtCases: 200)
        let second = SampleCollection.court(seed: 9, code: "粤03", cases: 150, districtCases: 200)
        #expect(first.all == second.all)
    }

    @Test func differentSeedGivesDifferentRecords() {
        let first = SampleCollection.court(seed: 1, code: "粤0306", cases: 100)
        let second = SampleCollection.court(seed: 2, code: "粤0306", cases: 100)
        #expect(first.all != second.all)
        #expect(first.parties.map(\.name) != second.parties.map(\.name))
        let firstRegistry = SampleCollection.registry(seed: 1, lawyers: 50, firms: 10)
        let secondRegistry = SampleCollection.registry(seed: 2, lawyers: 50, firms: 10)
        #expect(firstRegistry.lawyers.map(\.name) != secondRegistry.lawyers.map(\.name))
    }

    @Test func generatorSequenceIsFixed() {
        // Pinned values: a change here changes every sample data set on every machine.
        var state: UInt64 = 0
        #expect(SeededRandom.splitMix(&state) == 0xE220_A839_7B1D_CDAF)  // SplitMix64 reference output
        #expect(SeededRandom.splitMix(&state) == 0x6E78_9E6A_A1B9_65F4)
        var rng = SeededRandom(seed: 0)
        #expect((0..<3).map { _ in rng.next() } == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
        var derived = SeededRandom(seed: 42, stream: 7, index: 3)
        #expect(derived.next() == 0xEC5B_E32B_70D5_CF7A)
        #expect(SeededRandom.tag("粤0304") == SeededRandom.tag("粤0304"))
        #expect(SeededRandom.tag("粤0304") != SeededRandom.tag("粤0305"))
        var bounded = SeededRandom(seed: 7)
        #expect((0..<1000).allSatisfy { _ in (0..<7).contains(bounded.below(7)) })
    }

    @Test func registryDoesNotDependOnCourts() {
        let before = SampleCollection.registry(seed: 5, lawyers: 300, firms: 40)
        _ = SampleCollection.court(seed: 5, code: "粤0305", cases: 50, registryLawyers: 300)
        _ = SampleCollection.court(seed: 5, code: "粤03", cases: 50, registryLawyers: 300)
        let after = SampleCollection.registry(seed: 5, lawyers: 300, firms: 40)
        #expect(before.all == after.all)
    }

    @Test func lawyerIsTheSamePersonWhateverTheRegistrySize() {
        let small = SampleCollection.registry(seed: 5, lawyers: 100, firms: 40)
        let large = SampleCollection.registry(seed: 5, lawyers: 400, firms: 40)
        #expect(Array(large.lawyers.prefix(100)) == small.lawyers)
        #expect(large.firms == small.firms)
    }

    @Test func lawyerStatusMatchesRegistry() {
        let generator = SampleGenerator(seed: 11)
        let registry = SampleCollection.registry(seed: 11, lawyers: 200, firms: 20)
        for (offset, lawyer) in registry.lawyers.enumerated() {
            #expect(generator.lawyerStatus(offset + 1) == lawyer.licenceStatus)
        }
    }
}
