import Foundation

/// An error that knows whether trying again may help (a network blip) or not (a refused
/// certificate, a refused batch, an incompatible peer).
public protocol TransientCapable: Error {
    var isTransient: Bool { get }
}

/// Exponential back-off with full jitter: attempt n waits a random time up to
/// `min(maximumDelay, baseDelay · 2ⁿ)`. Only transient errors are retried.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration

    public init(attempts: Int = 4, baseDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30)) {
        self.attempts = attempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The wait before retry number `retry` (0-based), given a random fraction in 0...1.
    public func delay(beforeRetry retry: Int, fraction: Double) -> Duration {
        let cap = min(maximumDelay, baseDelay * (1 << min(retry, 20)))
        return cap * max(0, min(1, fraction))
    }

    /// Runs `body`, retrying transient failures. `sleep` is injected so tests need not wait.
    public func run<T: Sendable>(
        sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onRetry: @Sendable (Int, any Error, Duration) -> Void = { _, _, _ in },
        _ body: () async throws -> T
    ) async throws -> T {
        var retry = 0
        while true {
            do {
                return try await body()
            } catch let error as TransientCapable where error.isTransient && retry + 1 < attempts {
                let wait = delay(beforeRetry: retry, fraction: Double.random(in: 0...1))
                onRetry(retry + 1, error, wait)
                try await sleep(wait)
                retry += 1
            }
        }
    }
}
