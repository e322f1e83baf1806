import ArgumentParser
import CourtSyncModel
import CourtSyncTransport
import Foundation

/// `courtsync certs`: the federation CA and node certificates (DESIGN.md §7, certs/README.md).
struct CertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Make the federation CA and node certificates, and show certificates.",
        discussion: """
            The CA is made once, by the intermediate court's IT, on an offline machine; it issues each \
            node a certificate for TLS server and client authentication. Private keys are written \
            with mode 0600 and must never be committed. See certs/README.md.
            """,
        subcommands: [CA.self, Issue.self, Show.self])
}

extension CertsCommand {
    /// `courtsync certs ca`: makes the federation CA.
    struct CA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ca", abstract: "Make the federation CA: ca.pem and ca.key (mode 0600) in a directory.")

        @Option(help: "Directory for ca.pem and ca.key (created if missing).")
        var dir: String

        @Option(help: "The CA's name (certificate common name).")
        var name = "Shenzhen Courts Federation CA"

        @Option(help: "The organisation that runs the CA.")
        var organization = "Shenzhen Intermediate People's Court"

        @Option(help: "Days the CA is valid.")
        var days = 3650

        func validate() throws {
            guard days > 0 else { throw ArgumentParser.ValidationError("--days must be a positive number of days") }
            guard !name.isEmpty else { throw ArgumentParser.ValidationError("--name must not be empty") }
        }

        func run() throws {
            try reportingCertificateFailures {
                try makeDirectory(dir)
                let certificatePath = path(dir, "ca.pem")
                let keyPath = path(dir, "ca.key")
                let authority = try PKI.makeCA(commonName: name, organization: organization, validDays: days)
                try PKI.write(authority, certificatePath: certificatePath, keyPath: keyPath)
                let summary = try CertificateSummary(authority.certificate)
                print("Made the federation CA \"\(name)\", valid until \(PKI.displayDate(summary.notValidAfter))")
                print("  \(certificatePath)  certificate: give it to every node")
                print("  \(keyPath)  private key (mode 0600): keep it offline, never commit it")
            }
        }
    }

    /// `courtsync certs issue`: issues a node certificate.
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Issue a node certificate: <node-id>.pem and <node-id>.key (mode 0600).",
            discussion: """
                The certificate names the node as URI:urn:courtsync:node:<node-id> and carries its DNS \
                names. Prefer DNS names (<node-id>.nodes.<federation domain>) to IP addresses: a client \
                accepts any matching IP address, which weakens its check of which node it reached.
                """)

        @Option(name: .customLong("ca-dir"), help: "Directory with the CA's ca.pem and ca.key.")
        var caDirectory: String

        @Option(name: .customLong("node-id"), help: "The node's id, e.g. gd0304.")
        var nodeID: String

        @Option(
            name: .customLong("dns"), help: "A DNS name of the node (repeatable), e.g. gd0304.nodes.courtsync.test.")
        var dnsNames: [String] = []

        @Option(name: .customLong("ip"), help: "An IP address of the node (repeatable); prefer --dns.")
        var ipAddresses: [String] = []

        @Option(help: "Days the certificate is valid.")
        var days = 825

        @Option(help: "Directory for <node-id>.pem and <node-id>.key (created if missing).")
        var out: String

        func validate() throws {
            do {
                try NodeIdentity.validateNodeID(nodeID, field: "--node-id")
            } catch {
                throw ArgumentParser.ValidationError(error.description)
            }
            guard days > 0 else { throw ArgumentParser.ValidationError("--days must be a positive number of days") }
            guard !dnsNames.isEmpty || !ipAddresses.isEmpty else {
                throw ArgumentParser.ValidationError(
                    "give the node's DNS name with --dns (e.g. --dns \(nodeID).nodes.courtsync.test)")
            }
        }

        func run() throws {
            try reportingCertificateFailures {
                let authority = try PKI.loadAuthority(
                    certificatePath: path(caDirectory, "ca.pem"), keyPath: path(caDirectory, "ca.key"))
                let issued = try PKI.issueNode(
                    nodeID: nodeID, dnsNames: dnsNames, ipAddresses: ipAddresses, validDays: days, by: authority)
                try makeDirectory(out)
                let certificatePath = path(out, "\(nodeID).pem")
                let keyPath = path(out, "\(nodeID).key")
                try PKI.write(issued, certificatePath: certificatePath, keyPath: keyPath)
                let summary = try CertificateSummary(issued.certificate)
                print("Issued a certificate for node \(nodeID), valid until \(PKI.displayDate(summary.notValidAfter))")
                print("  \(certificatePath)  certificate")
                print("  \(keyPath)  private key (mode 0600): install it on the node only, never commit it")
                print("  names: \(summary.subjectAlternativeNames.joined(separator: ", "))")
                print("  serial: \(summary.serialHex)")
                print("pin: \(summary.pin)")
                if !ipAddresses.isEmpty {
                    printError(
                        "Note: IP addresses in a certificate weaken a client's check of which node it reached; "
                            + "prefer --dns.")
                }
            }
        }
    }

    /// `courtsync certs show`: prints what a certificate file holds.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a certificate: subject, node id, names, serial, validity, pin, issuer."
        )

        @Argument(help: "A PEM certificate file (a node's <id>.pem or the CA's ca.pem).")
        var file: String

        func run() throws {
            try reportingCertificateFailures {
                let summaries = try CertificateSummary.load(path: file)
                for (index, summary) in summaries.enumerated() {
                    if index > 0 { print("") }
                    let now = Date()
                    let state =
                        summary.notValidAfter < now
                        ? "EXPIRED" : summary.notValidBefore > now ? "NOT YET VALID" : "valid now"
                    let names = summary.subjectAlternativeNames
                    let validity = "\(PKI.displayDate(summary.notValidBefore)) to \(PKI.displayDate(summary.notValidAfter))"
                    var rows = [
                        ("subject", summary.subject),
                        ("kind", summary.isCertificateAuthority ? "CA" : "node"),
                        ("node id", summary.nodeID ?? "(none)"),
                        ("names", names.isEmpty ? "(none)" : names.joined(separator: ", ")),
                    ]
                    if !summary.extendedKeyUsages.isEmpty {
                        rows.append(("usage", summary.extendedKeyUsages.joined(separator: ", ")))
                    }
                    rows += [
                        ("serial", summary.serialHex), ("valid", "\(validity) (\(state))"), ("pin", summary.pin),
                        ("issuer", summary.issuer),
                    ]
                    for (label, value) in rows {
                        print("\(label):".padding(toLength: 11, withPad: " ", startingAt: 0) + value)
                    }
                }
            }
        }
    }
}

/// Runs a certificate command body, giving certificate errors their hint.
private func reportingCertificateFailures(_ body: () throws -> Void) throws {
    try reportingFailures {
        do {
            try body()
        } catch let error as PKIError {
            throw CLIFailure(error.description, hint: error.hint ?? "see certs/README.md")
        }
    }
}

private func path(_ directory: String, _ name: String) -> String {
    URL(fileURLWithPath: directory).appendingPathComponent(name).path
}

/// Creates a directory for certificates (only its owner may enter it when it is new).
private func makeDirectory(_ directory: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else { throw CLIFailure("\(directory) exists and is not a directory") }
        return
    }
    try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
}
