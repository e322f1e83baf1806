import CourtSyncModel
import Foundation

/// One federation member this node talks to, as its file in `peers/` describes it.
///
/// The role and court here are what the node uses for scopes and write authority: they come from
/// this file, never from a request or a certificate.
public struct PeerEntry: Sendable, Hashable {
    /// The peer's node id; equals the `urn:courtsync:node:` SAN of its certificate and its file name.
    public var nodeID: String
    /// The peer's role in the federation.
    public var role: NodeRole
    /// The court code (法院代字) of a court node, e.g. `粤0305`; `nil` for the bar association.
    public var courtCode: String?
    /// Where the peer serves its feed: `https://` and a host named in its certificate.
    public var url: URL
    /// The expected public key pin (`sha256/…`, see ``PKI/pin(of:)``), or `nil` when not pinned.
    public var pin: String?
    /// Origins whose changes this peer may relay to us, e.g. `[szbar]` for the intermediate court.
    public var relays: [String]
    /// Whether this node calls the peer (its schedule and `courtsync sync`); `false` when the peer
    /// calls us, as districts call the intermediate court: calling both ways would carry every
    /// change twice.
    public var initiates: Bool

    /// Creates a peer entry. ``PeerDirectory/load(directory:reference:)`` checks entries read from
    /// files; this initialiser checks nothing.
    public init(
        nodeID: String, role: NodeRole, courtCode: String?, url: URL, pin: String? = nil, relays: [String] = [],
        initiates: Bool = true
    ) {
        self.nodeID = nodeID
        self.role = role
        self.courtCode = courtCode
        self.url = url
        self.pin = pin
        self.relays = relays
        self.initiates = initiates
    }
}

extension PeerEntry {
    /// The entry as its `peers/<node_id>.yaml` file, in the form ``PeerDirectory/load(directory:reference:)`` reads.
    public var yamlText: String {
        var lines = ["node_id: \(nodeID)", "role: \(role.rawValue)"]
        if let courtCode { lines.append("court: \(courtCode)") }
        lines.append("url: \(url.absoluteString)")
        if let pin { lines.append("pin: \(pin)") }
        if !relays.isEmpty { lines.append("relays: [\(relays.joined(separator: ", "))]") }
        if !initiates { lines.append("initiate: false   # the peer calls us") }
        return lines.joined(separator: "\n") + "\n"
    }
}
