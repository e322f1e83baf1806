import Foundation
import SwiftASN1
import X509

extension PKI {
    /// Writes a node certificate (PEM, mode 0644) and its private key (PKCS#8 PEM, mode 0600).
    ///
    /// The key file is created with mode 0600 from the start, never widened afterwards. Existing
    /// files are left alone unless `overwrite` is true; then each file is replaced atomically.
    /// - Throws: ``PKIError`` naming the file that exists or could not be written.
    public static func write(_ issued: Issued, certificatePath: String, keyPath: String, overwrite: Bool = false)
        throws
    {
        try writePair(
            certificate: issued.certificate, privateKey: issued.privateKey, certificatePath: certificatePath,
            keyPath: keyPath, overwrite: overwrite)
    }

    /// Writes a CA certificate (PEM, mode 0644) and its private key (PKCS#8 PEM, mode 0600), with the
    /// same rules as the node certificate's `write`.
    public static func write(
        _ authority: Authority, certificatePath: String, keyPath: String, overwrite: Bool = false
    ) throws {
        try writePair(
            certificate: authority.certificate, privateKey: authority.privateKey, certificatePath: certificatePath,
            keyPath: keyPath, overwrite: overwrite)
    }

    /// Loads the federation CA's certificate and private key, to issue node certificates.
    ///
    /// - Throws: ``PKIError`` when a file is missing or unreadable, the key file is readable
    ///   by group or others, the certificate is not a CA, or the key does not belong to it.
    public static func loadAuthority(certificatePath: String, keyPath: String) throws -> Authority {
        let certificates = try loadCertificates(path: certificatePath)
        guard certificates.count == 1, let certificate = certificates.first else {
            throw PKIError(
                file: certificatePath, "holds \(certificates.count) certificates; a CA file holds exactly one")
        }
        guard case .isCertificateAuthority = try certificate.extensions.basicConstraints else {
            throw PKIError(file: certificatePath, "is not a CA certificate", hint: "give the CA's ca.pem")
        }
        let privateKey = try loadPrivateKey(path: keyPath)
        guard privateKey.publicKey == certificate.publicKey else {
            throw PKIError(
                file: keyPath, "is not the private key of the certificate in \(certificatePath)",
                hint: "give the ca.key made together with that ca.pem")
        }
        return Authority(certificate: certificate, privateKey: privateKey)
    }

    /// All certificates in a PEM file (a CA bundle may hold several), in file order.
    /// - Throws: ``PKIError`` when the file cannot be read or holds no valid certificate.
    public static func loadCertificates(path: String) throws -> [Certificate] {
        let text = try readText(path)
        do {
            let documents = try PEMDocument.parseMultiple(pemString: text)
                .filter { $0.discriminator == "CERTIFICATE" }
            guard !documents.isEmpty else {
                throw PKIError(file: path, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
            }
            return try documents.map { try Certificate(pemDocument: $0) }
        } catch let error as PKIError {
            throw error
        } catch {
            throw PKIError(file: path, "is not a readable PEM certificate (\(error))")
        }
    }

    /// Reads a PEM private key (PKCS#8 or SEC 1) after checking that only its owner can read it.
    /// - Throws: ``PKIError`` for a key readable by group or others, or an unreadable file.
    public static func loadPrivateKey(path: String) throws -> Certificate.PrivateKey {
        try checkPrivateKeyMode(path: path)
        let text = try readText(path)
        do {
            return try Certificate.PrivateKey(pemEncoded: text)
        } catch {
            throw PKIError(file: path, "is not a readable PEM private key (\(error))")
        }
    }

    /// Refuses a private key file that group or others may read (`st_mode & 0o077 != 0`).
    /// - Throws: ``PKIError`` naming the file and its mode, telling the operator to `chmod 600` it.
    public static func checkPrivateKeyMode(path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw PKIError(file: path, "cannot be read: \(String(cString: strerror(errno)))")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            let octal = String(mode, radix: 8)
            throw PKIError(
                file: path,
                "the private key has mode \(String(repeating: "0", count: max(0, 4 - octal.count)) + octal), "
                    + "so group or others can read it; run `chmod 600 \(path)`",
                hint: "courtsync refuses a private key that anyone but its owner can read")
        }
    }

    private static func readText(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PKIError(file: path, "no such file")
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PKIError(file: path, "cannot be read (\(error.localizedDescription))")
        }
    }

    private static func writePair(
        certificate: Certificate, privateKey: Certificate.PrivateKey, certificatePath: String, keyPath: String,
        overwrite: Bool
    ) throws {
        if !overwrite {
            for path in [keyPath, certificatePath] where FileManager.default.fileExists(atPath: path) {
                throw PKIError(
                    file: path, "already exists; refusing to overwrite it",
                    hint: "move the old files away first, or write to another directory")
            }
        }
        let certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
        let keyPEM = try privateKey.serializeAsPEM().pemString + "\n"
        try writeFile(keyPEM, to: keyPath, mode: 0o600, replacing: overwrite)
        do {
            try writeFile(certificatePEM, to: certificatePath, mode: 0o644, replacing: overwrite)
        } catch {
            if !overwrite { unlink(keyPath) }  // do not leave a key without its certificate
            throw error
        }
    }

    /// Creates `path` with `mode` from the start (`O_CREAT | O_EXCL`), or, when `replacing`, writes a
    /// new file beside it with that mode and renames it over the old one.
    private static func writeFile(_ text: String, to path: String, mode: mode_t, replacing: Bool) throws {
        let target = replacing ? "\(path).\(UUID().uuidString.prefix(8)).tmp" : path
        let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; refusing to overwrite it" : String(cString: strerror(errno))
            throw PKIError(file: path, "cannot be created: \(reason)")
        }
        var completed = false
        defer {
            close(descriptor)
            if !completed { unlink(target) }
        }
        // The umask may have taken bits away; set the mode exactly (never wider than asked).
        _ = fchmod(descriptor, mode)
        do {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: Data(text.utf8))
        } catch {
            throw PKIError(file: path, "cannot be written: \(error.localizedDescription)")
        }
        guard fsync(descriptor) == 0 else {
            throw PKIError(file: path, "cannot be written: \(String(cString: strerror(errno)))")
        }
        if replacing, rename(target, path) != 0 {
            throw PKIError(file: path, "cannot be replaced: \(String(cString: strerror(errno)))")
        }
        completed = true
    }
}
