import Foundation
import Yams

/// Reads one YAML mapping of a `peers/` file strictly: every key must be known, every value of
/// the expected shape, and every problem becomes a ``PeerConfigError`` with the file, the field's
/// path and its line.
struct PeerFileReader {
    /// The file, as shown in messages (`peers/gd0305.yaml`).
    let file: String
    /// The path of this mapping inside the file (`certificates[2]`), empty at the top.
    let path: String
    let mapping: Node.Mapping
    /// Line of the mapping itself, for errors about a missing key.
    let line: Int?

    /// Parses `text` and reads its top-level mapping; an empty document gives `nil`.
    static func parse(file: String, text: String, allowedKeys: [String]) throws -> PeerFileReader? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw PeerConfigError(file: file, reason: "not valid YAML: \(error)")
        }
        guard let root, root.null == nil else { return nil }
        return try PeerFileReader(file: file, path: "", node: root, allowedKeys: allowedKeys)
    }

    init(file: String, path: String, node: Node, allowedKeys: [String]) throws {
        guard let mapping = node.mapping else {
            throw PeerConfigError(
                file: file, field: path.isEmpty ? nil : path,
                reason: "expected a mapping of keys (\(allowedKeys.joined(separator: ", "))) here",
                line: node.mark?.line)
        }
        self.file = file
        self.path = path
        self.mapping = mapping
        self.line = node.mark?.line
        for key in mapping.keys {
            guard let name = key.scalar?.string else {
                throw PeerConfigError(
                    file: file, field: path.isEmpty ? nil : path, reason: "a key must be a plain word",
                    line: key.mark?.line)
            }
            guard allowedKeys.contains(name) else {
                throw PeerConfigError(
                    file: file, field: fieldPath(name, in: path),
                    reason: "unknown key; the keys here are \(allowedKeys.joined(separator: ", "))",
                    line: key.mark?.line)
            }
        }
    }

    /// An error about `key` of this mapping, at the line of its value when it has one.
    func error(_ key: String, _ reason: String) -> PeerConfigError {
        PeerConfigError(
            file: file, field: fieldPath(key, in: path), reason: reason, line: value(key)?.mark?.line ?? line)
    }

    /// The value of `key`, or `nil` when absent or null (`key:` with nothing after it, or `~`).
    func value(_ key: String) -> Node? {
        guard let node = mapping[key], node.null == nil else { return nil }
        return node
    }

    /// A scalar value as text, or `nil` when absent; empty text counts as absent.
    func string(_ key: String) throws -> String? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else { throw error(key, "expected a single value, not a list or mapping") }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// A scalar value that must be present.
    func requiredString(_ key: String, example: String) throws -> String {
        guard let text = try string(key) else { throw error(key, "missing; for example `\(key): \(example)`") }
        return text
    }

    /// A yes/no value (`true`/`false`, `yes`/`no`), or `nil` when absent.
    func bool(_ key: String) throws -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "\"\(text)\" is not true or false")
        }
    }

    /// A list of scalars (`[a, b]` or one `- a` per line); an absent key gives an empty list.
    func strings(_ key: String) throws -> [String] {
        guard let node = value(key) else { return [] }
        guard let sequence = node.sequence else { throw error(key, "expected a list, like `\(key): [szbar]`") }
        return try sequence.map { item in
            guard let scalar = item.scalar, !scalar.string.isEmpty else {
                throw error(key, "every item of the list must be a single value")
            }
            return scalar.string
        }
    }

    /// A list of mappings, each read with `allowedKeys`; an absent key gives an empty list.
    func mappings(_ key: String, allowedKeys: [String]) throws -> [PeerFileReader] {
        guard let node = value(key) else { return [] }
        guard let sequence = node.sequence else { throw error(key, "expected a list of entries (`- key: value`)") }
        return try sequence.enumerated().map { index, item in
            try PeerFileReader(
                file: file, path: "\(fieldPath(key, in: path))[\(index)]", node: item, allowedKeys: allowedKeys)
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> PeerConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            return PeerConfigError(
                file: file, field: "line \(mark.line)", reason: "YAML syntax error: \(problem)\(during)",
                line: nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PeerConfigError(
                file: file, field: duplicates.sorted().joined(separator: ", "),
                reason: "the key appears twice; give each key once", line: context.mark.line)
        default:
            return PeerConfigError(file: file, reason: "not valid YAML: \(error)")
        }
    }
}

private func fieldPath(_ key: String, in path: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
}
