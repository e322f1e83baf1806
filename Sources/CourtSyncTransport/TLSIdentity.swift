import Foundation
import NIOSSL
import SwiftASN1
import X509

/// This node's TLS identity (DESIGN.md §7): its certificate and private key, and the federation CA
/// it trusts.
///
/// Builds the server and client TLS configurations (TLS 1.2 or 1.3, forward-secret AEAD ciphers,
/// mutual authentication) and decides whether a client certificate belongs to a peer
/// (`TLSIdentity+Verification.swift`).
public struct TLSIdentity: Sendable {
    /// TLS 1.2 cipher suites offered: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305 only.
    /// (TLS 1.3 suites are fixed by BoringSSL and are all of this kind.)
    public static let cipherSuites = "ECDHE+AESGCM:ECDHE+CHACHA20"

    /// This node's id, from the `urn:courtsync:node:` SAN of its certificate.
    public let nodeID: String
    /// This node's certificate.
    public let certificate: Certificate
    /// The federation CA certificates trusted for peers (usually one).
    public let caCertificates: [Certificate]
    /// The public key pin of this node's certificate (what peers write in `peers/<id>.yaml`).
    public let pin: String

    let certificateChain: [NIOSSLCertificate]
    let privateKey: NIOSSLPrivateKey
    let trustRoots: [NIOSSLCertificate]

    /// Loads the node's certificate, private key and the federation CA from PEM files.
    ///
    /// - Throws: ``PKIError`` naming the file when the key file is readable by group or
    ///   others (with its mode and the `chmod 600` to run), a file is missing or unreadable, the key
    ///   does not belong to the certificate, the certificate names no node, or it was not issued by
    ///   the given CA.
    public init(certificatePath: String, keyPath: String, caPath: String) throws {
        let key = try PKI.loadPrivateKey(path: keyPath)
        let chain = try PKI.loadCertificates(path: certificatePath)
        let roots = try PKI.loadCertificates(path: caPath)
        guard let leaf = chain.first else {
            throw PKIError(file: certificatePath, "holds no certificate")
        }
        guard key.publicKey == leaf.publicKey else {
            throw PKIError(
                file: keyPath, "is not the private key of the certificate in \(certificatePath)",
                hint: "install the .key file issued together with that certificate")
        }
        guard let nodeID = PKI.nodeID(of: leaf) else {
            throw PKIError(
                file: certificatePath,
                "names no node: it has no \(PKI.nodeURIPrefix)<node-id> subject alternative name",
                hint: "issue the node certificate with `courtsync certs issue`")
        }
        let issuedByCA = roots.contains { root in
            root.subject == leaf.issuer && root.publicKey.isValidSignature(leaf.signature, for: leaf)
        }
        guard issuedByCA else {
            throw PKIError(
                file: certificatePath, "was not issued by the CA in \(caPath) (issuer: \(leaf.issuer))",
                hint: "install the federation CA that issued this node's certificate")
        }
        do {
            certificateChain = try chain.map { try NIOSSLCertificate(bytes: try Self.der($0), format: .der) }
            trustRoots = try roots.map { try NIOSSLCertificate(bytes: try Self.der($0), format: .der) }
            privateKey = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw PKIError(file: keyPath, "cannot be loaded for TLS (\(error))")
        }
        self.nodeID = nodeID
        self.certificate = leaf
        self.caCertificates = roots
        self.pin = try PKI.pin(of: leaf)
    }

    /// The server's TLS configuration: this node's certificate and key, a client certificate
    /// required and checked against the federation CA (no hostname check of the client), TLS 1.2+.
    ///
    /// Servers that install ``verifyClient(chain:peers:now:)`` as a custom verification callback
    /// replace BoringSSL's chain check with it; the trust roots here then serve to name the
    /// acceptable CAs in the handshake.
    public func serverTLSConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: certificateChain.map { .certificate($0) },
            privateKey: .privateKey(privateKey),
            trustRoots: .certificates(trustRoots))
        configuration.minimumTLSVersion = .tlsv12
        configuration.cipherSuites = Self.cipherSuites
        return configuration
    }

    /// The client's TLS configuration: this node's certificate and key presented to the server, the
    /// server's certificate verified against the federation CA with its hostname checked, TLS 1.2+.
    public func clientTLSConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = certificateChain.map { .certificate($0) }
        configuration.privateKey = .privateKey(privateKey)
        configuration.trustRoots = .certificates(trustRoots)
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        configuration.cipherSuites = Self.cipherSuites
        return configuration
    }

    /// The node id in a peer certificate's `urn:courtsync:node:` SAN, or `nil` when it has none or
    /// cannot be parsed.
    public static func peerNodeID(_ certificate: NIOSSLCertificate) -> String? {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else {
            return nil
        }
        return PKI.nodeID(of: parsed)
    }

    /// The certificates in a PEM file as NIOSSL reads them, e.g. to build a chain for
    /// ``verifyClient(chain:peers:now:)`` outside a handshake.
    public static func nioCertificates(pemFile: String) throws -> [NIOSSLCertificate] {
        try NIOSSLCertificate.fromPEMFile(pemFile)
    }

    private static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}
