import Foundation
import Logging
import Synchronization

/// Log lines kept in memory, for tests that check what a component logged. Make a ``logger`` from
/// it and pass that logger in; `LoggingSystem.bootstrap` is never called.
public final class LogCapture: Sendable {
    /// One logged line: level, message and metadata.
    public struct Entry: Sendable, CustomStringConvertible {
        public let level: Logger.Level
        public let message: String
        public let metadata: [String: String]

        /// `warning: message key=value …`, metadata sorted by key.
        public var description: String {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return (["\(level): \(message)"] + pairs).joined(separator: " ")
        }
    }

    private let storage = Mutex<[Entry]>([])

    public init() {}

    /// A logger writing into this capture at `level` and above.
    public func logger(label: String = "test.capture", level: Logger.Level = .debug) -> Logger {
        var logger = Logger(label: label) { _ in InMemoryLogHandler(capture: self) }
        logger.logLevel = level
        return logger
    }

    /// Everything logged so far, oldest first.
    public var entries: [Entry] { storage.withLock { $0 } }

    /// Everything logged so far, one line per entry (for failure messages).
    public var text: String { entries.map(\.description).joined(separator: "\n") }

    /// The entries whose line contains every one of `parts`.
    public func entries(containing parts: String...) -> [Entry] {
        entries.filter { entry in parts.allSatisfy { entry.description.contains($0) } }
    }

    /// Waits up to `timeout` for an entry whose line contains every one of `parts` (a server may
    /// log a refused handshake a moment after the client saw it fail).
    public func waitForEntry(containing parts: [String], timeout: Duration = .seconds(3)) async -> Entry? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let found = entries.first(where: { entry in parts.allSatisfy { entry.description.contains($0) } }) {
                return found
            }
            if clock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    fileprivate func append(_ entry: Entry) {
        storage.withLock { $0.append(entry) }
    }
}

/// A swift-log handler that appends to a ``LogCapture``.
public struct InMemoryLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .debug
    public var metadataProvider: Logger.MetadataProvider?
    let capture: LogCapture

    public init(capture: LogCapture) {
        self.capture = capture
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        capture.append(
            LogCapture.Entry(
                level: event.level, message: event.message.description,
                metadata: merged.mapValues { "\($0)" }))
    }
}
