import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

@Suite("`courtsync serve` as a process")
struct ServeProcessTests {
    /// A district node gd0304 made by `courtsync init`, with its certificate, peers/gd03.yaml and a
    /// configuration listening on port 0.
    static func serverNode(_ pki: FederationPKI) async throws -> NodeDataDirectory {
        try pki.issue("gd0304")
        let node = try await NodeDataDirectory.create(nodeID: "gd0304", role: .district, court: "粤0304")
        try node.installCertificate(from: pki)
        var gd03 = servingPeer("gd03", port: 8443)
        gd03.relays = []
        try node.writePeer(gd03)
        try node.writeConfig(port: 0)
        return node
    }

    @Test("serve on port 0 prints its port, serves a sync from another node's process, and exits 0 on SIGTERM")
    func serveSyncTerminate() async throws {
        let pki = try FederationPKI()
        let server = try await Self.serverNode(pki)
        try server.openStore().populate(cases: 15, lawyers: 10)
        try pki.issue("gd03")
        let client = try await NodeDataDirectory.create(nodeID: "gd03", role: .intermediate, court: "粤03")
        try client.installCertificate(from: pki)

        let serve = try ChildProcess.courtsync(["serve", "--port", "0"] + server.dataDirectoryArguments)
        do {
            let portText = await serve.waitForLine(startingWith: "listening on port ")
            let port = try #require(portText.flatMap { Int($0) }, "no port line; stdout: \(serve.stdout) stderr: \(serve.stderr)")
            #expect(port > 0)
            try client.writePeer(servingPeer("gd0304", port: port))
            try client.writeConfig(resolve: [nodeHost("gd0304"): "127.0.0.1"])

            let sync = try await ChildProcess.runCourtsync(["sync"] + client.dataDirectoryArguments)
            #expect(sync.succeeded, "\(sync)")
            #expect(sync.stdout.contains("gd0304: pushed 1, pulled"), "\(sync.stdout)")
            let served = try server.openStore().allRows(table: "cases").map(\.key)
            #expect(!served.isEmpty)
            #expect(try client.openStore().allRows(table: "cases").map(\.key) == served)

            serve.send(SIGTERM)
            let exit = try await serve.wait(timeout: .seconds(20))
            #expect(exit.succeeded, "serve ended with \(exit); stderr:\n\(serve.stderr)")
        } catch {
            await serve.terminate()
            throw error
        }
    }

    @Test("serve refuses to start with a private key readable by others, naming the file and chmod 600")
    func refusesReadableKey() async throws {
        let pki = try FederationPKI()
        let server = try await Self.serverNode(pki)
        let key = server.file("tls/gd0304.key")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let result = try await ChildProcess.runCourtsync(
            ["serve", "--port", "0"] + server.dataDirectoryArguments, timeout: .seconds(30))
        #expect(!result.terminatedBySignal && result.status != 0, "\(result)")
        let error = try #require(result.stderrLines.first { $0.hasPrefix("Error: ") }, "no Error: line: \(result)")
        #expect(error.contains(key), "the Error: line does not name \(key): \(error)")
        #expect(error.contains("0644"), "\(error)")
        #expect(error.contains("chmod 600"), "\(error)")
        #expect(!result.stdout.contains("listening on port"), "\(result)")
    }

    @Test(
        "serve refuses to start with a malformed peers/ file, naming the file, the field and the reason",
        arguments: [
            ("node_id: gd03\nrole: intermediate\ncourt: 粤03\nurl: http://gd03.nodes.courtsync.test:8443\n", "url", "must start with https://"),
            ("node_id: gd03\nrole: court\ncourt: 粤03\nurl: https://gd03.nodes.courtsync.test:8443\n", "role", "unknown role"),
            ("node_id: gd03\nrole: intermediate\ncourt: 粤03\nurl: https://gd03.nodes.courtsync.test:8443\npin: abc\n", "pin", "is not a pin"),
            ("node_id: gd0305\nrole: intermediate\ncourt: 粤03\nurl: https://gd03.nodes.courtsync.test:8443\n", "node_id", "name the file gd0305.yaml"),
        ])
    func refusesMalformedPeers(file text: String, field: String, reason: String) async throws {
        let pki = try FederationPKI()
        let server = try await Self.serverNode(pki)
        try server.write(text, to: "peers/gd03.yaml")
        let result = try await ChildProcess.runCourtsync(
            ["serve", "--port", "0"] + server.dataDirectoryArguments, timeout: .seconds(30))
        #expect(!result.terminatedBySignal && result.status != 0, "\(result)")
        let error = try #require(result.stderrLines.first { $0.hasPrefix("Error: ") }, "no Error: line: \(result)")
        #expect(error.contains("peers/gd03.yaml: \(field): "), "\(error)")
        #expect(error.contains(reason), "\(error)")
        #expect(!result.stdout.contains("listening on port"), "\(result)")
    }
}
