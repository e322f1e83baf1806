import CourtSyncModel
import CourtSyncStore
import Foundation

/// How cases and case details are shown to a clerk.
public enum CaseListing {
    public static func table(_ cases: [CourtCase]) -> TextTable {
        var table = TextTable(headers: ["案号", "案由", "立案日期", "渠道", "阶段", "状态", "承办法官"])
        for c in cases {
            table.append([
                c.caseNumber, c.cause ?? "", c.filingDate.description, c.filingChannel.label, c.stage.label,
                c.status.label, c.judge ?? "",
            ])
        }
        return table
    }

    public static func detail(_ detail: CaseDetail) -> String {
        let c = detail.courtCase
        var lines = [
            c.caseNumber,
            "  court       \(c.courtCode)   type \(c.caseType)   cause \(c.cause ?? "-")",
            "  filed       \(c.filingDate) via \(c.filingChannel.label)",
            "  stage       \(c.stage.label)   status \(c.status.label)"
                + (c.closedDate.map { "   closed \($0) (\(c.closingMethod?.label ?? "-"))" } ?? ""),
            "  judge       \(c.judge ?? "-")",
        ]
        if let original = c.originalCaseNumber { lines.append("  original    \(original)") }
        if let appeal = c.appealResult { lines.append("  on appeal   \(appeal.label)") }
        if let applied = c.amountApplied {
            lines.append("  enforcement applied \(yuan(applied)), recovered \(yuan(c.amountRecovered ?? 0))")
        }
        var flags: [String] = []
        if c.sealed { flags.append("sealed") }
        if c.nonPublic { flags.append("non-public") }
        if c.juvenile { flags.append("juvenile") }
        if c.family { flags.append("family") }
        if !flags.isEmpty { lines.append("  flags       \(flags.joined(separator: ", "))") }
        lines.append("  parties (\(detail.parties.count))")
        for p in detail.parties { lines.append("    \(p.side.label)  \(p.name)  (\(p.kind.label))") }
        lines.append("  counsel (\(detail.representations.count))")
        for r in detail.representations {
            lines.append("    \(r.lawyerID) for \(r.side.label) since \(r.since) [\(r.status.label)]")
        }
        lines.append("  hearings (\(detail.hearings.count))")
        for h in detail.hearings {
            lines.append("    \(h.scheduledAt)  \(h.mode.label)  \(h.platform ?? h.courtroom ?? "")  [\(h.status.label)]")
        }
        lines.append("  services (\(detail.services.count))")
        for s in detail.services {
            lines.append("    \(s.sentAt)  \(s.document) → \(s.recipient) by \(s.method.label)"
                + (s.deliveredAt.map { ", delivered \($0)" } ?? ", not confirmed"))
        }
        lines.append("  mediations (\(detail.mediations.count))")
        for m in detail.mediations {
            lines.append("    \(m.startedOn)  \(m.online ? "online" : "offline")  \(m.result.label)")
        }
        lines.append("  file reviews (\(detail.fileReviews.count))")
        for f in detail.fileReviews {
            lines.append("    \(f.requestedAt)  \(f.lawyerID)  \(f.decision.label)")
        }
        return lines.joined(separator: "\n")
    }

    static func yuan(_ fen: Int64) -> String {
        String(format: "¥%.2f", Double(fen) / 100)
    }

    /// JSON for machines: sorted keys, one document.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
