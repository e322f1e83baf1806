import CourtSyncModel
import CourtSyncStore
import CourtSyncTransport
import Foundation

/// A node's data directory made by the real `courtsync init` in its own temporary directory, with
/// helpers to install its certificate, write its peers/ files and its `courtsync.yaml`, for tests
/// that run `courtsync serve` or `courtsync sync` as child processes.
public final class NodeDataDirectory: Sendable {
    public let root: TemporaryDirectory
    public let nodeID: String

    /// The data directory (`<temporary directory>/node`).
    public var path: String { root.file("node") }
    /// The node's SQLite database.
    public var databasePath: String { file(NodeStore.databaseFileName) }

    private init(root: TemporaryDirectory, nodeID: String) {
        self.root = root
        self.nodeID = nodeID
    }

    /// Runs `courtsync init` for a new node.
    public static func create(nodeID: String, role: NodeRole, court: String?) async throws -> NodeDataDirectory {
        let node = NodeDataDirectory(root: TemporaryDirectory("courtsync-node-\(nodeID)"), nodeID: nodeID)
        var arguments = ["init", "--data-dir", node.path, "--node-id", nodeID, "--role", role.rawValue]
        if let court { arguments += ["--court", court] }
        let result = try await ChildProcess.runCourtsync(arguments)
        guard result.succeeded else { throw NodeDirectoryError("courtsync init failed:\n\(result)") }
        return node
    }

    /// A byte-for-byte copy of another node's data directory (same identity, same database), in a
    /// temporary directory of its own. Copy only a node that is not running.
    public static func copy(of other: NodeDataDirectory) throws -> NodeDataDirectory {
        let node = NodeDataDirectory(root: TemporaryDirectory("courtsync-node-\(other.nodeID)-copy"), nodeID: other.nodeID)
        try FileManager.default.copyItem(atPath: other.path, toPath: node.path)
        return node
    }

    /// A path inside the data directory.
    public func file(_ relative: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(relative).path
    }

    /// Installs this node's certificate and key from `pki` (as `tls/<id>.pem`, `tls/<id>.key` with
    /// mode 0600) and the federation CA (`tls/ca.pem`).
    public func installCertificate(from pki: TestPKI, suffix: String = "") throws {
        try copyFile(pki.directory.file("\(nodeID)\(suffix).pem"), to: file("tls/\(nodeID).pem"), mode: 0o644)
        try copyFile(pki.directory.file("\(nodeID)\(suffix).key"), to: file("tls/\(nodeID).key"), mode: 0o600)
        try copyFile(pki.caPath, to: file("tls/ca.pem"), mode: 0o644)
    }

    /// Writes `peers/<id>.yaml` for `entry`.
    public func writePeer(_ entry: PeerEntry) throws {
        try write(entry.yamlText, to: "peers/\(entry.nodeID).yaml")
    }

    /// Writes a text file inside the data directory (e.g. a malformed peers/ file).
    public func write(_ text: String, to relative: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(relative)))
    }

    /// Replaces `courtsync.yaml`: this node's certificate files, host name mappings, page size and
    /// listening port.
    /// `schedule` is the body of `sync.schedule`, e.g. `["every: 1s", "jitter: 0s"]`.
    public func writeConfig(
        resolve: [String: String] = [:], pageSize: Int? = nil, port: Int? = nil, schedule: [String] = []
    ) throws {
        var text = """
            listen:
              host: 127.0.0.1
              port: \(port ?? 0)
            tls:
              certificate: tls/\(nodeID).pem
              key: tls/\(nodeID).key
              ca: tls/ca.pem
            peers: peers

            """
        if !resolve.isEmpty {
            text += "resolve:\n" + resolve.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)\n" }.joined()
        }
        if pageSize != nil || !schedule.isEmpty { text += "sync:\n" }
        if let pageSize { text += "  page_size: \(pageSize)\n" }
        if !schedule.isEmpty { text += "  schedule:\n" + schedule.map { "    \($0)\n" }.joined() }
        try write(text, to: NodeConfig.fileName)
    }

    /// Opens the node's database in this process.
    public func openStore() throws -> NodeStore {
        try NodeStore.open(at: databasePath)
    }

    /// The `courtsync` arguments that select this node: `--data-dir <path>`.
    public var dataDirectoryArguments: [String] { ["--data-dir", path] }

    private func copyFile(_ source: String, to target: String, mode: Int) throws {
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        try FileManager.default.copyItem(atPath: source, toPath: target)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
    }
}

/// A node directory could not be prepared.
public struct NodeDirectoryError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
