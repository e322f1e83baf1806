import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import CourtSyncTransport
import Foundation

/// The reports a serving node answers besides its feed (`GET /v1/stats`,
/// `GET /v1/lawyers/{id}/cases`), computed by CourtSyncReports from the node's database.
enum NodeReports {
    static func routes(store: NodeStore, reference: ReferenceData) -> ReportRoutes {
        ReportRoutes(
            statistics: { query, caller in
                var parsed: StatisticsQuery
                let report: StatisticsReport
                do {
                    parsed = try StatisticsQuery.parse(
                        period: query["period"]?.last, from: query["from"]?.last, to: query["to"]?.last,
                        courts: query["court"] ?? [], by: query["by"]?.last)
                    // A district sees its own court's figures only (DESIGN §1: no view of other
                    // courts' data); the intermediate court sees its districts'.
                    if caller.role == .district {
                        guard let own = caller.courtCode else {
                            throw ReportRoutes.Refusal.forbidden("\(caller.nodeID) has no court in peers/")
                        }
                        if let other = parsed.courts.first(where: { $0 != own }) {
                            throw ReportRoutes.Refusal.forbidden("\(caller.nodeID) may read the statistics of \(own) only, not \(other)")
                        }
                        parsed.courts = [own]
                    }
                    report = try Statistics.compute(store: store, query: parsed, reference: reference)
                } catch let error as StatisticsQueryError {
                    throw ReportRoutes.Refusal.badRequest(error.description)
                }
                switch try format(query, accepted: ["json", "csv", "html"]) {
                case "csv": return .init(body: report.csv(), contentType: "text/csv; charset=utf-8")
                case "html": return .init(body: Data(report.html().utf8), contentType: "text/html; charset=utf-8")
                default: return .init(body: Data(try report.json().utf8), contentType: "application/json")
                }
            },
            lawyerCases: { id, query, _ in
                // Only lawyers of the registry: the bar's scope never holds cases of anyone else
                // (a court node may hold counsel from elsewhere).
                guard try store.fetch(Lawyer.self, key: id) != nil else {
                    throw ReportRoutes.Refusal.notFound("\(id) is not a lawyer of the registry held here")
                }
                let list: LawyerCaseList
                do {
                    list = try LawyerCaseList.build(store: store, selection: .lawyer(id), asOf: Date(), reference: reference)
                } catch let error as LawyerLookupError {
                    throw ReportRoutes.Refusal.notFound(error.description)
                }
                switch try format(query, accepted: ["json", "csv", "ics"]) {
                case "csv": return .init(body: list.csv(), contentType: "text/csv; charset=utf-8")
                case "ics": return .init(body: Data(list.ics(now: Date()).utf8), contentType: "text/calendar; charset=utf-8")
                default: return .init(body: try list.json(), contentType: "application/json")
                }
            })
    }

    private static func format(_ query: ReportRoutes.Query, accepted: [String]) throws -> String {
        guard let format = query["format"]?.last else { return accepted[0] }
        guard accepted.contains(format) else {
            throw ReportRoutes.Refusal.badRequest("format: \"\(format)\" is not one of \(accepted.joined(separator: ", "))")
        }
        return format
    }
}
