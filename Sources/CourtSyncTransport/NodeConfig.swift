import Foundation
import Yams

/// A node's configuration file, `courtsync.yaml` in its data directory: defaults, then the file,
/// then command-line flags. Relative paths are relative to the data directory.
public struct NodeConfig: Sendable, Hashable {
    public var listenHost = "127.0.0.1"
    public var listenPort = 8443
    public var certificate = "tls/node.pem"
    public var key = "tls/node.key"
    public var ca = "tls/ca.pem"
    public var peers = "peers"
    /// Host name → address, for peers whose names are not in DNS (like curl's --resolve).
    public var resolve: [String: String] = [:]
    public var pageSize = 2000
    public var retries = 4

    public static let fileName = "courtsync.yaml"

    public init() {}

    /// A commented configuration file with the defaults, as `courtsync init` writes it.
    public static func template(nodeID: String) -> String {
        """
        # courtsync node configuration. Relative paths are relative to this directory.
        listen:
          host: 127.0.0.1        # address the HTTPS server binds; 0.0.0.0 for all interfaces
          port: 8443
        tls:
          certificate: tls/\(nodeID).pem   # this node's certificate (courtsync certs issue)
          key: tls/\(nodeID).key           # its private key: mode 0600, or the server refuses to start
          ca: tls/ca.pem                   # the federation CA certificate
        peers: peers             # one YAML file per peer (see peers/README.md)
        # resolve:               # host name -> address for peers not in DNS
        #   gd03.nodes.courtsync.test: 10.3.0.10
        sync:
          page_size: 2000        # changes per page; each page is applied in one transaction
          retries: 4             # attempts per peer when the network fails (exponential back-off)

        """
    }

    private struct File: Decodable {
        struct Listen: Decodable {
            var host: String?
            var port: Int?
        }

        struct TLS: Decodable {
            var certificate: String?
            var key: String?
            var ca: String?
        }

        struct Sync: Decodable {
            var page_size: Int?
            var retries: Int?
        }

        var listen: Listen?
        var tls: TLS?
        var peers: String?
        var resolve: [String: String]?
        var sync: Sync?
    }

    /// Reads `courtsync.yaml` from a data directory; a missing file gives the defaults.
    public static func load(dataDirectory: String) throws -> NodeConfig {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName).path
        var config = NodeConfig()
        guard FileManager.default.fileExists(atPath: path) else { return config }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            throw PeerConfigError(file: fileName, field: Self.fieldPath(error), reason: Self.reason(error))
        }
        if let host = file.listen?.host { config.listenHost = host }
        if let port = file.listen?.port {
            guard (0...65535).contains(port) else {
                throw PeerConfigError(file: fileName, field: "listen.port", reason: "must be 0 to 65535")
            }
            config.listenPort = port
        }
        if let v = file.tls?.certificate { config.certificate = v }
        if let v = file.tls?.key { config.key = v }
        if let v = file.tls?.ca { config.ca = v }
        if let v = file.peers { config.peers = v }
        if let v = file.resolve { config.resolve = v }
        if let v = file.sync?.page_size {
            guard (1...10_000).contains(v) else {
                throw PeerConfigError(file: fileName, field: "sync.page_size", reason: "must be 1 to 10000")
            }
            config.pageSize = v
        }
        if let v = file.sync?.retries {
            guard (1...20).contains(v) else {
                throw PeerConfigError(file: fileName, field: "sync.retries", reason: "must be 1 to 20")
            }
            config.retries = v
        }
        return config
    }

    /// A path from the file, made absolute against the data directory.
    public static func resolvePath(_ path: String, dataDirectory: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: dataDirectory).appendingPathComponent(path).path
    }

    private static func fieldPath(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
            DecodingError.keyNotFound(_, let c), DecodingError.dataCorrupted(let c):
            c.codingPath.map(\.stringValue).joined(separator: ".")
        default: ""
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, _): "expected \(type)"
        case DecodingError.dataCorrupted(let c): c.underlyingError.map { "\($0)" } ?? c.debugDescription
        default: "\(error)"
        }
    }
}
