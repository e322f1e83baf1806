import CourtSyncModel
import CourtSyncReplication
import Synchronization

/// A fault a ``FaultyPeerFeed`` injects into one sync. Call numbers count from 1 within the feed.
public enum PeerFeedFault: Sendable, Hashable, CustomStringConvertible {
    case none
    /// Every pulled page carries its items twice (the same page applied twice in one transaction).
    case duplicatePulledPages
    /// Every pushed page is delivered twice (the peer applies it, then gets it again).
    case duplicatePushedPages
    /// The `call`-th pull fails before the page reaches the client: nothing of it is applied.
    case failPull(call: Int)
    /// The `call`-th push fails before the peer sees it.
    case failPushBeforeApply(call: Int)
    /// The `call`-th push is applied by the peer but its acknowledgement is lost.
    case failPushAfterApply(call: Int)
    /// The `call`-th pull is answered with the page after an older cursor (0 or the previous one).
    case replayOlderPull(call: Int)
    /// The `call`-th pulled page gets an invalid last item: the client must refuse the page whole.
    case poisonPull(call: Int)
    /// The `call`-th pushed page gets an invalid last item: the peer must refuse the page whole.
    case poisonPush(call: Int)

    public var description: String {
        switch self {
        case .none: "none"
        case .duplicatePulledPages: "duplicate-pulled"
        case .duplicatePushedPages: "duplicate-pushed"
        case .failPull(let n): "fail-pull#\(n)"
        case .failPushBeforeApply(let n): "fail-push-before#\(n)"
        case .failPushAfterApply(let n): "fail-push-after#\(n)"
        case .replayOlderPull(let n): "replay-pull#\(n)"
        case .poisonPull(let n): "poison-pull#\(n)"
        case .poisonPush(let n): "poison-push#\(n)"
        }
    }

    /// Whether the fault, once it fires, makes the sync throw.
    public var isPoison: Bool {
        switch self {
        case .poisonPull, .poisonPush: true
        default: false
        }
    }
}

/// The error a ``FaultyPeerFeed`` throws for a dropped request.
public struct InjectedFault: Error, Sendable, CustomStringConvertible {
    public let fault: PeerFeedFault
    public var description: String { "injected fault \(fault)" }
}

/// Wraps a ``PeerFeed`` and injects one ``PeerFeedFault``: duplicated, dropped, replayed or
/// poisoned pages, to check that a session resumes without losing or doubling anything.
public final class FaultyPeerFeed: PeerFeed {
    public let inner: any PeerFeed
    public let fault: PeerFeedFault
    /// Node id of the client (origin of poisoned pushed items) and of the server (of pulled ones).
    public let clientID: String
    public let serverID: String
    private struct State {
        var pulls = 0
        var pushes = 0
        var cursors: [Int64] = []
        var fired = false
    }
    private let state = Mutex(State())

    public init(_ inner: any PeerFeed, fault: PeerFeedFault, clientID: String, serverID: String) {
        self.inner = inner
        self.fault = fault
        self.clientID = clientID
        self.serverID = serverID
    }

    /// Whether the fault fired during the sync.
    public var fired: Bool { state.withLock { $0.fired } }

    public func hello() async throws -> PeerHello { try await inner.hello() }

    public func pull(after cursor: Int64, limit: Int) async throws -> FeedPage {
        let (call, older) = state.withLock { s -> (Int, Int64) in
            s.pulls += 1
            let older = s.cursors.last { $0 < cursor } ?? 0
            s.cursors.append(cursor)
            return (s.pulls, older)
        }
        switch fault {
        case .duplicatePulledPages:
            var page = try await inner.pull(after: cursor, limit: limit)
            if !page.items.isEmpty { markFired() }
            page.items += page.items
            return page
        case .failPull(let n) where n == call:
            markFired()
            throw InjectedFault(fault: fault)
        case .replayOlderPull(let n) where n == call && cursor > 0:
            markFired()
            return try await inner.pull(after: older, limit: limit)
        case .poisonPull(let n) where n == call:
            var page = try await inner.pull(after: cursor, limit: limit)
            markFired()
            page.items.append(Self.poison(origin: serverID))
            return page
        default:
            return try await inner.pull(after: cursor, limit: limit)
        }
    }

    public func push(_ page: FeedPage) async throws -> ApplySummary {
        let call = state.withLock { s -> Int in
            s.pushes += 1
            return s.pushes
        }
        switch fault {
        case .duplicatePushedPages:
            markFired()
            _ = try await inner.push(page)
            return try await inner.push(page)
        case .failPushBeforeApply(let n) where n == call:
            markFired()
            throw InjectedFault(fault: fault)
        case .failPushAfterApply(let n) where n == call:
            _ = try await inner.push(page)
            markFired()
            throw InjectedFault(fault: fault)
        case .poisonPush(let n) where n == call:
            var poisoned = page
            poisoned.items.append(Self.poison(origin: clientID))
            markFired()
            return try await inner.push(poisoned)
        default:
            return try await inner.push(page)
        }
    }

    private func markFired() { state.withLock { $0.fired = true } }

    /// An item every receiver refuses (a table that does not exist), placed after valid items so
    /// that they are applied first and must be rolled back with it.
    static func poison(origin: String) -> FeedItem {
        .change(
            ChangeRecord(
                origin: origin, originSequence: 1, hlc: HLCTimestamp(milliseconds: 1, counter: 0),
                table: "no_such_table", key: "poison", operation: .update, fields: ["x": .text("y")]),
            caseNumber: nil)
    }
}
