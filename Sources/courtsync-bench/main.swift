// Benchmarks for courtsync. Not timed tests: each run measures the variants side by side, in
// alternating order, and reports their ratio (this machine is shared and noisy).
//
//   courtsync-bench capture [--cases 100000] [--rounds 7]
//   courtsync-bench apply [--cases 100000] [--rounds 7]
//   courtsync-bench stats [--cases 1000000] [--rounds 5]
//   courtsync-bench lawyer-cases [--cases 1000000] [--rounds 7]
//   courtsync-bench nightly [--cases 5000] [--districts 5] [--rounds 3]
//
// Build: swift build -c release --scratch-path .build-release --product courtsync-bench
// See docs/PERFORMANCE.md for what each benchmark measures and the figures recorded.
import Foundation

struct Arguments {
    var command = "capture"
    var cases: Int?
    var rounds: Int?
    var districts = 5

    init(_ args: [String]) {
        var args = args[...]
        if let first = args.first, !first.hasPrefix("--") { command = first; args = args.dropFirst() }
        while let flag = args.popFirst() {
            guard let value = args.popFirst().flatMap(Int.init), value > 0 else { fail("\(flag) needs a positive number") }
            switch flag {
            case "--cases": cases = value
            case "--rounds": rounds = value
            case "--districts": districts = value
            default: fail("unknown option \(flag)")
            }
        }
    }
}

let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
switch arguments.command {
case "capture": try captureBenchmark(cases: arguments.cases ?? 100_000, rounds: arguments.rounds ?? 7)
case "apply": try applyBenchmark(cases: arguments.cases ?? 100_000, rounds: arguments.rounds ?? 7)
case "stats": try statisticsBenchmark(cases: arguments.cases ?? 1_000_000, rounds: arguments.rounds ?? 5)
case "lawyer-cases": try lawyerCasesBenchmark(cases: arguments.cases ?? 1_000_000, rounds: arguments.rounds ?? 7)
case "nightly":
    try await nightlyBenchmark(
        casesPerDistrict: arguments.cases ?? 5_000, districts: arguments.districts, rounds: arguments.rounds ?? 3)
default: fail("unknown benchmark \(arguments.command)")
}
