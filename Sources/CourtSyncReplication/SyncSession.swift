import CourtSyncModel
import CourtSyncStore
import Foundation
import Logging

/// Peers on incompatible schema versions do not sync.
public struct SchemaMismatch: Error, Sendable, CustomStringConvertible {
    public let peer: String
    public let local: Int
    public let remote: Int

    public var description: String {
        "\(peer) runs schema version \(remote) and this node runs \(local); upgrade the older node before syncing"
    }
}

/// The peer answered as another node than configured.
public struct WrongPeer: Error, Sendable, CustomStringConvertible {
    public let expected: String
    public let answered: String

    public var description: String { "expected node \(expected) but \(answered) answered; check peers/\(expected).yaml url" }
}

/// What one sync with one peer did.
public struct SyncSummary: Sendable, Hashable, Codable {
    public var peer: String
    public var pushed = 0
    public var pulled = 0
    public var applied = ApplySummary()
    public var seconds = 0.0

    public init(peer: String) {
        self.peer = peer
    }

    public var line: String {
        "\(peer): pushed \(pushed), pulled \(pulled), applied \(applied.applied), duplicates skipped "
            + "\(applied.duplicates), superseded \(applied.superseded), snapshots \(applied.snapshots), "
            + "retractions \(applied.retractions), conflicts \(applied.conflicts), \(String(format: "%.1f", seconds)) s"
    }
}

/// Progress of a running sync, for a terminal display.
public struct SyncProgress: Sendable {
    public var peer: String
    public var phase: String
    public var items: Int
}

/// One sync with one peer: pull what is new, then push what the peer has not acknowledged.
///
/// Each pulled page is applied in one transaction together with the pull cursor, so after a
/// crash at any point the next sync resumes from the last committed page: nothing lost, nothing
/// applied twice (duplicates are dropped by origin and sequence anyway). The push cursor moves
/// only after the peer acknowledged a page; a page pushed twice is deduplicated by the peer.
public struct SyncSession: Sendable {
    public let store: NodeStore
    public let peer: PeerInfo
    public let peers: [PeerInfo]
    public let feed: any PeerFeed
    public let context: ValidationContext
    public var pageSize = 2000
    public var logger: Logger

    public init(
        store: NodeStore, peer: PeerInfo, peers: [PeerInfo], feed: any PeerFeed, context: ValidationContext,
        logger: Logger = Logger(label: "courtsync.sync")
    ) {
        self.store = store
        self.peer = peer
        self.peers = peers
        self.feed = feed
        self.context = context
        self.logger = logger
    }

    public func run(progress: (@Sendable (SyncProgress) -> Void)? = nil) async throws -> SyncSummary {
        let started = Date()
        var summary = SyncSummary(peer: peer.nodeID)
        let hello = try await feed.hello()
        guard hello.nodeID == peer.nodeID else { throw WrongPeer(expected: peer.nodeID, answered: hello.nodeID) }
        guard hello.schemaVersion == NodeStore.schemaVersion else {
            throw SchemaMismatch(peer: peer.nodeID, local: NodeStore.schemaVersion, remote: hello.schemaVersion)
        }
        // Pull first: what the peer sends can change what it may read from us (a lawyer of the
        // registry makes that lawyer's cases the bar's business), so the push then carries it.
        // A refused page stops the pull, not the push: our own changes still go out, then the
        // refusal is reported.
        do {
            try await pull(&summary, progress: progress)
        } catch let refused as RefusedBatch {
            do {
                try await push(&summary, progress: progress)
            } catch {
                logger.warning("push after a refused pull failed", metadata: ["peer": "\(peer.nodeID)", "error": "\(error)"])
            }
            throw refused  // the refusal is what the operator must see
        }
        try await push(&summary, progress: progress)
        summary.seconds = Date().timeIntervalSince(started)
        logger.info("sync done", metadata: [
            "peer": "\(peer.nodeID)", "pushed": "\(summary.pushed)", "pulled": "\(summary.pulled)",
        ])
        return summary
    }

    private func push(_ summary: inout SyncSummary, progress: (@Sendable (SyncProgress) -> Void)?) async throws {
        let builder = FeedBuilder(server: store.identity, reader: peer, peers: peers)
        var cursor = try store.peerState(peer.nodeID).pushCursor
        while true {
            let page = try store.snapshot { try builder.page($0, after: cursor, limit: pageSize) }
            if !page.items.isEmpty {
                _ = try await feed.push(page)
                summary.pushed += page.items.count
                progress?(SyncProgress(peer: peer.nodeID, phase: "push", items: summary.pushed))
            }
            if page.next > cursor { try store.setPushCursor(page.next, peer: peer.nodeID) }
            cursor = page.next
            if !page.more { break }
        }
    }

    private func pull(_ summary: inout SyncSummary, progress: (@Sendable (SyncProgress) -> Void)?) async throws {
        let verifier = InboundVerifier(local: store.identity, peers: peers, context: context)
        let feed = self.feed
        let limit = pageSize
        var cursor = try store.peerState(peer.nodeID).pullCursor
        var page = try await feed.pull(after: cursor, limit: limit)
        while true {
            // The next page's cursor is known before this one is applied: fetch it meanwhile, so the
            // peer builds and sends page n+1 while this node applies page n. If applying fails, the
            // prefetched page is dropped and the cursor stays where the last commit left it.
            let next: Task<FeedPage, any Error>? =
                page.more && page.next > cursor
                ? Task { [after = page.next] in try await feed.pull(after: after, limit: limit) } : nil
            do {
                let applied = try store.write { writer in
                    let applied = try verifier.apply(page, from: peer, writer: writer)
                    try writer.setPullCursor(page.next, peer: peer.nodeID)
                    return applied
                }
                summary.applied = summary.applied + applied
            } catch {
                next?.cancel()
                if let refused = error as? RefusedBatch {
                    logger.warning("pulled page refused", metadata: ["peer": "\(peer.nodeID)", "reason": "\(refused)"])
                }
                throw error
            }
            summary.pulled += page.items.count
            progress?(SyncProgress(peer: peer.nodeID, phase: "pull", items: summary.pulled))
            if !page.more { break }
            guard let next else {
                throw RefusedBatch("\(peer.nodeID) says it has more changes but its cursor did not move")
            }
            cursor = page.next
            page = try await next.value
        }
    }

}
