import CourtSyncModel

/// What this node knows of another node from its peers/ configuration: the node's role and court
/// (used for scopes and authority — never taken from a request) and the origins it may relay.
public struct PeerInfo: Sendable, Hashable {
    public var nodeID: String
    public var role: NodeRole
    public var courtCode: String?
    /// Origins whose changes this peer may deliver on their behalf (the intermediate court relays
    /// the bar association's registry).
    public var relays: Set<String>

    public init(nodeID: String, role: NodeRole, courtCode: String?, relays: Set<String> = []) {
        self.nodeID = nodeID
        self.role = role
        self.courtCode = courtCode
        self.relays = relays
    }

    public init(_ identity: NodeIdentity, relays: Set<String> = []) {
        self.init(nodeID: identity.nodeID, role: identity.role, courtCode: identity.courtCode, relays: relays)
    }

    public var identity: NodeIdentity { NodeIdentity(nodeID: nodeID, role: role, courtCode: courtCode) }
}
