import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("courtsync-bench: \(message)\n\(usage)".utf8))
    exit(64)
}

let usage = """
    usage: courtsync-bench capture|apply [--cases N] [--rounds R]
           courtsync-bench stats|lawyer-cases [--cases N] [--rounds R]
           courtsync-bench nightly [--cases N] [--districts D] [--rounds R]

    """

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Where benchmarks keep their files: `$COURTSYNC_BENCH_DIR`, else the temporary directory.
var benchBase: URL {
    ProcessInfo.processInfo.environment["COURTSYNC_BENCH_DIR"].map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory
}

/// `2.34× (rounds 2.10 2.50 …)`: the median of per-round ratios and each round's ratio. Each round
/// measures both sides back to back, so the median of per-round ratios is steadier than the ratio
/// of medians when the machine's load drifts.
func ratioText(_ numerator: [Double], _ denominator: [Double]) -> String {
    let ratios = zip(numerator, denominator).map { $0 / $1 }
    return String(format: "%.2f×", median(ratios)) + " (rounds " + ratios.map { String(format: "%.2f", $0) }.joined(separator: " ") + ")"
}

func milliseconds(_ value: Double) -> String {
    value >= 1 ? String(format: "%.2f s", value) : String(format: "%.1f ms", value * 1000)
}

/// Peak resident memory since the last ``resetPeakMemory()``: VmHWM from /proc/self/status (Linux),
/// else getrusage's ru_maxrss (the whole process's life).
func peakMemoryMiB() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    {
        return kib / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Resets the peak resident memory the kernel keeps (Linux: writing 5 to /proc/self/clear_refs),
/// so that a benchmark's peak does not include building its data. Returns false where unsupported.
@discardableResult
func resetPeakMemory() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
}
