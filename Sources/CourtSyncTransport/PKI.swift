import CourtSyncModel
import Crypto
import Foundation
import SwiftASN1
import X509

/// The federation's PKI (DESIGN.md §7): a CA run by the intermediate court's IT, and one
/// certificate per node for both TLS server and client authentication.
///
/// Keys are P-256. A node certificate's subject alternative names hold
/// `URI:urn:courtsync:node:<node-id>` (the node's identity for the federation) and the node's DNS
/// names; IP addresses are possible but weaken a client's check of which node it reached.
/// Reading and writing PEM files is in `PKI+Files.swift`.
public enum PKI {
    /// The prefix of the SAN URI that names a node: `urn:courtsync:node:gd0304`.
    public static let nodeURIPrefix = "urn:courtsync:node:"

    /// How far back `notValidBefore` is set, so that a peer whose clock is slightly behind accepts
    /// a certificate made a moment ago.
    static let clockSkewAllowance: TimeInterval = 300

    /// A certificate authority: its self-signed certificate and its private key.
    public struct Authority: Sendable {
        /// The CA's self-signed certificate.
        public let certificate: Certificate
        /// The CA's private key. Keep it offline.
        public let privateKey: Certificate.PrivateKey

        /// Pairs a CA certificate with its private key.
        public init(certificate: Certificate, privateKey: Certificate.PrivateKey) {
            self.certificate = certificate
            self.privateKey = privateKey
        }
    }

    /// A node certificate and the private key it certifies.
    public struct Issued: Sendable {
        /// The node certificate, signed by the federation CA.
        public let certificate: Certificate
        /// The node's private key.
        public let privateKey: Certificate.PrivateKey

        /// Pairs a certificate with its private key.
        public init(certificate: Certificate, privateKey: Certificate.PrivateKey) {
            self.certificate = certificate
            self.privateKey = privateKey
        }
    }

    /// Makes a new self-signed federation CA with a fresh P-256 key.
    ///
    /// The certificate is a CA (BasicConstraints, critical, path length 0: it signs node
    /// certificates only), may sign certificates and revocation lists (KeyUsage, critical) and
    /// carries a subject key identifier.
    /// - Parameters:
    ///   - commonName: the CA's name, e.g. `Shenzhen Courts Federation CA`.
    ///   - organization: the organisation running it, e.g. `深圳市中级人民法院`.
    ///   - validDays: how long the CA is valid, in days from `now`.
    public static func makeCA(commonName: String, organization: String, validDays: Int, now: Date = Date()) throws
        -> Authority
    {
        try checkValidity(days: validDays)
        guard !commonName.isEmpty else { throw PKIError("the CA needs a name (common name)") }
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName {
            if !organization.isEmpty { OrganizationName(organization) }
            CommonName(commonName)
        }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: key.publicKey)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: randomSerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-clockSkewAllowance),
            notValidAfter: now.addingTimeInterval(TimeInterval(validDays) * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: key)
        return Authority(certificate: certificate, privateKey: key)
    }

    /// Issues a node certificate with a fresh P-256 key, signed by `ca`.
    ///
    /// The certificate is valid for TLS server and client authentication (ExtendedKeyUsage, not
    /// critical), for digital signatures only (KeyUsage, critical), is not a CA, and names the node
    /// in its subject alternative names: `URI:urn:courtsync:node:<nodeID>`, then `dnsNames`, then
    /// `ipAddresses` (as raw address bytes). The serial number is 16 random bytes, positive.
    /// - Parameters:
    ///   - nodeID: the node id, checked with ``NodeIdentity/validateNodeID(_:field:)``.
    ///   - dnsNames: the node's DNS names, e.g. `gd0304.nodes.courtsync.test`. Prefer these to IPs.
    ///   - ipAddresses: IPv4 or IPv6 addresses in text form, e.g. `127.0.0.1`.
    ///   - validDays: how long the certificate is valid, in days from `notBefore`.
    ///   - notBefore: start of validity (set a few minutes earlier to allow for clock skew).
    /// - Throws: `ValidationError` for a bad node id; ``PKIError`` for a bad DNS name or
    ///   address, or a certificate that would outlive the CA.
    public static func issueNode(
        nodeID: String, dnsNames: [String], ipAddresses: [String], validDays: Int, notBefore: Date = Date(),
        by ca: Authority
    ) throws -> Issued {
        try NodeIdentity.validateNodeID(nodeID)
        try checkValidity(days: validDays)
        let notValidAfter = notBefore.addingTimeInterval(TimeInterval(validDays) * 86_400)
        guard notValidAfter <= ca.certificate.notValidAfter else {
            throw PKIError(
                "a node certificate valid until \(displayDate(notValidAfter)) would outlive the CA, "
                    + "which expires \(displayDate(ca.certificate.notValidAfter))",
                hint: "issue it for fewer days, or make a new CA first")
        }
        var names: [GeneralName] = [.uniformResourceIdentifier(nodeURIPrefix + nodeID)]
        for name in dnsNames {
            try checkDNSName(name)
            names.append(.dnsName(name.lowercased()))
        }
        for address in ipAddresses {
            names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(try ipAddressBytes(address)))))
        }
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let caKeyID = try ca.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            // Not critical: RFC5280Policy refuses a leaf with a critical EKU or SAN.
            try ExtendedKeyUsage([.serverAuth, .clientAuth])
            SubjectAlternativeNames(names)
            SubjectKeyIdentifier(hash: key.publicKey)
            AuthorityKeyIdentifier(keyIdentifier: caKeyID)
        }
        // The node's subject keeps the CA's organisation and names the node.
        let organisation = ca.certificate.subject.filter { rdn in
            !rdn.contains { $0.type == .RDNAttributeType.commonName }
        }
        var subject = DistinguishedName(organisation)
        subject.append(try CommonName(nodeID).makeRDN())
        let certificate = try Certificate(
            version: .v3, serialNumber: randomSerialNumber(), publicKey: key.publicKey,
            notValidBefore: notBefore.addingTimeInterval(-clockSkewAllowance), notValidAfter: notValidAfter,
            issuer: ca.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: ca.privateKey)
        return Issued(certificate: certificate, privateKey: key)
    }

    /// The certificate's public key pin: `sha256/` + base64 of the SHA-256 of its DER
    /// SubjectPublicKeyInfo (the value curl's `--pinnedpubkey sha256//…` takes).
    public static func pin(of certificate: Certificate) throws -> String {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate.publicKey)
        return "sha256/" + Data(SHA256.hash(data: serializer.serializedBytes)).base64EncodedString()
    }

    /// The node id in the certificate's `urn:courtsync:node:` SAN URI, or `nil` when there is none
    /// (or the SAN extension cannot be read).
    public static func nodeID(of certificate: Certificate) -> String? {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return nil }
        for name in names {
            if case .uniformResourceIdentifier(let uri) = name, uri.hasPrefix(nodeURIPrefix) {
                return String(uri.dropFirst(nodeURIPrefix.count))
            }
        }
        return nil
    }

    /// The certificate's serial number as lower-case hex without colons or leading zeros, the form
    /// ``RevocationList`` compares.
    public static func serialHex(of certificate: Certificate) -> String {
        RevocationList.normalisedSerial(certificate.serialNumber.bytes.map { String(format: "%02x", $0) }.joined())
            ?? "0"
    }

    /// A date as operators read it in messages: `2025-01-31 08:00:00 UTC`.
    public static func displayDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }

    private static func randomSerialNumber() -> Certificate.SerialNumber {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[0] = (bytes[0] & 0x7f) | 0x40  // positive, and always 16 bytes long
        return Certificate.SerialNumber(bytes: bytes)
    }

    private static func checkValidity(days: Int) throws {
        guard (1...36_500).contains(days) else {
            throw PKIError("a validity of \(days) days is not possible", hint: "give between 1 and 36500 days")
        }
    }

    private static func checkDNSName(_ name: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        let labels = name.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            !name.isEmpty && name.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && label.allSatisfy(allowed.contains)
                    && label.first != "-" && label.last != "-"
            }
        guard valid else {
            throw PKIError(
                "\"\(name)\" is not a DNS name",
                hint: "use names like gd0304.nodes.courtsync.test: letters, digits, '-' and dots, no wildcards")
        }
    }

    /// The raw bytes of an IPv4 or IPv6 address in text form.
    static func ipAddressBytes(_ text: String) throws -> [UInt8] {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        throw PKIError("\"\(text)\" is not an IPv4 or IPv6 address", hint: "write it like 127.0.0.1 or ::1")
    }
}
