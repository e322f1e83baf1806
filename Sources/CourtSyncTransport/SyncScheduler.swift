import CourtSyncReplication
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The sync schedule of a serving node, as a service of its ServiceGroup: at each scheduled start
/// (plus a random delay) it syncs with every peer it calls (``PeerEntry/initiates``) at once, so a
/// peer that is down does not hold back the others, and tries failed peers again every
/// `retryAfter` until the round's window ends. Each attempt's result is recorded for `courtsync status` and `/v1/status`. Graceful
/// shutdown stops it at once: every page is applied in one transaction with its cursor, so an
/// interrupted round loses nothing.
public final class SyncScheduler: Service, Sendable {
    public let syncer: PeerSyncer
    public let peers: [PeerEntry]
    public let schedule: SyncSchedule
    private let state = Mutex(State())
    private let logger: Logger

    private struct State {
        var nextRound: Date?
        var lastRound: Date?
    }

    public init(syncer: PeerSyncer, peers: [PeerEntry], schedule: SyncSchedule, logger: Logger) {
        self.syncer = syncer
        self.peers = peers.filter(\.initiates).sorted { $0.nodeID < $1.nodeID }
        self.schedule = schedule
        self.logger = logger
    }

    /// The schedule and its next and last rounds, for `/v1/status`.
    public var status: ScheduleStatus {
        let (next, last) = state.withLock { ($0.nextRound, $0.lastRound) }
        return ScheduleStatus(schedule: schedule, nextRound: next, lastRound: last)
    }

    public func run() async throws {
        guard schedule.isEnabled else { return }
        logger.notice("sync schedule: \(schedule.summary)")
        do {
            try await cancelWhenGracefulShutdown { [self] in
                while let start = schedule.nextStart(after: Date()) {
                    state.withLock { $0.nextRound = start }
                    let delay = schedule.jitterDelay(fraction: Double.random(in: 0...1))
                    let wait = start.timeIntervalSinceNow + delay.seconds
                    logger.info("next sync round", metadata: ["at": "\(StatusTime.text(start))", "delay": "\(SyncSchedule.text(delay))"])
                    if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
                    _ = await round(deadline: schedule.windowEnd(forStart: start))
                }
            }
        } catch is CancellationError {
            logger.info("sync schedule stopped")
        }
    }

    /// One round: every peer at once, failed peers retried until `deadline`. Returns each peer's
    /// final outcome.
    public func round(deadline: Date) async -> [String: PeerOutcome] {
        state.withLock { $0.lastRound = Date() }
        let outcomes = await withTaskGroup(of: (String, PeerOutcome).self) { group in
            for peer in peers {
                group.addTask { [self] in (peer.nodeID, await syncUntilDone(peer, deadline: deadline)) }
            }
            var outcomes: [String: PeerOutcome] = [:]
            for await (peer, outcome) in group { outcomes[peer] = outcome }
            return outcomes
        }
        let line = outcomes.keys.sorted().map { peer -> String in
            switch outcomes[peer]! {
            case .synced(let s): "\(peer) ok (pushed \(s.pushed), pulled \(s.pulled), conflicts \(s.applied.conflicts))"
            case .failed(let reason, _): "\(peer) failed (\(reason))"
            }
        }.joined(separator: "; ")
        logger.notice("sync round done: \(line)")
        return outcomes
    }

    private func syncUntilDone(_ peer: PeerEntry, deadline: Date) async -> PeerOutcome {
        var attempt = 1
        while true {
            let outcome = await syncer.sync(peer)
            guard case .failed(let reason, let transient) = outcome else { return outcome }
            let resume = Date().addingTimeInterval(schedule.retryAfter.seconds)
            guard transient, resume < deadline, !Task.isCancelled else {
                logger.warning("sync failed", metadata: ["peer": "\(peer.nodeID)", "attempt": "\(attempt)", "reason": "\(reason)"])
                return outcome
            }
            logger.warning(
                "sync failed; trying again", metadata: [
                    "peer": "\(peer.nodeID)", "attempt": "\(attempt)", "reason": "\(reason)",
                    "retry_at": "\(StatusTime.text(resume))",
                ])
            do {
                try await Task.sleep(for: schedule.retryAfter)
            } catch {
                return outcome
            }
            attempt += 1
        }
    }
}
