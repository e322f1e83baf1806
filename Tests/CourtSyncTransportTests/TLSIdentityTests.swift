import CourtSyncModel
import CourtSyncTestSupport
import CourtSyncTransport
import Crypto
import Foundation
import NIOSSL
import Testing
import X509

@Suite("TLS identity and client verification")
struct TLSIdentityTests {
    /// The server gd0304 and a directory in which gd0305 is a peer.
    struct Setup {
        let pki: TestPKI
        let server: TLSIdentity
        let client: PKI.Issued

        init() throws {
            pki = try TestPKI()
            try pki.issue("gd0304")
            client = try pki.issue("gd0305")
            server = try TLSIdentity(
                certificatePath: pki.certificatePath("gd0304"), keyPath: pki.keyPath("gd0304"), caPath: pki.caPath)
        }

        func peer(pin: String? = nil) -> PeerEntry {
            PeerEntry(
                nodeID: "gd0305", role: .district, courtCode: "粤0305",
                url: URL(string: "https://gd0305.nodes.courtsync.test:8443")!, pin: pin)
        }

        func verify(_ certificate: Certificate, peers: PeerDirectory? = nil) async -> ClientVerdict {
            await server.verifyClient(certificates: [certificate], peers: peers ?? PeerDirectory(peers: [peer()]))
        }
    }

    @Test("the identity loads, names its node and builds TLS configurations")
    func loads() throws {
        let setup = try Setup()
        #expect(setup.server.nodeID == "gd0304")
        #expect(setup.server.caCertificates == [setup.pki.ca.certificate])
        #expect(setup.server.pin == (try PKI.pin(of: setup.server.certificate)))
        let serverTLS = try setup.server.serverTLSConfiguration()
        let clientTLS = try setup.server.clientTLSConfiguration()
        #expect(serverTLS.minimumTLSVersion == .tlsv12)
        #expect(clientTLS.minimumTLSVersion == .tlsv12)
        #expect(clientTLS.certificateVerification == .fullVerification)
        #expect(serverTLS.certificateVerification == .noHostnameVerification)
        // BoringSSL accepts the cipher list, keys and roots.
        _ = try NIOSSLContext(configuration: serverTLS)
        _ = try NIOSSLContext(configuration: clientTLS)
    }

    @Test("a private key readable by others is refused, naming the file, its mode and chmod 600")
    func keyModeRefused() throws {
        let pki = try TestPKI()
        try pki.issue("gd0304")
        let keyPath = pki.keyPath("gd0304")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        do {
            _ = try TLSIdentity(certificatePath: pki.certificatePath("gd0304"), keyPath: keyPath, caPath: pki.caPath)
            Issue.record("a 0644 key was accepted")
        } catch let error as PKIError {
            #expect(error.description.contains(keyPath))
            #expect(error.description.contains("0644"))
            #expect(error.description.contains("chmod 600"))
        }
    }

    @Test("a node certificate from another CA is refused when loading the identity")
    func identityFromOtherCA() throws {
        let pki = try TestPKI()
        let other = try TestPKI()
        try other.issue("gd0304")
        #expect(throws: PKIError.self) {
            try TLSIdentity(
                certificatePath: other.certificatePath("gd0304"), keyPath: other.keyPath("gd0304"), caPath: pki.caPath)
        }
    }

    @Test("a good client is accepted with its peers/ entry, also when its pin is configured")
    func accepted() async throws {
        let setup = try Setup()
        #expect(await setup.verify(setup.client.certificate) == .accepted(setup.peer()))
        let pin = try PKI.pin(of: setup.client.certificate)
        let pinned = PeerDirectory(peers: [setup.peer(pin: pin)])
        #expect(await setup.verify(setup.client.certificate, peers: pinned) == .accepted(setup.peer(pin: pin)))
    }

    @Test("refusals say why", arguments: RefusalCase.allCases)
    func refused(_ refusal: RefusalCase) async throws {
        let setup = try Setup()
        let verdict: ClientVerdict
        switch refusal {
        case .noCertificate:
            verdict = await setup.server.verifyClient(certificates: [], peers: PeerDirectory(peers: [setup.peer()]))
        case .otherCA:
            let other = try TestPKI()
            verdict = await setup.verify(try other.issue("gd0305").certificate)
        case .expired:
            let old = try setup.pki.issue("gd0305", validDays: 1, notBefore: Date().addingTimeInterval(-10 * 86_400))
            verdict = await setup.verify(old.certificate)
        case .notYetValid:
            let future = try setup.pki.issue("gd0305", validDays: 5, notBefore: Date().addingTimeInterval(3 * 86_400))
            verdict = await setup.verify(future.certificate)
        case .revokedSerial:
            // Written as openssl prints it: upper case with colons.
            let serial = PKI.serialHex(of: setup.client.certificate).uppercased()
            let colons = stride(from: 0, to: serial.count, by: 2).map { offset -> String in
                let start = serial.index(serial.startIndex, offsetBy: offset)
                return String(serial[start..<serial.index(start, offsetBy: min(2, serial.count - offset))])
            }.joined(separator: ":")
            let revocations = RevocationList(certificates: [
                .init(serial: colons, nodeID: "gd0305", reason: "key lost", revokedOn: "2025-01-01")
            ])
            verdict = await setup.verify(
                setup.client.certificate, peers: PeerDirectory(peers: [setup.peer()], revocations: revocations))
        case .revokedPin:
            let revocations = RevocationList(serials: [], pins: [try PKI.pin(of: setup.client.certificate)])
            verdict = await setup.verify(
                setup.client.certificate, peers: PeerDirectory(peers: [setup.peer()], revocations: revocations))
        case .unknownNode:
            verdict = await setup.verify(try setup.pki.issue("gd0306").certificate)
        case .pinMismatch:
            let otherPin = try PKI.pin(of: setup.pki.ca.certificate)
            verdict = await setup.verify(
                setup.client.certificate, peers: PeerDirectory(peers: [setup.peer(pin: otherPin)]))
        case .noClientAuth:
            verdict = await setup.verify(try serverOnlyCertificate(ca: setup.pki.ca))
        }
        guard case .refused(let reason) = verdict else {
            Issue.record("\(refusal) was accepted")
            return
        }
        #expect(reason.contains(refusal.expected), "\(reason)")
    }

    @Test("the NIOSSL entry points read the node id and verify the chain")
    func nioEntryPoints() async throws {
        let setup = try Setup()
        let chain = try TLSIdentity.nioCertificates(pemFile: setup.pki.certificatePath("gd0305"))
        #expect(TLSIdentity.peerNodeID(chain[0]) == "gd0305")
        let verdict = await setup.server.verifyClient(chain: chain, peers: PeerDirectory(peers: [setup.peer()]))
        #expect(verdict.peer?.nodeID == "gd0305")
        #expect(await setup.server.verifyClient(chain: [], peers: PeerDirectory(peers: [])) != verdict)
    }

    enum RefusalCase: String, CaseIterable, CustomTestStringConvertible {
        case noCertificate, otherCA, expired, notYetValid, revokedSerial, revokedPin, unknownNode, pinMismatch
        case noClientAuth

        var testDescription: String { rawValue }

        var expected: String {
            switch self {
            case .noCertificate: "sent no certificate"
            case .otherCA: "was not issued by the federation CA"
            case .expired: "expired on"
            case .notYetValid: "is not yet valid: it is valid from"
            case .revokedSerial: "is revoked since 2025-01-01 (key lost)"
            case .revokedPin: "presented a revoked certificate"
            case .unknownNode: "node gd0306 is not a peer of this node"
            case .pinMismatch: "does not match the pin in peers/gd0305.yaml"
            case .noClientAuth: "lacks the clientAuth extended key usage"
            }
        }
    }
}

/// A certificate for gd0305 that is valid for TLS servers only.
private func serverOnlyCertificate(ca: PKI.Authority) throws -> Certificate {
    let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
    let extensions = try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        try ExtendedKeyUsage([.serverAuth])
        SubjectAlternativeNames([.uniformResourceIdentifier("urn:courtsync:node:gd0305")])
    }
    return try Certificate(
        version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
        notValidBefore: Date().addingTimeInterval(-60), notValidAfter: Date().addingTimeInterval(86_400),
        issuer: ca.certificate.subject, subject: try DistinguishedName { CommonName("gd0305") },
        signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: ca.privateKey)
}
