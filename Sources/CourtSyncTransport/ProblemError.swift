import Foundation
import Hummingbird

/// An RFC 9457 problem document returned as `application/problem+json`.
public struct ProblemDocument: Sendable, Codable, Hashable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
}

/// An error answered as `application/problem+json` (RFC 9457). The detail never holds row
/// contents.
struct ProblemError: HTTPResponseError {
    let status: HTTPResponse.Status
    let title: String
    var detail: String?

    init(_ status: HTTPResponse.Status, _ title: String, detail: String? = nil) {
        self.status = status
        self.title = title
        self.detail = detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let document = ProblemDocument(
            type: "about:blank", title: title, status: Int(status.code), detail: detail)
        let json = try JSONEncoder().encode(document)
        return Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }
}
