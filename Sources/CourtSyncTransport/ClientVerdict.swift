/// Whether a TLS client may talk to this node, from ``TLSIdentity/verifyClient(chain:peers:now:)``.
public enum ClientVerdict: Sendable, Hashable {
    /// The client is this peer; its role and court come from its `peers/` entry.
    case accepted(PeerEntry)
    /// The client is refused, for this reason (in words for an operator's log).
    case refused(String)

    /// The accepted peer, or `nil` when refused.
    public var peer: PeerEntry? {
        if case .accepted(let peer) = self { return peer }
        return nil
    }
}
