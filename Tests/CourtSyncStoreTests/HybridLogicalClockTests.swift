import CourtSyncModel
import CourtSyncTestSupport
import Testing

@Suite("Hybrid logical clock")
struct HybridLogicalClockTests {
    @Test("timestamps strictly increase while the wall clock stands still")
    func monotonicSameMillisecond() {
        let wall = ManualClock()
        var clock = HybridLogicalClock(wallClock: wall.wallClock)
        let stamps = (0..<1000).map { _ in clock.now() }
        #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 < $1 })
        #expect(stamps.last!.milliseconds == wall.now())
    }

    @Test("timestamps keep increasing when the wall clock steps back")
    func wallClockStepsBack() {
        let wall = ManualClock()
        var clock = HybridLogicalClock(wallClock: wall.wallClock)
        let before = clock.now()
        wall.advance(by: -3_600_000)
        let after = clock.now()
        #expect(after > before)
        #expect(after.milliseconds == before.milliseconds)
        wall.advance(by: 7_200_000)
        #expect(clock.now().milliseconds == wall.now())
    }

    @Test("counter overflow moves the logical milliseconds forward")
    func counterOverflow() {
        let wall = ManualClock()
        var clock = HybridLogicalClock(wallClock: wall.wallClock)
        var last = clock.now()
        for _ in 0..<70_000 {
            let next = clock.now()
            #expect(next > last)
            last = next
        }
        #expect(last.milliseconds == wall.now() + 1)
    }

    @Test("a received timestamp ahead of local time moves the clock past it")
    func receiveAdvances() throws {
        let wall = ManualClock()
        var clock = HybridLogicalClock(wallClock: wall.wallClock)
        let remote = HLCTimestamp(milliseconds: wall.now() + 60_000, counter: 7)
        try clock.receive(remote)
        #expect(clock.now() > remote)
    }

    @Test("a received timestamp beyond the drift bound is refused and leaves the clock alone")
    func driftBound() {
        let wall = ManualClock()
        var clock = HybridLogicalClock(maxDriftMilliseconds: 300_000, wallClock: wall.wallClock)
        let before = clock.now()
        let remote = HLCTimestamp(milliseconds: wall.now() + 300_001, counter: 0)
        #expect(throws: ClockDriftError.self) { try clock.receive(remote) }
        #expect(clock.last == before)
        #expect((try? clock.receive(HLCTimestamp(milliseconds: wall.now() + 300_000, counter: 0))) != nil)
    }
}
