import CourtSyncModel
import CourtSyncStore
import Foundation
import Synchronization

/// A wall clock tests can set and step back.
public final class ManualClock: Sendable {
    private let milliseconds: Mutex<Int64>

    public init(_ start: Int64 = 1_735_689_600_000) {  // 2025-01-01T00:00:00Z
        milliseconds = Mutex(start)
    }

    public func now() -> Int64 { milliseconds.withLock { $0 } }

    public func set(_ value: Int64) { milliseconds.withLock { $0 = value } }

    public func advance(by delta: Int64) { milliseconds.withLock { $0 += delta } }

    public var wallClock: @Sendable () -> Int64 { { self.now() } }
}

/// A node database in a temporary directory.
public struct TestNode: Sendable {
    public let directory: TemporaryDirectory
    public let store: NodeStore

    public init(
        _ nodeID: String = "gd0304", role: NodeRole = .district, court: String? = "粤0304",
        clock: ManualClock? = nil
    ) throws {
        directory = TemporaryDirectory(nodeID)
        let path = directory.file(NodeStore.databaseFileName)
        let identity = NodeIdentity(nodeID: nodeID, role: role, courtCode: court)
        if let clock {
            store = try NodeStore.create(at: path, identity: identity, wallClock: clock.wallClock)
        } else {
            store = try NodeStore.create(at: path, identity: identity)
        }
    }

    /// Opens the same database again (as a restarted process would).
    public func reopen(clock: ManualClock? = nil) throws -> NodeStore {
        let path = directory.file(NodeStore.databaseFileName)
        if let clock { return try NodeStore.open(at: path, wallClock: clock.wallClock) }
        return try NodeStore.open(at: path)
    }
}

/// Small fixed records for tests.
public enum Fixtures {
    public static func courtCase(
        _ number: String = "（2024）粤0304民初1号", court: String = "粤0304", type: String = "民初"
    ) -> CourtCase {
        CourtCase(
            caseNumber: number, courtCode: court, caseType: type, cause: "民间借贷纠纷",
            filingDate: CivilDate(year: 2024, month: 3, day: 1), filingChannel: .mobile, stage: .filed,
            status: .pending, judge: "王法官", suspendedDays: 0, timeLimitDays: 180, sealed: false,
            nonPublic: false, juvenile: false, family: false)
    }

    public static func party(id: String = "0190f000-0000-7000-8000-000000000001", caseNumber: String) -> Party {
        Party(
            id: id, caseNumber: caseNumber, side: .plaintiff, kind: .natural, name: "张三",
            idNumber: "44030419800101001X", address: "深圳市福田区福华路1号", phone: "13800000000",
            bankAccount: "6222000000000000", minor: false)
    }

    public static func lawyer(id: String = "SZL000001") -> Lawyer {
        Lawyer(
            id: id, name: "李律师", licenceNumber: "14403201011000001", licenceStatus: .practising,
            firmID: "SZF0001", email: "li@example.org", eServiceAddress: "li@example.org")
    }
}
