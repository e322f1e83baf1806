import CourtSyncTransport
import Foundation
import Testing

@Test func scratchPrint() async throws {
    let setup = try TLSIdentityTests.Setup()
    let other = try TestPKI()
    let old = try setup.pki.issue("gd0305", validDays: 1, notBefore: Date().addingTimeInterval(-10 * 86_400))
    for cert in [try other.issue("gd0305").certificate, old.certificate, try setup.pki.issue("gd0306").certificate] {
        print("REASON:", await setup.verify(cert))
    }
    let (t, peers) = try PeerDirectoryTests.directory(["gd0305.yaml": PeerDirectoryTests.gd0305 + "\nrelays: [szbar", "revoked.yaml": "certificates:\n  - serial: \"xyz\"\n"])
    defer { _ = t }
    do { _ = try PeerDirectory.load(directory: peers) } catch { print("REASON:", error) }
    let (t2, peers2) = try PeerDirectoryTests.directory(["gd0305.yaml": PeerDirectoryTests.gd0305 + "\ncolour: x", "szbar.yaml": PeerDirectoryTests.szbar + "\ncourt: x"])
    defer { _ = t2 }
    do { _ = try PeerDirectory.load(directory: peers2) } catch { print("REASON:", error) }
}
