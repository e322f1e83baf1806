import CourtSyncModel
import CourtSyncReplication
import Foundation
import Hummingbird
import NIOCore

/// Reports a node serves beside its feed, to authenticated peers: `GET /v1/stats` and
/// `GET /v1/lawyers/{id}/cases`. How they are computed is the caller's business (the CLI wires
/// CourtSyncReports in); this type carries the answers and the refusals.
public struct ReportRoutes: Sendable {
    /// A report's body and media type.
    public struct Answer: Sendable {
        public var body: Data
        public var contentType: String

        public init(body: Data, contentType: String) {
            self.body = body
            self.contentType = contentType
        }
    }

    /// Why a report was not given; answered as problem+json.
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        /// A query parameter is malformed (400); the text names it.
        case badRequest(String)
        /// The lawyer, licence or firm is not known here (404).
        case notFound(String)
        /// The caller may not read this (403).
        case forbidden(String)

        public var description: String {
            switch self {
            case .badRequest(let text), .notFound(let text), .forbidden(let text): text
            }
        }
    }

    /// Query parameters by name, each with all its values in order.
    public typealias Query = [String: [String]]

    /// Statistics for the courts; the bar association is refused (403). A district caller may only
    /// ask for its own court: the answer must honour that (the caller is passed in).
    public var statistics: (@Sendable (Query, PeerInfo) throws -> Answer)?
    /// A lawyer's case list (the path's `{id}` is the bar's lawyer id), for the bar association
    /// and the intermediate court; a district is refused (403).
    public var lawyerCases: (@Sendable (String, Query, PeerInfo) throws -> Answer)?

    public init(
        statistics: (@Sendable (Query, PeerInfo) throws -> Answer)? = nil,
        lawyerCases: (@Sendable (String, Query, PeerInfo) throws -> Answer)? = nil
    ) {
        self.statistics = statistics
        self.lawyerCases = lawyerCases
    }

    /// Roles that may read statistics: the courts (aggregates of court work, domain §3–4).
    public static let statisticsReaders: Set<NodeRole> = [.intermediate, .district]
    /// Roles that may read lawyers' case lists: the bar association (its lawyers) and the
    /// intermediate court (supervision).
    public static let lawyerCaseReaders: Set<NodeRole> = [.bar, .intermediate]

    func register(on router: Router<NodeRequestContext>) {
        if let statistics {
            router.get("/v1/stats") { request, context in
                guard let peer = context.peer else { throw ProblemError(.forbidden, "client certificate required") }
                guard Self.statisticsReaders.contains(peer.role) else {
                    throw ProblemError(.forbidden, "statistics are for the courts", detail: "\(peer.nodeID) is \(peer.role.rawValue)")
                }
                return try Self.respond { try statistics(Self.query(request), peer) }
            }
        }
        if let lawyerCases {
            router.get("/v1/lawyers/:id/cases") { request, context in
                guard let peer = context.peer else { throw ProblemError(.forbidden, "client certificate required") }
                guard Self.lawyerCaseReaders.contains(peer.role) else {
                    throw ProblemError(
                        .forbidden, "lawyers' case lists are for the bar association and the intermediate court",
                        detail: "\(peer.nodeID) is \(peer.role.rawValue)")
                }
                let id = try context.parameters.require("id")
                return try Self.respond { try lawyerCases(id, Self.query(request), peer) }
            }
        }
    }

    static func query(_ request: Request) -> Query {
        var query: Query = [:]
        for (name, value) in request.uri.queryParameters {
            query[String(name), default: []].append(String(value))
        }
        return query
    }

    static func respond(_ body: () throws -> Answer) throws -> Response {
        let answer: Answer
        do {
            answer = try body()
        } catch let refusal as Refusal {
            switch refusal {
            case .badRequest(let text): throw ProblemError(.badRequest, "bad query", detail: text)
            case .notFound(let text): throw ProblemError(.notFound, "not found", detail: text)
            case .forbidden(let text): throw ProblemError(.forbidden, "not yours to read", detail: text)
            }
        }
        return Response(
            status: .ok, headers: [.contentType: answer.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
