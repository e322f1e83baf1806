import CourtSyncModel
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing
import X509

@Suite("Federation PKI")
struct PKITests {
    @Test("openssl verifies a node certificate against the CA that issued it")
    func opensslVerifies() throws {
        let pki = try TestPKI()
        try pki.issue("gd0304")
        let result = try runTool(["openssl", "verify", "-CAfile", pki.caPath, pki.certificatePath("gd0304")])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(": OK"))
    }

    @Test("openssl reads the node's names and key usages")
    func opensslText() throws {
        let pki = try TestPKI()
        try pki.issue("gd0304")
        let result = try runTool(["openssl", "x509", "-noout", "-text", "-in", pki.certificatePath("gd0304")])
        #expect(result.status == 0, "\(result.output)")
        for expected in [
            "URI:urn:courtsync:node:gd0304", "DNS:gd0304.nodes.courtsync.test", "DNS:localhost",
            "IP Address:127.0.0.1", "TLS Web Server Authentication, TLS Web Client Authentication",
            "CA:FALSE", "Digital Signature",
        ] {
            #expect(result.output.contains(expected), "missing \(expected) in \(result.output)")
        }
        let caText = try runTool(["openssl", "x509", "-noout", "-text", "-in", pki.caPath])
        #expect(caText.output.contains("CA:TRUE"))
        #expect(caText.output.contains("Certificate Sign, CRL Sign"))
    }

    @Test("a certificate from another CA fails openssl verify")
    func otherCAFails() throws {
        let pki = try TestPKI()
        let other = try TestPKI()  // same name, different key
        try other.issue("gd0304")
        let result = try runTool(["openssl", "verify", "-CAfile", pki.caPath, other.certificatePath("gd0304")])
        #expect(result.status != 0, "\(result.output)")
    }

    @Test("private keys are written 0600, certificates 0644, and an existing key is not overwritten")
    func fileModes() throws {
        let pki = try TestPKI()
        let issued = try pki.issue("gd0304")
        #expect(try fileMode(pki.keyPath("gd0304")) == 0o600)
        #expect(try fileMode(pki.directory.file("ca.key")) == 0o600)
        #expect(try fileMode(pki.certificatePath("gd0304")) == 0o644)
        #expect(
            try String(contentsOfFile: pki.keyPath("gd0304"), encoding: .utf8).hasPrefix("-----BEGIN " + "PRIVATE KEY-----"))  // split: no key-like text in git
        #expect(throws: PKIError.self) {
            try PKI.write(issued, certificatePath: pki.certificatePath("gd0304"), keyPath: pki.keyPath("gd0304"))
        }
        let result = try runTool(["openssl", "pkey", "-in", pki.keyPath("gd0304"), "-noout"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("the pin is stable, 44 base64 characters, and the SHA-256 of the SubjectPublicKeyInfo")
    func pin() throws {
        let pki = try TestPKI()
        let issued = try pki.issue("gd0304")
        let pin = try PKI.pin(of: issued.certificate)
        #expect(pin.hasPrefix("sha256/"))
        #expect(pin.dropFirst("sha256/".count).count == 44)
        #expect(PeerDirectory.isWellFormedPin(pin))
        let reloaded = try PKI.loadCertificates(path: pki.certificatePath("gd0304"))
        #expect(try PKI.pin(of: reloaded[0]) == pin)
        let openssl = try runTool([
            "sh", "-c",
            "openssl x509 -in '\(pki.certificatePath("gd0304"))' -pubkey -noout | openssl pkey -pubin -outform der "
                + "| openssl dgst -sha256 -binary | base64",
        ])
        #expect("sha256/" + openssl.output.trimmingCharacters(in: .whitespacesAndNewlines) == pin)
    }

    @Test("node id, serial and the CA round trip")
    func roundTrip() throws {
        let pki = try TestPKI()
        let issued = try pki.issue("gd0304")
        #expect(PKI.nodeID(of: issued.certificate) == "gd0304")
        #expect(PKI.nodeID(of: pki.ca.certificate) == nil)
        let serial = PKI.serialHex(of: issued.certificate)
        #expect(serial.count == 32)
        let opensslSerial = try runTool(["openssl", "x509", "-noout", "-serial", "-in", pki.certificatePath("gd0304")])
        #expect(opensslSerial.output.lowercased().contains("serial=\(serial)"))
        let loaded = try PKI.loadAuthority(certificatePath: pki.caPath, keyPath: pki.directory.file("ca.key"))
        #expect(loaded.certificate == pki.ca.certificate)
        let summary = try CertificateSummary(issued.certificate)
        #expect(summary.subjectAlternativeNames.contains("IP Address:127.0.0.1"))
        #expect(summary.extendedKeyUsages == ["TLS server", "TLS client"])
    }

    @Test("bad node ids, names and addresses are refused")
    func refusals() throws {
        let pki = try TestPKI()
        #expect(throws: CourtSyncModel.ValidationError.self) {
            try PKI.issueNode(nodeID: "GD0304", dnsNames: ["a.test"], ipAddresses: [], validDays: 1, by: pki.ca)
        }
        #expect(throws: PKIError.self) {
            try PKI.issueNode(nodeID: "gd0304", dnsNames: ["*.test"], ipAddresses: [], validDays: 1, by: pki.ca)
        }
        #expect(throws: PKIError.self) {
            try PKI.issueNode(nodeID: "gd0304", dnsNames: [], ipAddresses: ["1.2.3"], validDays: 1, by: pki.ca)
        }
        #expect(throws: PKIError.self) {  // would outlive the 30-day CA
            try PKI.issueNode(nodeID: "gd0304", dnsNames: ["a.test"], ipAddresses: [], validDays: 60, by: pki.ca)
        }
    }
}
