import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a text file line by line in constant memory, counting physical lines from 1.
/// Strips a UTF-8 byte-order mark and the CR of CRLF line ends.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private(set) var lineNumber = 0
    /// Bytes read so far, for progress.
    private(set) var bytesRead: Int64 = 0

    init(path: String) throws {
        guard let file = fopen(path, "r") else {
            throw CLIFailure("cannot open \(path): \(String(cString: strerror(errno)))",
                             hint: "check the path and that this user may read it")
        }
        self.file = file
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next line without its line end, or nil at the end of the file.
    func next() throws -> String? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        lineNumber += 1
        bytesRead += Int64(length)
        var bytes = UnsafeRawBufferPointer(start: buffer, count: length)
        if bytes.last == 0x0A { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        if bytes.last == 0x0D { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst(3))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ImportRowError(line: lineNumber, message: "not valid UTF-8 text (save the file as UTF-8)")
        }
        return text
    }
}
