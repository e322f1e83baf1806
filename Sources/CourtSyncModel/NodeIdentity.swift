/// The three kinds of node in the federation (DESIGN.md §1).
public enum NodeRole: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A basic court: owns its own cases.
    case district
    /// The intermediate court: its own cases, appeal fields of its districts' cases, statistics.
    case intermediate
    /// The bar association: the lawyer and law-firm registry, lawyers' file-review requests.
    case bar

    public var description: String { rawValue }
}

/// Who this node is. Fixed at `courtsync init`: every change it makes carries its node id.
public struct NodeIdentity: Sendable, Hashable, Codable {
    /// ASCII node id, e.g. `gd0304`; also the id in the TLS certificate's SAN URI.
    public var nodeID: String
    public var role: NodeRole
    /// Court code (法院代字) for court nodes, e.g. `粤0304`; nil for the bar association.
    public var courtCode: String?

    public init(nodeID: String, role: NodeRole, courtCode: String?) {
        self.nodeID = nodeID
        self.role = role
        self.courtCode = courtCode
    }

    /// Checks a node id: 2 to 32 characters of `a-z`, `0-9` and `-`, starting with a letter.
    public static func validateNodeID(_ id: String, field: String = "node_id") throws(ValidationError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for (offset, ch) in id.enumerated() where !allowed.contains(ch) {
            throw ValidationError(
                field: field, value: id, position: offset + 1,
                reason: "node ids use only lower-case ASCII letters, digits and '-'")
        }
        guard (2...32).contains(id.count), id.first?.isLetter == true else {
            throw ValidationError(
                field: field, value: id, reason: "a node id has 2 to 32 characters and starts with a letter")
        }
    }
}
