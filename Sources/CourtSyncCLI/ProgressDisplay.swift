import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on a terminal (standard error), redrawn at most ten times a
/// second; silent when standard error is not a terminal, where only the summary line is printed.
final class ProgressDisplay: Sendable {
    private let label: String
    private let totalBytes: Int64?
    private let enabled: Bool
    private let start = Date()
    private let lastDraw = Mutex(Date.distantPast)

    init(label: String, totalBytes: Int64? = nil, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.totalBytes = totalBytes
        self.enabled = enabled
    }

    var elapsed: Double { Date().timeIntervalSince(start) }

    func update(rows: Int, bytes: Int64 = 0) {
        guard enabled else { return }
        let now = Date()
        let due = lastDraw.withLock { last in
            guard now.timeIntervalSince(last) >= 0.1 else { return false }
            last = now
            return true
        }
        guard due else { return }
        let rate = Double(rows) / max(elapsed, 0.001)
        var text = "\(label): \(rows) rows, \(Int(rate))/s"
        if let totalBytes, totalBytes > 0 {
            text += String(format: ", %.0f%%", 100 * Double(bytes) / Double(totalBytes))
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Clears the progress line before the summary is printed.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
