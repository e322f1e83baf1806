import CourtSyncTestSupport
import CourtSyncTransport
import Foundation

/// A throw-away federation PKI made inside a test, written to a temporary directory.
struct TestPKI {
    let directory = TemporaryDirectory("courtsync-pki")
    let ca: PKI.Authority

    init(name: String = "Shenzhen Courts Federation CA") throws {
        ca = try PKI.makeCA(commonName: name, organization: "Shenzhen Intermediate People's Court", validDays: 30)
        try PKI.write(ca, certificatePath: directory.file("ca.pem"), keyPath: directory.file("ca.key"))
    }

    var caPath: String { directory.file("ca.pem") }

    /// Issues a node certificate and writes `<id>.pem` and `<id>.key`.
    @discardableResult
    func issue(
        _ nodeID: String, ipAddresses: [String] = ["127.0.0.1"], validDays: Int = 10, notBefore: Date = Date()
    ) throws -> PKI.Issued {
        let issued = try PKI.issueNode(
            nodeID: nodeID, dnsNames: ["\(nodeID).nodes.courtsync.test", "localhost"], ipAddresses: ipAddresses,
            validDays: validDays, notBefore: notBefore, by: ca)
        try PKI.write(
            issued, certificatePath: certificatePath(nodeID), keyPath: keyPath(nodeID), overwrite: true)
        return issued
    }

    func certificatePath(_ nodeID: String) -> String { directory.file("\(nodeID).pem") }
    func keyPath(_ nodeID: String) -> String { directory.file("\(nodeID).key") }
}

/// Runs a program (found on PATH through /usr/bin/env) and returns its status and combined output.
func runTool(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The POSIX permission bits of a file.
func fileMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
