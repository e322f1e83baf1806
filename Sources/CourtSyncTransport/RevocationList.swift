/// Certificates and keys this node no longer accepts, from `peers/revoked.yaml`.
///
/// A revoked certificate is refused even though it still verifies to the federation CA. Serial
/// numbers are compared in one normal form: lower-case hex, without colons, spaces or leading zeros
/// (see ``normalisedSerial(_:)``), so `00:8F:3A` and `8f3a` are the same serial.
public struct RevocationList: Sendable, Hashable {
    /// One revoked certificate, as listed under `certificates:`.
    public struct Entry: Sendable, Hashable {
        /// The serial number in normal form.
        public var serial: String
        /// The node the certificate was issued to, if given.
        public var nodeID: String?
        /// Why it was revoked, if given.
        public var reason: String?
        /// When it was revoked (`YYYY-MM-DD`), if given.
        public var revokedOn: String?

        /// Creates an entry; `serial` is normalised, and an entry whose serial is not hex never matches.
        public init(serial: String, nodeID: String? = nil, reason: String? = nil, revokedOn: String? = nil) {
            self.serial = RevocationList.normalisedSerial(serial) ?? serial
            self.nodeID = nodeID
            self.reason = reason
            self.revokedOn = revokedOn
        }
    }

    /// Revoked serial numbers, in normal form.
    public let serials: Set<String>
    /// Revoked public key pins (`sha256/…`): every certificate for such a key is refused.
    public let pins: Set<String>
    /// The revoked certificates with what the file says about them, by serial in normal form.
    public let entries: [String: Entry]

    /// A list revoking `certificates` and every certificate for a key in `pins`.
    public init(certificates: [Entry] = [], pins: Set<String> = []) {
        self.entries = Dictionary(certificates.map { ($0.serial, $0) }, uniquingKeysWith: { first, _ in first })
        self.serials = Set(entries.keys)
        self.pins = pins
    }

    /// A list revoking these serial numbers (any hex spelling) and pins.
    public init(serials: some Sequence<String>, pins: Set<String> = []) {
        self.init(certificates: serials.map { Entry(serial: $0) }, pins: pins)
    }

    /// Whether a certificate with this serial number (any hex spelling) or this pin is revoked.
    public func isRevoked(serialHex: String, pin: String?) -> Bool {
        if let pin, pins.contains(pin) { return true }
        guard let serial = Self.normalisedSerial(serialHex) else { return false }
        return serials.contains(serial)
    }

    /// Why a certificate is revoked, in words for a log line, or `nil` when it is not.
    public func revocationReason(serialHex: String, pin: String?) -> String? {
        if let serial = Self.normalisedSerial(serialHex), let entry = entries[serial] {
            var text = "certificate serial \(serial) is revoked"
            if let revokedOn = entry.revokedOn { text += " since \(revokedOn)" }
            if let reason = entry.reason, !reason.isEmpty { text += " (\(reason))" }
            return text
        }
        if let pin, pins.contains(pin) {
            return "its public key \(pin) is revoked"
        }
        return nil
    }

    /// A serial number in normal form: lower-case hex without `:`, spaces or leading zeros (`0` for
    /// zero); `nil` when the text is empty or not hex.
    public static func normalisedSerial(_ text: String) -> String? {
        let digits = text.lowercased().filter { $0 != ":" && $0 != " " }
        guard !digits.isEmpty, digits.allSatisfy({ "0123456789abcdef".contains($0) }) else { return nil }
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}
