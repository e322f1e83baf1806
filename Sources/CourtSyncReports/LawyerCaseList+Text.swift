import CourtSyncModel
import CourtSyncStore
import Foundation

/// The terminal table and the CSV document of a lawyer case list.
extension LawyerCaseList {
    /// True when the list spans more than one lawyer (a firm), so rows name the lawyer.
    var namesLawyers: Bool {
        if case .firm = selection { return true }
        return lawyers.count > 1
    }

    /// For the terminal: the heading, the cases as a ``TextTable``, and the number of upcoming
    /// hearings and open file-review requests.
    public func table() -> String {
        var headers = ["案号", "法院", "案由", "代理", "阶段", "状态", "立案日期", "结案", "下次开庭", "方式/地点", "待批阅卷"]
        if namesLawyers { headers.insert("律师", at: 0) }
        var table = TextTable(headers: headers, rightAligned: [headers.count - 1])
        for entry in cases {
            let court: String = entry.courtName ?? entry.courtCode ?? ""
            let closed: String = entry.closedDate.map { "\($0) \(entry.closingMethod?.label ?? "")" } ?? ""
            let next: String = entry.nextHearing.map(Self.hearingTime) ?? ""
            let place: String = entry.nextHearing.map(Self.whereText) ?? ""
            let reviews: String = entry.pendingFileReviews.isEmpty ? "" : String(entry.pendingFileReviews.count)
            let cause = Self.clipped(entry.cause ?? "", width: Self.causeWidth)
            var row: [String] = [entry.caseNumber, court, cause, Self.sideText(entry.sides)]
            row += [entry.stage?.label ?? "", entry.status?.label ?? "", entry.filingDate ?? ""]
            row += [closed, next, place, reviews]
            if namesLawyers { row.insert(lawyer(entry.lawyerID)?.name ?? entry.lawyerID, at: 0) }
            table.append(row)
        }
        var lines = [heading]
        if let note = previousLicenceNote { lines.append("Note: \(note)") }
        lines.append("as of \(ChinaTime.display(asOf)) (UTC+8)")
        lines.append("")
        let empty = "No cases: not counsel of record in any unsealed case on this node."
        lines.append(cases.isEmpty ? empty : table.render())
        lines.append("")
        let reviews = cases.reduce(0) { $0 + $1.pendingFileReviews.count }
        lines.append("\(cases.count) case\(cases.count == 1 ? "" : "s"), \(upcomingHearings.count) upcoming "
            + "hearing\(upcomingHearings.count == 1 ? "" : "s"), \(reviews) open file-review "
            + "request\(reviews == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }

    /// Column headers of ``csv()``, in order.
    public static let csvHeaders = [
        "律师ID", "律师", "执业证号", "案号", "法院代码", "法院", "案件类型", "案由", "代理方", "立案日期", "阶段", "状态",
        "结案日期", "结案方式", "下次开庭时间", "开庭方式", "开庭地点或平台", "待开庭次数", "待审批阅卷申请",
    ]

    /// RFC 4180 CSV, UTF-8 with a byte-order mark, one row per entry of ``cases``; see ``csvHeaders``.
    public func csv() -> Data {
        let rows = cases.map { entry -> [String] in
            let lawyer = lawyer(entry.lawyerID)
            var row: [String] = [entry.lawyerID, lawyer?.name ?? "", lawyer?.licenceNumber ?? "", entry.caseNumber]
            row += [entry.courtCode ?? "", entry.courtName ?? "", entry.caseType ?? "", entry.cause ?? ""]
            row += [Self.sideText(entry.sides), entry.filingDate ?? "", entry.stage?.label ?? ""]
            row += [entry.status?.label ?? "", entry.closedDate ?? "", entry.closingMethod?.label ?? ""]
            let next = entry.nextHearing
            row += [next?.scheduledAt ?? "", next?.mode.label ?? "", next.map(Self.placeText) ?? ""]
            row += [String(entry.upcomingHearings.count), String(entry.pendingFileReviews.count)]
            return row
        }
        return CSVWriter.document(headers: Self.csvHeaders, rows: rows)
    }

    /// Terminal columns the 案由 column takes at most (the CSV and JSON carry it whole).
    static let causeWidth = 24

    /// `text` cut to `width` terminal columns, ending with … when cut.
    static func clipped(_ text: String, width: Int) -> String {
        guard TextTable.displayWidth(text) > width else { return text }
        var out = ""
        for character in text {
            if TextTable.displayWidth(out + String(character)) > width - 1 { break }
            out.append(character)
        }
        return out + "…"
    }

    static func sideText(_ sides: [PartySide]) -> String {
        sides.map(\.label).joined(separator: "、")
    }

    static func hearingTime(_ hearing: Hearing) -> String {
        ChinaTime.parse(hearing.scheduledAt).map(ChinaTime.display) ?? hearing.scheduledAt
    }

    /// Courtroom, platform, or both for a hybrid hearing.
    static func placeText(_ hearing: Hearing) -> String {
        switch hearing.mode {
        case .online: hearing.platform ?? hearing.courtroom ?? ""
        case .offline: hearing.courtroom ?? hearing.platform ?? ""
        case .hybrid: [hearing.courtroom, hearing.platform].compactMap { $0 }.joined(separator: " + ")
        }
    }

    static func whereText(_ hearing: Hearing) -> String {
        let place = placeText(hearing)
        return place.isEmpty ? hearing.mode.label : "\(hearing.mode.label) \(place)"
    }
}
