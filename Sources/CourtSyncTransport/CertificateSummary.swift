import Foundation
import SwiftASN1
import X509

/// What an operator needs to know about a certificate, as plain values (`courtsync certs show`).
public struct CertificateSummary: Sendable, Hashable {
    /// The subject's distinguished name, e.g. `O=深圳市中级人民法院,CN=gd0304`.
    public var subject: String
    /// The issuer's distinguished name.
    public var issuer: String
    /// The node id from the `urn:courtsync:node:` SAN URI, if any.
    public var nodeID: String?
    /// All subject alternative names in OpenSSL's spelling: `URI:…`, `DNS:…`, `IP Address:…`.
    public var subjectAlternativeNames: [String]
    /// The serial number as lower-case hex, as ``RevocationList`` compares it.
    public var serialHex: String
    /// Start of validity.
    public var notValidBefore: Date
    /// End of validity.
    public var notValidAfter: Date
    /// The public key pin, `sha256/…` (see ``PKI/pin(of:)``).
    public var pin: String
    /// Whether the certificate is a CA certificate.
    public var isCertificateAuthority: Bool
    /// Extended key usages in words: `TLS server`, `TLS client`, or the OID.
    public var extendedKeyUsages: [String]

    /// Summarises a certificate.
    public init(_ certificate: Certificate) throws {
        subject = certificate.subject.description
        issuer = certificate.issuer.description
        nodeID = PKI.nodeID(of: certificate)
        subjectAlternativeNames = (try certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames())
            .map(Self.describe)
        serialHex = PKI.serialHex(of: certificate)
        notValidBefore = certificate.notValidBefore
        notValidAfter = certificate.notValidAfter
        pin = try PKI.pin(of: certificate)
        if case .isCertificateAuthority = try certificate.extensions.basicConstraints {
            isCertificateAuthority = true
        } else {
            isCertificateAuthority = false
        }
        extendedKeyUsages = (try certificate.extensions.extendedKeyUsage ?? ExtendedKeyUsage()).map { usage in
            switch usage {
            case .serverAuth: "TLS server"
            case .clientAuth: "TLS client"
            default: "\(usage)"
            }
        }
    }

    /// Summaries of every certificate in a PEM file.
    public static func load(path: String) throws -> [CertificateSummary] {
        try PKI.loadCertificates(path: path).map { try CertificateSummary($0) }
    }

    /// Whether `date` lies within the validity period.
    public func isValid(at date: Date = Date()) -> Bool {
        notValidBefore <= date && date <= notValidAfter
    }

    private static func describe(_ name: GeneralName) -> String {
        switch name {
        case .uniformResourceIdentifier(let uri):
            return "URI:\(uri)"
        case .dnsName(let dns):
            return "DNS:\(dns)"
        case .ipAddress(let octets):
            return "IP Address:\(ipText(Array(octets.bytes)))"
        case .rfc822Name(let mail):
            return "email:\(mail)"
        default:
            return "\(name)"
        }
    }

    private static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return bytes.map { String(format: "%02x", $0) }.joined() }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
