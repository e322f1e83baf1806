import CourtSyncReplication
import Foundation
import Yams

/// A node's configuration file, `courtsync.yaml` in its data directory: defaults, then the file,
/// then command-line flags. Relative paths are relative to the data directory.
public struct NodeConfig: Sendable, Hashable {
    public var listenHost = "127.0.0.1"
    public var listenPort = 8443
    public var certificate = "tls/node.pem"
    public var key = "tls/node.key"
    public var ca = "tls/ca.pem"
    public var peers = "peers"
    /// Host name → address, for peers whose names are not in DNS (like curl's --resolve).
    public var resolve: [String: String] = [:]
    public var pageSize = 2000
    public var retries = 4
    /// When `serve` syncs with its peers on its own (`sync.schedule`); disabled when absent.
    public var schedule = SyncSchedule()

    public static let fileName = "courtsync.yaml"

    public init() {}

    /// A commented configuration file with the defaults, as `courtsync init` writes it.
    public static func template(nodeID: String) -> String {
        """
        # courtsync node configuration. Relative paths are relative to this directory.
        listen:
          host: 127.0.0.1        # address the HTTPS server binds; 0.0.0.0 for all interfaces
          port: 8443
        tls:
          certificate: tls/\(nodeID).pem   # this node's certificate (courtsync certs issue)
          key: tls/\(nodeID).key           # its private key: mode 0600, or the server refuses to start
          ca: tls/ca.pem                   # the federation CA certificate
        peers: peers             # one YAML file per peer (see peers/README.md)
        # resolve:               # host name -> address for peers not in DNS
        #   gd03.nodes.courtsync.test: 10.3.0.10
        sync:
          page_size: 2000        # changes per page; each page is applied in one transaction
          retries: 4             # attempts per peer when the network fails (exponential back-off)
          # The nightly round that `courtsync serve` runs on its own. Every peer it calls is
          # synced at once, so one that is down does not hold back the others; peers that fail
          # are tried again every retry_after until the window ends (or the next round starts).
          # Remove this whole schedule block to sync only by hand (`courtsync sync`).
          schedule:
            daily_at: "02:00"    # local time in time_zone (24-hour clock)
            time_zone: Asia/Shanghai   # an Area/City name (not CST: that is read as US Central)
            # every: 30m         # also (or instead) sync at this interval, aligned to midnight
            window: 4h           # keep retrying failed peers this long after the start
            retry_after: 5m      # wait between attempts at a failed peer (default: 5m, or a quarter of a shorter window)
            jitter: 10m          # random delay before each round, spreads the districts' load (default: 10m, or a quarter of a shorter window)

        """
    }

    private struct File: Decodable {
        struct Listen: Decodable {
            var host: String?
            var port: Int?
        }

        struct TLS: Decodable {
            var certificate: String?
            var key: String?
            var ca: String?
        }

        struct Sync: Decodable {
            var page_size: Int?
            var retries: Int?
            var schedule: Schedule?
        }

        struct Schedule: Decodable {
            var daily_at: String?
            var time_zone: String?
            var every: String?
            var window: String?
            var retry_after: String?
            var jitter: String?
        }

        var listen: Listen?
        var tls: TLS?
        var peers: String?
        var resolve: [String: String]?
        var sync: Sync?
    }

    /// Reads `courtsync.yaml` from a data directory; a missing file gives the defaults.
    public static func load(dataDirectory: String) throws -> NodeConfig {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName).path
        var config = NodeConfig()
        guard FileManager.default.fileExists(atPath: path) else { return config }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let file: File
        do {
            try Self.checkKeys(try Yams.compose(yaml: text), path: "")
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch let error as PeerConfigError {
            throw error
        } catch {
            throw PeerConfigError(file: fileName, field: Self.fieldPath(error), reason: Self.reason(error))
        }
        if let host = file.listen?.host { config.listenHost = host }
        if let port = file.listen?.port {
            guard (0...65535).contains(port) else {
                throw PeerConfigError(file: fileName, field: "listen.port", reason: "must be 0 to 65535")
            }
            config.listenPort = port
        }
        if let v = file.tls?.certificate { config.certificate = v }
        if let v = file.tls?.key { config.key = v }
        if let v = file.tls?.ca { config.ca = v }
        if let v = file.peers { config.peers = v }
        if let v = file.resolve { config.resolve = v }
        if let v = file.sync?.page_size {
            guard (1...10_000).contains(v) else {
                throw PeerConfigError(file: fileName, field: "sync.page_size", reason: "must be 1 to 10000")
            }
            config.pageSize = v
        }
        if let v = file.sync?.retries {
            guard (1...20).contains(v) else {
                throw PeerConfigError(file: fileName, field: "sync.retries", reason: "must be 1 to 20")
            }
            config.retries = v
        }
        if let schedule = file.sync?.schedule { config.schedule = try Self.schedule(schedule) }
        return config
    }

    /// The keys each mapping of the file may have (`resolve` takes any host name).
    private static let knownKeys: [String: [String]] = [
        "": ["listen", "tls", "peers", "resolve", "sync"],
        "listen": ["host", "port"],
        "tls": ["certificate", "key", "ca"],
        "sync": ["page_size", "retries", "schedule"],
        "sync.schedule": ["daily_at", "time_zone", "every", "window", "retry_after", "jitter"],
    ]

    /// Refuses a key the file format does not have: a misspelt `interval:` for `every:` must not
    /// silently leave a node without its schedule.
    private static func checkKeys(_ node: Node?, path: String) throws {
        guard let mapping = node?.mapping, let known = knownKeys[path] else { return }
        for (key, value) in mapping {
            let name = key.string ?? "\(key)"
            let field = path.isEmpty ? name : "\(path).\(name)"
            guard known.contains(name) else {
                throw PeerConfigError(
                    file: fileName, field: field,
                    reason: "unknown key; \(path.isEmpty ? "the file" : path) has \(known.joined(separator: ", "))",
                    line: key.mark.map { $0.line })
            }
            try checkKeys(value, path: field)
        }
    }

    private static func schedule(_ file: File.Schedule) throws -> SyncSchedule {
        func fail(_ field: String, _ reason: String) -> PeerConfigError {
            PeerConfigError(file: fileName, field: "sync.schedule.\(field)", reason: reason)
        }
        func duration(_ text: String?, _ field: String, _ range: ClosedRange<Int>) throws -> Duration? {
            guard let text else { return nil }
            guard let value = SyncSchedule.parseDuration(text) else {
                throw fail(field, "\"\(text)\" is not a duration such as 90s, 15m, 4h or 1h30m")
            }
            guard range.contains(Int(value.seconds)) else {
                throw fail(field, "must be \(SyncSchedule.text(.seconds(range.lowerBound))) to \(SyncSchedule.text(.seconds(range.upperBound)))")
            }
            return value
        }
        var schedule = SyncSchedule()
        if let text = file.daily_at {
            guard let time = SyncSchedule.TimeOfDay(text) else {
                throw fail("daily_at", "\"\(text)\" is not a time of day HH:MM (24-hour clock), e.g. \"02:00\"")
            }
            schedule.dailyAt = time
        }
        if let name = file.time_zone {
            // Only Area/City names (and UTC): abbreviations are ambiguous, and TimeZone reads
            // "CST" as US Central Time, not China Standard Time.
            guard name == "UTC" || name.contains("/"), let zone = TimeZone(identifier: name) else {
                throw fail("time_zone", "\"\(name)\" is not a time zone name such as Asia/Shanghai (abbreviations like CST are ambiguous)")
            }
            schedule.timeZone = zone
        }
        schedule.interval = try duration(file.every, "every", 1...86_400)
        if let v = try duration(file.window, "window", 1...86_400) { schedule.window = v }
        if let v = try duration(file.retry_after, "retry_after", 1...86_400) { schedule.retryAfter = v }
        if let v = try duration(file.jitter, "jitter", 0...86_400) { schedule.jitter = v }
        if schedule.dailyAt == nil && schedule.interval == nil
            && (file.window ?? file.retry_after ?? file.jitter ?? file.time_zone) != nil
        {
            throw fail("daily_at", "a schedule needs daily_at or every (or remove the schedule block)")
        }
        // A round's window ends at the next start at the latest (SyncSchedule.windowEnd).
        let windowLength = min(schedule.window, schedule.shortestGap ?? schedule.window)
        // Unless set, retries come every 5 minutes, or 4 times within a shorter window.
        if file.retry_after == nil { schedule.retryAfter = min(schedule.retryAfter, windowLength / 4) }
        // Likewise the random delay: 10 minutes, or a quarter of a shorter window.
        if file.jitter == nil { schedule.jitter = min(schedule.jitter, windowLength / 4) }
        if schedule.isEnabled, schedule.jitter >= windowLength {
            throw fail("jitter", "must be shorter than the retry window (\(SyncSchedule.text(windowLength)))")
        }
        if schedule.isEnabled, file.retry_after != nil || file.window != nil, schedule.retryAfter >= windowLength {
            throw fail(
                "retry_after", "must be shorter than the retry window (\(SyncSchedule.text(windowLength))), or no peer is ever tried again")
        }
        return schedule
    }

    /// A path from the file, made absolute against the data directory.
    public static func resolvePath(_ path: String, dataDirectory: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: dataDirectory).appendingPathComponent(path).path
    }

    private static func fieldPath(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
            DecodingError.keyNotFound(_, let c), DecodingError.dataCorrupted(let c):
            c.codingPath.map(\.stringValue).joined(separator: ".")
        default: ""
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, _): "expected \(type)"
        case DecodingError.dataCorrupted(let c): c.underlyingError.map { "\($0)" } ?? c.debugDescription
        default: "\(error)"
        }
    }
}
