import Foundation
import NIOSSL
// The fixed-time expiry check is swift-certificates' documented way to validate at a given `now`.
@_spi(FixedExpiryValidationTime) import X509

extension TLSIdentity {
    /// Decides whether the client that presented `chain` (leaf first) is a peer of this node.
    ///
    /// Meant for the server's custom verification callback, which replaces BoringSSL's checks, so it
    /// checks everything: the chain verifies to the federation CA at `now` (swift-certificates
    /// `Verifier` with `RFC5280Policy`), the leaf may be used for TLS client authentication, it names
    /// a node, it is not revoked (by serial or key pin), the node has an entry in `peers`, and the
    /// entry's pin, if any, matches. The reasons are written for an operator reading the log.
    public func verifyClient(chain: [NIOSSLCertificate], peers: PeerDirectory, now: Date = Date()) async
        -> ClientVerdict
    {
        guard !chain.isEmpty else { return .refused("the client sent no certificate") }
        let certificates: [Certificate]
        do {
            certificates = try chain.map { try Certificate(derEncoded: try $0.toDERBytes()) }
        } catch {
            return .refused("the client's certificate cannot be read as X.509 (\(error))")
        }
        return await verifyClient(certificates: certificates, peers: peers, now: now)
    }

    /// ``verifyClient(chain:peers:now:)`` for certificates already parsed with swift-certificates
    /// (leaf first).
    public func verifyClient(certificates: [Certificate], peers: PeerDirectory, now: Date = Date()) async
        -> ClientVerdict
    {
        guard let leaf = certificates.first else { return .refused("the client sent no certificate") }
        let subject = PKI.nodeID(of: leaf).map { "node \($0)" } ?? "\(leaf.subject)"
        let serial = PKI.serialHex(of: leaf)

        var verifier = Verifier(rootCertificates: CertificateStore(caCertificates)) {
            RFC5280Policy(fixedExpiryValidationTime: now)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(certificates.dropFirst()))
        if case .couldNotValidate(let failures) = result {
            return .refused(
                Self.chainFailure(leaf: leaf, subject: subject, failures: failures, roots: caCertificates, now: now))
        }

        guard let usages = try? leaf.extensions.extendedKeyUsage, usages.contains(.clientAuth) else {
            return .refused(
                "the certificate of \(subject) (serial \(serial)) is not for TLS clients: it lacks the "
                    + "clientAuth extended key usage; issue it with `courtsync certs issue`")
        }
        guard let nodeID = PKI.nodeID(of: leaf) else {
            return .refused(
                "the certificate \(leaf.subject) (serial \(serial)) names no node: it has no "
                    + "\(PKI.nodeURIPrefix)<node-id> subject alternative name")
        }
        let pin = try? PKI.pin(of: leaf)
        if let reason = peers.revocations.revocationReason(serialHex: serial, pin: pin) {
            return .refused(
                "node \(nodeID) presented a revoked certificate: \(reason) in \(PeerDirectory.revocationFileName)")
        }
        guard let peer = peers.peer(nodeID) else {
            return .refused(
                "node \(nodeID) is not a peer of this node: there is no peers/\(nodeID).yaml "
                    + "(certificate serial \(serial))")
        }
        if let expected = peer.pin, expected != pin {
            return .refused(
                "the public key of node \(nodeID) (pin \(pin ?? "unknown")) does not match the pin in "
                    + "peers/\(nodeID).yaml (\(expected)); if the node has a new certificate, update the pin")
        }
        return .accepted(peer)
    }

    /// Why a chain did not verify, in words: unknown issuer, expired or not yet valid (with the
    /// date), or the policy failures as swift-certificates gives them.
    private static func chainFailure(
        leaf: Certificate, subject: String, failures: [CertificateValidationResult.PolicyFailure], roots: [Certificate],
        now: Date
    ) -> String {
        let serial = PKI.serialHex(of: leaf)
        guard !failures.isEmpty else {
            if roots.contains(where: { $0.subject == leaf.issuer }) {
                return "the certificate of \(subject) (serial \(serial)) was not issued by the federation CA: it names "
                    + "\(leaf.issuer) as its issuer, but that CA's key did not sign it (another CA of the same name?)"
            }
            return "the certificate of \(subject) (serial \(serial)) was not issued by the federation CA: "
                + "its issuer \(leaf.issuer) is unknown here"
        }
        if now < leaf.notValidBefore {
            return "the certificate of \(subject) (serial \(serial)) is not yet valid: "
                + "it is valid from \(PKI.displayDate(leaf.notValidBefore))"
        }
        if now > leaf.notValidAfter {
            return "the certificate of \(subject) (serial \(serial)) expired on \(PKI.displayDate(leaf.notValidAfter))"
        }
        if let root = roots.first(where: { $0.subject == leaf.issuer }),
            now > root.notValidAfter || now < root.notValidBefore
        {
            return "the federation CA certificate \(root.subject) is valid only from "
                + "\(PKI.displayDate(root.notValidBefore)) to \(PKI.displayDate(root.notValidAfter))"
        }
        let reasons = failures.map { "\($0.policyFailureReason)" }.joined(separator: "; ")
        return "the certificate of \(subject) (serial \(serial)) does not verify against the federation CA: \(reasons)"
    }
}
