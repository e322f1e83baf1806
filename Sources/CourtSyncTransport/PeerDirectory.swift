import CourtSyncModel
import Foundation

/// The `peers/` directory: the federation members this node talks to, and what it no longer trusts.
///
/// One YAML file per peer, named `<node-id>.yaml` (or `.yml`), and an optional `revoked.yaml`.
/// Other files (`README.md`, `*.example`, hidden files) are ignored. Loading is all or nothing: the
/// first malformed or contradictory file stops it with a ``PeerConfigError`` naming the file and
/// field. A TLS client is accepted only if its node id has an entry here; the role and court used for
/// scopes and write authority come from that entry, never from the request.
public struct PeerDirectory: Sendable {
    /// The name of the revocation list in the directory.
    public static let revocationFileName = "revoked.yaml"

    /// The peers, by node id.
    public let peers: [String: PeerEntry]
    /// Certificates and keys no longer accepted.
    public let revocations: RevocationList

    /// A directory made in memory (for tests and tools); entries are not checked, and when a node id
    /// appears twice the last entry wins.
    public init(peers: [PeerEntry], revocations: RevocationList = .init()) {
        self.peers = Dictionary(peers.map { ($0.nodeID, $0) }, uniquingKeysWith: { _, last in last })
        self.revocations = revocations
    }

    /// The peer with this node id, if it has a file here.
    public func peer(_ nodeID: String) -> PeerEntry? {
        peers[nodeID]
    }

    /// Loads and checks every peer file and the revocation list in `directory`.
    ///
    /// Checks each file (known keys only; node id valid and equal to the file name; role known;
    /// court present for court roles, absent for the bar, listed in `reference` at the right level and
    /// owned by this node id; `https://` URL with a host; pin well formed) and the files together
    /// (one file per node id, one peer per court, relays naming peers listed here).
    /// - Parameter reference: the court table court codes are checked against.
    /// - Throws: ``PeerConfigError`` for the first problem found, files taken in name order.
    public static func load(directory: URL, reference: ReferenceData = .bundled) throws -> PeerDirectory {
        let directoryName = directory.lastPathComponent
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw PeerConfigError(
                file: directory.path, reason: "the peers directory cannot be read (\(error.localizedDescription))")
        }
        var entries: [PeerEntry] = []
        var fileOfNode: [String: String] = [:]
        var nodeOfCourt: [String: String] = [:]
        var revocations = RevocationList()
        var revocationFile: String?
        for name in names where !name.hasPrefix(".") {
            let fileExtension = URL(fileURLWithPath: name).pathExtension.lowercased()
            guard fileExtension == "yaml" || fileExtension == "yml" else { continue }
            let file = "\(directoryName)/\(name)"
            let stem = String(name.dropLast(fileExtension.count + 1))
            let text = try readText(directory.appendingPathComponent(name), file: file)
            if stem == "revoked" {
                if let revocationFile {
                    throw PeerConfigError(
                        file: file, reason: "\(revocationFile) is also a revocation list; keep only one")
                }
                revocations = try parseRevocations(text, file: file)
                revocationFile = file
                continue
            }
            let entry = try parsePeer(text, file: file, fileStem: stem, reference: reference)
            if let other = fileOfNode[entry.nodeID] {
                throw PeerConfigError(
                    file: file, field: "node_id",
                    reason: "\(entry.nodeID) is also described by \(other); keep one file per peer")
            }
            if let court = entry.courtCode {
                if let other = nodeOfCourt[court] {
                    throw PeerConfigError(
                        file: file, field: "court",
                        reason: "\(court) is already the court of peer \(other) (\(fileOfNode[other] ?? other)); "
                            + "each court has one node")
                }
                nodeOfCourt[court] = entry.nodeID
            }
            try checkCourtOwner(entry, file: file, reference: reference)
            fileOfNode[entry.nodeID] = file
            entries.append(entry)
        }
        for entry in entries {
            for origin in entry.relays where fileOfNode[origin] == nil {
                throw PeerConfigError(
                    file: fileOfNode[entry.nodeID] ?? entry.nodeID, field: "relays",
                    reason: "\(origin) is not a peer in \(directoryName)/: add \(directoryName)/\(origin).yaml "
                        + "or remove it from relays")
            }
        }
        return PeerDirectory(peers: entries, revocations: revocations)
    }

    private static func readText(_ url: URL, file: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PeerConfigError(file: file, reason: "cannot be read (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PeerConfigError(file: file, reason: "is not UTF-8 text")
        }
        return text
    }
}
