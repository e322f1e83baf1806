import CourtSyncModel
import CourtSyncTestSupport
import CourtSyncTransport
import Foundation
import Testing

@Suite("peers/ directory")
struct PeerDirectoryTests {
    static let gd0305 = """
        # 粤0305 深圳市南山区人民法院
        node_id: gd0305
        role: district          # district | intermediate | bar
        court: 粤0305
        url: https://gd0305.nodes.courtsync.test:8443
        """
    static let szbar = """
        node_id: szbar
        role: bar
        url: https://szbar.nodes.courtsync.test:8443
        """
    static let pin = "sha256/" + Data(repeating: 7, count: 32).base64EncodedString()

    /// A `peers` directory (so messages read `peers/<file>`) holding these files.
    static func directory(_ files: [String: String]) throws -> (TemporaryDirectory, URL) {
        let temporary = TemporaryDirectory("courtsync-peers")
        let peers = temporary.url.appendingPathComponent("peers", isDirectory: true)
        try FileManager.default.createDirectory(at: peers, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: peers.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return (temporary, peers)
    }

    @Test("the example files of the repository load when copied without .example")
    func examplesLoad() throws {
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        let examples = root.appendingPathComponent("peers")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) where name.hasSuffix(".example")
        {
            files[String(name.dropLast(".example".count))] =
                try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
        }
        files["README.md"] = try String(contentsOf: examples.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(files.count == 7)
        let (temporary, peers) = try Self.directory(files)
        defer { _ = temporary }
        let directory = try PeerDirectory.load(directory: peers)
        #expect(Set(directory.peers.keys) == ["gd03", "gd0304", "gd0305", "gd0306", "szbar"])
        #expect(directory.peer("gd03")?.role == .intermediate)
        #expect(directory.peer("gd03")?.relays == ["szbar"])
        #expect(directory.peer("gd0305")?.courtCode == "粤0305")
        #expect(directory.peer("szbar")?.courtCode == nil)
        #expect(directory.peer("gd0304")?.url.absoluteString == "https://gd0304.nodes.courtsync.test:8443")
        #expect(directory.revocations.isRevoked(serialHex: "4F:1C:2A:7D:E3:B9:4C:0A:8E:5F:6D:7C:8B:9A:0F:1E", pin: nil))
        #expect(!directory.revocations.isRevoked(serialHex: "01", pin: nil))
    }

    @Test("a directory without files is an empty federation; README and .example files are ignored")
    func ignoredFiles() throws {
        let (temporary, peers) = try Self.directory(["README.md": "# x", "gd0305.yaml.example": "nonsense: ["])
        defer { _ = temporary }
        let directory = try PeerDirectory.load(directory: peers)
        #expect(directory.peers.isEmpty)
        #expect(directory.revocations.serials.isEmpty)
    }

    @Test("a pin and relays are read")
    func pinAndRelays() throws {
        let gd03 = """
            node_id: gd03
            role: intermediate
            court: 粤03
            url: https://gd03.nodes.courtsync.test:8443
            pin: \(Self.pin)
            relays:
              - szbar
            """
        let (temporary, peers) = try Self.directory(["gd03.yml": gd03, "szbar.yaml": Self.szbar])
        defer { _ = temporary }
        let directory = try PeerDirectory.load(directory: peers)
        #expect(directory.peer("gd03")?.pin == Self.pin)
        #expect(directory.peer("gd03")?.relays == ["szbar"])
        #expect(directory.peer("gd03")?.initiates == true)
    }

    @Test("`initiate: false` marks a peer that calls us: the schedule leaves it out, the file round-trips")
    func initiateFalse() throws {
        let (temporary, peers) = try Self.directory(["szbar.yaml": Self.szbar + "\ninitiate: false  # szbar calls us\n"])
        defer { _ = temporary }
        let directory = try PeerDirectory.load(directory: peers)
        let entry = try #require(directory.peer("szbar"))
        #expect(!entry.initiates)
        #expect(entry.yamlText.contains("initiate: false"))
        let (again, reread) = try Self.directory(["szbar.yaml": entry.yamlText])
        defer { _ = again }
        #expect(try PeerDirectory.load(directory: reread).peer("szbar") == entry)
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [String: String]
        let expected: String
        var testDescription: String { name }
    }

    static func replacing(_ old: String, with new: String, in text: String = gd0305) -> String {
        text.replacingOccurrences(of: old, with: new)
    }

    static let malformed: [Malformed] = [
        .init(
            name: "unknown key", files: ["gd0305.yaml": gd0305 + "\ncolour: blue"],
            expected: "peers/gd0305.yaml: colour: unknown key"),
        .init(
            name: "missing node_id", files: ["gd0305.yaml": replacing("node_id: gd0305", with: "")],
            expected: "peers/gd0305.yaml: node_id: missing"),
        .init(
            name: "missing role", files: ["gd0305.yaml": replacing("role: district", with: "")],
            expected: "peers/gd0305.yaml: role: missing"),
        .init(
            name: "missing url",
            files: ["gd0305.yaml": replacing("url: https://gd0305.nodes.courtsync.test:8443", with: "")],
            expected: "peers/gd0305.yaml: url: missing"),
        .init(
            name: "node id not the file name", files: ["gd0306.yaml": gd0305],
            expected: "peers/gd0306.yaml: node_id: is gd0305 but the file is named gd0306"),
        .init(
            name: "bad node id", files: ["GD0305.yaml": replacing("node_id: gd0305", with: "node_id: GD0305")],
            expected: "peers/GD0305.yaml: node_id: \"GD0305\""),
        .init(
            name: "unknown role", files: ["gd0305.yaml": replacing("role: district", with: "role: judge")],
            expected: "peers/gd0305.yaml: role: unknown role \"judge\""),
        .init(
            name: "court missing", files: ["gd0305.yaml": replacing("court: 粤0305", with: "")],
            expected: "peers/gd0305.yaml: court: missing"),
        .init(
            name: "court for the bar", files: ["szbar.yaml": szbar + "\ncourt: 粤0305"],
            expected: "peers/szbar.yaml: court: the bar association has no court code"),
        .init(
            name: "court not in courts.tsv",
            files: ["gd0305.yaml": replacing("court: 粤0305", with: "court: 粤0399")],
            expected: "peers/gd0305.yaml: court: 粤0399 is not a court code in courts.tsv"),
        .init(
            name: "district with an intermediate court",
            files: ["gd0305.yaml": replacing("court: 粤0305", with: "court: 粤03")],
            expected: "peers/gd0305.yaml: court: 粤03 深圳市中级人民法院 is a court of level intermediate"),
        .init(
            name: "intermediate with a basic court",
            files: ["gd0305.yaml": replacing("role: district", with: "role: intermediate")],
            expected: "peers/gd0305.yaml: court: 粤0305 深圳市南山区人民法院 is a court of level basic"),
        .init(
            name: "court of another node", files: ["gd0305.yaml": replacing("court: 粤0305", with: "court: 粤0306")],
            expected: "peers/gd0305.yaml: court: courts.tsv gives 粤0306 to node gd0306, not gd0305"),
        .init(
            name: "url not https", files: ["gd0305.yaml": replacing("https://", with: "http://")],
            expected: "peers/gd0305.yaml: url: \"http://gd0305.nodes.courtsync.test:8443\" must start with https://"),
        .init(
            name: "url without host",
            files: ["gd0305.yaml": replacing("https://gd0305.nodes.courtsync.test:8443", with: "https:///feed")],
            expected: "peers/gd0305.yaml: url: \"https:///feed\" has no host"),
        .init(
            name: "bad pin", files: ["gd0305.yaml": gd0305 + "\npin: sha256/abc"],
            expected: "peers/gd0305.yaml: pin: \"sha256/abc\" is not a pin"),
        .init(
            name: "pin of the wrong length",
            files: ["gd0305.yaml": gd0305 + "\npin: sha256/" + Data(repeating: 1, count: 31).base64EncodedString()],
            expected: "peers/gd0305.yaml: pin:"),
        .init(
            name: "relays an unknown peer", files: ["gd0305.yaml": gd0305 + "\nrelays: [szbar]"],
            expected: "peers/gd0305.yaml: relays: szbar is not a peer"),
        .init(
            name: "relays not a list", files: ["gd0305.yaml": gd0305 + "\nrelays: {szbar: 1}"],
            expected: "peers/gd0305.yaml: relays: expected a list"),
        .init(
            name: "initiate not a yes/no value", files: ["gd0305.yaml": gd0305 + "\ninitiate: sometimes"],
            expected: "peers/gd0305.yaml: initiate: \"sometimes\" is not true or false"),
        .init(
            name: "duplicate node id", files: ["gd0305.yaml": gd0305, "gd0305.yml": gd0305],
            expected: "peers/gd0305.yml: node_id: gd0305 is also described by peers/gd0305.yaml"),
        .init(
            name: "two peers with one court",
            files: ["gd0305.yaml": gd0305, "gd0399.yaml": replacing("node_id: gd0305", with: "node_id: gd0399")],
            expected: "peers/gd0399.yaml: court: 粤0305 is already the court of peer gd0305"),
        .init(
            name: "YAML syntax error", files: ["gd0305.yaml": gd0305 + "\nrelays: [szbar"],
            expected: "peers/gd0305.yaml: line 7: YAML syntax error"),
        .init(
            name: "duplicate key", files: ["gd0305.yaml": gd0305 + "\nrole: bar"],
            expected: "peers/gd0305.yaml: role: the key appears twice"),
        .init(
            name: "not a mapping", files: ["gd0305.yaml": "- gd0305\n"],
            expected: "peers/gd0305.yaml: expected a mapping of keys"),
        .init(
            name: "empty file", files: ["gd0305.yaml": "# nothing yet\n"],
            expected: "peers/gd0305.yaml: the file is empty"),
        .init(
            name: "list where a value belongs",
            files: ["gd0305.yaml": replacing("role: district", with: "role: [district]")],
            expected: "peers/gd0305.yaml: role: expected a single value"),
        .init(
            name: "revoked: bad serial", files: ["revoked.yaml": "certificates:\n  - serial: \"xyz\"\n"],
            expected: "peers/revoked.yaml: certificates[0].serial: \"xyz\" is not a hex serial number"),
        .init(
            name: "revoked: missing serial", files: ["revoked.yaml": "certificates:\n  - node_id: gd0306\n"],
            expected: "peers/revoked.yaml: certificates[0].serial: missing"),
        .init(
            name: "revoked: unknown key", files: ["revoked.yaml": "certificates: []\nserials: [1]\n"],
            expected: "peers/revoked.yaml: serials: unknown key"),
        .init(
            name: "revoked: bad date",
            files: ["revoked.yaml": "certificates:\n  - serial: \"0a\"\n    revoked_on: 2025-02-30\n"],
            expected: "peers/revoked.yaml: certificates[0].revoked_on: \"2025-02-30\" is not a date"),
        .init(
            name: "revoked: bad pin", files: ["revoked.yaml": "pins: [sha256/x]\n"],
            expected: "peers/revoked.yaml: pins: \"sha256/x\" is not a pin"),
    ]

    @Test("a malformed or contradictory file is refused with its file and field", arguments: malformed)
    func refused(_ malformed: Malformed) throws {
        let (temporary, peers) = try Self.directory(malformed.files)
        defer { _ = temporary }
        do {
            let directory = try PeerDirectory.load(directory: peers)
            Issue.record("loaded \(directory.peers.keys.sorted()) instead of refusing")
        } catch let error as PeerConfigError {
            #expect(error.description.contains(malformed.expected), "\(error.description)")
        }
    }

    @Test("field errors carry the line of the value")
    func lineNumbers() throws {
        let (temporary, peers) = try Self.directory([
            "gd0305.yaml": Self.replacing("role: district", with: "role: judge")
        ])
        defer { _ = temporary }
        #expect(
            throws: PeerConfigError(
                file: "peers/gd0305.yaml", field: "role",
                reason: "unknown role \"judge\"; use district, intermediate or bar",
                line: 3)
        ) {
            try PeerDirectory.load(directory: peers)
        }
    }

    @Test("serials are compared in one normal form")
    func serialNormalForm() {
        let list = RevocationList(serials: ["00:8F:3A"])
        #expect(list.serials == ["8f3a"])
        #expect(list.isRevoked(serialHex: "8f3a", pin: nil))
        #expect(list.isRevoked(serialHex: "008F3A", pin: nil))
        #expect(!list.isRevoked(serialHex: "8f3b", pin: nil))
        #expect(RevocationList.normalisedSerial("zz") == nil)
        #expect(RevocationList.normalisedSerial("00") == "0")
    }
}
