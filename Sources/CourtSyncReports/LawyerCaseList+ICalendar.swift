import CourtSyncModel
import CourtSyncStore
import Foundation

/// The iCalendar export of a lawyer case list's upcoming hearings.
extension LawyerCaseList {
    /// How long a hearing event lasts in the calendar: the data records a start time only.
    public static let defaultHearingDuration: TimeInterval = 2 * 3600

    /// The calendar's PRODID.
    public static let productID = "-//courtsync//Lawyer case list//ZH"

    /// The name calendar programs show for the imported calendar (X-WR-CALNAME).
    public var calendarName: String {
        if case .firm(let id) = selection { return "开庭日程 \(firmName ?? id)" }
        let names = lawyers.map { lawyer in lawyer.name.map { "\($0) (\(lawyer.id))" } ?? lawyer.id }
            .joined(separator: "、")
        return "开庭日程 \(names)"
    }

    /// An RFC 5545 calendar (METHOD:PUBLISH) with one VEVENT per upcoming scheduled hearing.
    ///
    /// Each event: UID `<hearing id>@courtsync` (stable, so re-importing updates instead of
    /// duplicating), DTSTAMP `now` in UTC, DTSTART and DTEND in Asia/Shanghai (a VTIMEZONE of
    /// UTC+08:00 is included), DTEND = start + `duration`, SUMMARY `开庭 <case number>`, LOCATION
    /// the courtroom (offline), the platform (online) or both (hybrid), and DESCRIPTION the court,
    /// 案由, side, mode and, for a firm, the lawyer. Lines end with CRLF and are folded at 75 octets.
    /// A hearing whose time cannot be read is left out.
    ///
    /// Upcoming hearings that were cancelled or postponed are included with STATUS:CANCELLED, so
    /// a calendar that imported them earlier drops them. SEQUENCE is the export time in minutes
    /// since 2020-01-01 (UTC): each export is newer than the last, so calendars take its version.
    public func ics(now: Date, duration: TimeInterval = defaultHearingDuration) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "PRODID:\(Self.productID)",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            ICalendar.contentLine("X-WR-CALNAME", value: ICalendar.escapeText(calendarName)),
            "X-WR-TIMEZONE:\(ICalendar.chinaTimeZoneID)",
        ]
        lines += ICalendar.chinaTimeZone
        let stamp = ChinaTime.icalUTC(now)
        let zone = [("TZID", ICalendar.chinaTimeZoneID)]
        let sequence = max(0, Int(now.timeIntervalSince1970 - 1_577_836_800) / 60)
        let events = upcomingHearings.map { ($0, false) } + calledOffHearings.map { ($0, true) }
        for (upcoming, calledOff) in events {
            let hearing = upcoming.hearing
            guard let start = ChinaTime.parse(hearing.scheduledAt), let entry = upcoming.entries.first else { continue }
            lines += [
                "BEGIN:VEVENT",
                ICalendar.contentLine("UID", value: ICalendar.escapeText("\(hearing.id)@courtsync")),
                "DTSTAMP:\(stamp)",
                "SEQUENCE:\(sequence)",
                ICalendar.contentLine("DTSTART", parameters: zone, value: ChinaTime.icalLocal(start)),
                ICalendar.contentLine("DTEND", parameters: zone, value: ChinaTime.icalLocal(start + duration)),
                ICalendar.contentLine(
                    "SUMMARY",
                    value: ICalendar.escapeText((calledOff ? "已\(hearing.status.label) " : "") + "开庭 \(hearing.caseNumber)")),
            ]
            let place = Self.placeText(hearing)
            if !place.isEmpty {
                lines.append(ICalendar.contentLine("LOCATION", value: ICalendar.escapeText(place)))
            }
            lines += [
                ICalendar.contentLine("DESCRIPTION", value: ICalendar.escapeText(description(upcoming, entry))),
                calledOff ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
                calledOff ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return ICalendar.document(lines)
    }

    /// The event text: one fact a line.
    private func description(_ upcoming: UpcomingHearing, _ entry: LawyerCaseRecord) -> String {
        let hearing = upcoming.hearing
        let court = [entry.courtName, entry.courtCode.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        var lines = [
            "案号：\(entry.caseNumber)",
            "法院：\(court.isEmpty ? "-" : court)",
            "案由：\(entry.cause ?? "-")",
        ]
        if namesLawyers {
            for each in upcoming.entries {
                let name = lawyer(each.lawyerID)?.name ?? each.lawyerID
                lines.append("代理：\(Self.sideText(each.sides))（\(name)）")
            }
        } else {
            lines.append("代理：\(Self.sideText(entry.sides))")
        }
        lines.append("开庭方式：\(hearing.mode.label)")
        if let platform = hearing.platform { lines.append("在线平台：\(platform)") }
        if let courtroom = hearing.courtroom { lines.append("法庭：\(courtroom)") }
        lines.append("阶段：\(entry.stage?.label ?? "-")")
        return lines.joined(separator: "\n")
    }
}
