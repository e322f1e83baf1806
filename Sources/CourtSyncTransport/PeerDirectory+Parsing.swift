import CourtSyncModel
import Foundation

extension PeerDirectory {
    /// The keys of a peer file, in the order the documentation lists them.
    static let peerKeys = ["node_id", "role", "court", "url", "pin", "relays", "initiate"]
    /// The keys of `revoked.yaml` and of one of its `certificates:` entries.
    static let revocationKeys = ["certificates", "pins"]
    static let revokedCertificateKeys = ["serial", "node_id", "reason", "revoked_on"]

    /// Whether `pin` has the form `sha256/` + 44 base64 characters that decode to 32 bytes.
    public static func isWellFormedPin(_ pin: String) -> Bool {
        guard pin.hasPrefix("sha256/") else { return false }
        let encoded = pin.dropFirst("sha256/".count)
        return encoded.count == 44 && Data(base64Encoded: String(encoded))?.count == 32
    }

    /// Reads and checks one peer file.
    static func parsePeer(_ text: String, file: String, fileStem: String, reference: ReferenceData) throws
        -> PeerEntry
    {
        guard let reader = try PeerFileReader.parse(file: file, text: text, allowedKeys: peerKeys) else {
            throw PeerConfigError(file: file, reason: "the file is empty; a peer file needs node_id, role and url")
        }
        let nodeID = try reader.requiredString("node_id", example: fileStem)
        do {
            try NodeIdentity.validateNodeID(nodeID)
        } catch {
            throw reader.error("node_id", "\"\(nodeID)\": \(error.reason)")
        }
        guard nodeID == fileStem else {
            throw reader.error(
                "node_id", "is \(nodeID) but the file is named \(fileStem); name the file \(nodeID).yaml")
        }
        let roleText = try reader.requiredString("role", example: "district")
        guard let role = NodeRole(rawValue: roleText) else {
            throw reader.error("role", "unknown role \"\(roleText)\"; use district, intermediate or bar")
        }
        let court = try checkedCourt(reader, nodeID: nodeID, role: role, reference: reference)
        let url = try checkedURL(reader, nodeID: nodeID)
        let pin = try reader.string("pin")
        if let pin, !isWellFormedPin(pin) {
            throw reader.error(
                "pin",
                "\"\(pin)\" is not a pin: write sha256/ and the 44 base64 characters `courtsync certs show` prints")
        }
        var relays: [String] = []
        for origin in try reader.strings("relays") {
            do {
                try NodeIdentity.validateNodeID(origin)
            } catch {
                throw reader.error("relays", "\"\(origin)\": \(error.reason)")
            }
            guard origin != nodeID else {
                throw reader.error("relays", "list the other origins this peer relays, not \(nodeID) itself")
            }
            guard !relays.contains(origin) else { throw reader.error("relays", "\(origin) is listed twice") }
            relays.append(origin)
        }
        return PeerEntry(
            nodeID: nodeID, role: role, courtCode: court, url: url, pin: pin, relays: relays,
            initiates: try reader.bool("initiate") ?? true)
    }

    private static func checkedCourt(
        _ reader: PeerFileReader, nodeID: String, role: NodeRole, reference: ReferenceData
    ) throws -> String? {
        let court = try reader.string("court")
        guard role != .bar else {
            if court != nil { throw reader.error("court", "the bar association has no court code; remove court") }
            return nil
        }
        guard let court else {
            throw reader.error(
                "court", "missing; a \(role) node needs its court code (法院代字), e.g. `court: 粤0305`")
        }
        guard let row = reference.court(code: court) else {
            throw reader.error("court", "\(court) is not a court code in courts.tsv")
        }
        switch role {
        case .district:
            let parentLevel = row.parent.flatMap { reference.court(code: $0)?.level }
            guard row.level == .basic, parentLevel == .intermediate else {
                throw reader.error(
                    "court",
                    "\(court) \(row.name) is a court of level \(row.level.rawValue); a district node's court is "
                        + "a basic court under an intermediate court")
            }
        case .intermediate:
            guard row.level == .intermediate else {
                throw reader.error(
                    "court",
                    "\(court) \(row.name) is a court of level \(row.level.rawValue); an intermediate node's court "
                        + "is an intermediate court")
            }
        case .bar:
            break
        }
        return court
    }

    /// Checks, after duplicates were looked for, that courts.tsv gives the peer's court to its node id.
    static func checkCourtOwner(_ entry: PeerEntry, file: String, reference: ReferenceData) throws {
        guard let court = entry.courtCode, let row = reference.court(code: court), row.nodeID != entry.nodeID else {
            return
        }
        throw PeerConfigError(
            file: file, field: "court", reason: "courts.tsv gives \(court) to node \(row.nodeID), not \(entry.nodeID)")
    }

    private static func checkedURL(_ reader: PeerFileReader, nodeID: String) throws -> URL {
        let text = try reader.requiredString("url", example: "https://\(nodeID).nodes.courtsync.test:8443")
        guard let components = URLComponents(string: text), let url = components.url else {
            throw reader.error("url", "\"\(text)\" is not a URL")
        }
        guard components.scheme?.lowercased() == "https" else {
            throw reader.error("url", "\"\(text)\" must start with https:// (nodes talk over mutual TLS only)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw reader.error("url", "\"\(text)\" has no host; write https://<host>:<port>")
        }
        guard components.user == nil, components.password == nil, components.query == nil,
            components.fragment == nil
        else {
            throw reader.error("url", "\"\(text)\" may hold only a host, a port and a path")
        }
        return url
    }

    /// Reads and checks `revoked.yaml`; an empty file revokes nothing.
    static func parseRevocations(_ text: String, file: String) throws -> RevocationList {
        guard let reader = try PeerFileReader.parse(file: file, text: text, allowedKeys: revocationKeys) else {
            return RevocationList()
        }
        var certificates: [RevocationList.Entry] = []
        for item in try reader.mappings("certificates", allowedKeys: revokedCertificateKeys) {
            let serial = try item.requiredString("serial", example: "\"5f3a…\"")
            guard RevocationList.normalisedSerial(serial) != nil else {
                throw item.error(
                    "serial", "\"\(serial)\" is not a hex serial number (`courtsync certs show` prints it)")
            }
            let nodeID = try item.string("node_id")
            if let nodeID {
                do {
                    try NodeIdentity.validateNodeID(nodeID)
                } catch {
                    throw item.error("node_id", "\"\(nodeID)\": \(error.reason)")
                }
            }
            let revokedOn = try item.string("revoked_on")
            if let revokedOn, !isCalendarDate(revokedOn) {
                throw item.error("revoked_on", "\"\(revokedOn)\" is not a date like 2025-01-31")
            }
            certificates.append(
                RevocationList.Entry(
                    serial: serial, nodeID: nodeID, reason: try item.string("reason"), revokedOn: revokedOn))
        }
        var pins = Set<String>()
        for pin in try reader.strings("pins") {
            guard isWellFormedPin(pin) else {
                throw reader.error("pins", "\"\(pin)\" is not a pin: write sha256/ and 44 base64 characters")
            }
            pins.insert(pin)
        }
        return RevocationList(certificates: certificates, pins: pins)
    }

    private static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        return components.isValidDate(in: calendar)
    }
}
