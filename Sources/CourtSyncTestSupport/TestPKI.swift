import CourtSyncTransport
import Foundation
import X509

/// A federation CA and node certificates made in the test, in a temporary directory.
public final class TestPKI: Sendable {
    public let directory: TemporaryDirectory
    public let authority: PKI.Authority
    public var caPath: String { directory.file("ca.pem") }

    public init(name: String = "Test Federation CA") throws {
        directory = TemporaryDirectory("pki")
        authority = try PKI.makeCA(commonName: name, organization: "courtsync tests", validDays: 30)
        try PKI.write(authority, certificatePath: directory.file("ca.pem"), keyPath: directory.file("ca.key"))
    }

    /// Issues a node certificate (DNS `<id>.nodes.courtsync.test`, no IP SAN) and returns the paths.
    @discardableResult
    public func issue(
        _ nodeID: String, validDays: Int = 10, notBefore: Date = Date().addingTimeInterval(-60), suffix: String = ""
    ) throws -> (certificate: String, key: String) {
        let issued = try PKI.issueNode(
            nodeID: nodeID, dnsNames: ["\(nodeID).nodes.courtsync.test"], ipAddresses: [], validDays: validDays,
            notBefore: notBefore, by: authority)
        let paths = (directory.file("\(nodeID)\(suffix).pem"), directory.file("\(nodeID)\(suffix).key"))
        try PKI.write(issued, certificatePath: paths.0, keyPath: paths.1)
        return paths
    }

    public func identity(_ nodeID: String, suffix: String = "") throws -> TLSIdentity {
        try TLSIdentity(
            certificatePath: directory.file("\(nodeID)\(suffix).pem"), keyPath: directory.file("\(nodeID)\(suffix).key"),
            caPath: caPath)
    }
}
