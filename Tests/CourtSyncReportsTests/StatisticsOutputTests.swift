import CourtSyncModel
import CourtSyncReports
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import Testing

/// Splits an RFC 4180 document (after its BOM) into records of fields.
func parseCSV(_ data: Data) throws -> [[String]] {
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "no UTF-8 BOM")
    let text = try #require(String(data: data.dropFirst(3), encoding: .utf8))
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" {
                if characters.first == "\"" {
                    field.append("\"")
                    characters = characters.dropFirst()
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            record.append(field)
            field = ""
        } else if c == "\r\n" || c == "\n" {
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.append(c)
        }
    }
    #expect(record.isEmpty && field.isEmpty, "the document must end with a line break")
    return records
}

@Suite("Statistics output")
struct StatisticsOutputTests {
    /// A store with one pending 民初 case: most figures have a zero denominator.
    func oneCaseReport() throws -> StatisticsReport {
        let node = try TestNode()
        try node.store.write { try $0.insert(Fixtures.courtCase()) }
        return try Statistics.compute(
            store: node.store, query: StatisticsQuery(period: .month, by: [.court]), reference: .bundled)
    }

    @Test("a zero denominator is no data: null in JSON, 无数据 in CSV, — in the table")
    func zeroDenominator() throws {
        let report = try oneCaseReport()
        let row = try #require(report.rows.first)
        #expect(report.rows.count == 1)
        #expect(row.filed == 1 && row.closed == 0 && row.pendingAtEnd == 1)
        #expect(row.closureRate.value == 0)
        #expect(row.appealRate.denominator == 0 && row.appealRate.value == nil)
        #expect(row.fileReviewMedian.hours == nil)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let appeal = try #require(rows.first?["appealRate"] as? [String: Any])
        #expect(appeal["value"] is NSNull)
        #expect(appeal["denominator"] as? Int == 0)
        #expect((rows.first?["fileReviewMedian"] as? [String: Any])?["hours"] is NSNull)
        #expect((rows.first?["closureRate"] as? [String: Any])?["value"] as? Double == 0)
        #expect(rows.first?["category"] is NSNull)

        let csv = try parseCSV(report.csv())
        let header = csv[0]
        let line = csv[1]
        #expect(line[try #require(header.firstIndex(of: "上诉率(%)"))] == "无数据")
        #expect(line[try #require(header.firstIndex(of: "结案率(%)"))] == "0.00")
        #expect(line[try #require(header.firstIndex(of: "在线阅卷审批时长中位数(小时)"))] == "无数据")
        #expect(report.table().contains("—"))
    }

    @Test("an empty store gives an empty report that still renders")
    func emptyStore() throws {
        let node = try TestNode()
        let report = try Statistics.compute(store: node.store, query: StatisticsQuery(), reference: .bundled)
        #expect(report.rows.isEmpty && report.firstMonth == nil)
        #expect(report.table().contains("无数据"))
        #expect(try parseCSV(report.csv()) == [StatisticsReport.csvHeaders])
        #expect(report.html().contains("无数据"))
    }

    @Test("CSV is RFC 4180 with a BOM and parses back, quotes and commas included")
    func csvRoundTrip() throws {
        let rows = [["粤0304", "a,b", "say \"hi\""], ["line\nbreak", "", "深圳市福田区人民法院"]]
        let data = CSVWriter.document(headers: ["法院", "名称", "备注"], rows: rows)
        #expect(try parseCSV(data) == [["法院", "名称", "备注"]] + rows)
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self).hasPrefix("法院,名称,备注\r\n"))

        let report = try Statistics.compute(
            store: try StatisticsFixture.shared.get().store,
            query: StatisticsQuery(period: .quarter, by: [.court, .category]), reference: .bundled)
        let parsed = try parseCSV(report.csv())
        #expect(parsed.first == StatisticsReport.csvHeaders)
        #expect(parsed.count == report.rows.count + 1)
        #expect(parsed.allSatisfy { $0.count == StatisticsReport.csvHeaders.count })
        let filedColumn = try #require(parsed[0].firstIndex(of: "新收"))
        #expect(parsed.dropFirst().map { Int64($0[filedColumn]) } == report.rows.map(\.filed))
    }

    @Test("HTML is self-contained: no network assets, no script, one <svg> per chart, text escaped")
    func htmlIsSelfContained() throws {
        let report = try Statistics.compute(
            store: try StatisticsFixture.shared.get().store, query: StatisticsQuery(period: .quarter),
            reference: .bundled)
        let html = report.html(title: "<b>粤03 & \"统计\"</b>")
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link") && !html.contains("src="))
        #expect(html.components(separatedBy: "<svg").count - 1 == report.trends.count + 1)
        #expect(html.contains("&lt;b&gt;粤03 &amp; &quot;统计&quot;&lt;/b&gt;"))
        #expect(!html.contains("<b>粤03"))
        #expect(html.contains("深圳市福田区人民法院"))
        #expect(html.contains("新收") && html.contains("结案") && html.contains("在线庭审占比"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("JSON has stable top-level keys and every row carries every figure")
    func jsonShape() throws {
        let report = try Statistics.compute(
            store: try StatisticsFixture.shared.get().store, query: StatisticsQuery(period: .year, by: [.court, .stage]),
            reference: .bundled)
        let first = try report.json()
        #expect(try report.json() == first)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["by", "courts", "firstMonth", "lastMonth", "period", "rows", "summary", "trends"])
        #expect(json["by"] as? [String] == ["court", "stage"])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let keys = Set(try #require(rows.first).keys)
        #expect(rows.allSatisfy { Set($0.keys) == keys })
        #expect(keys.isSuperset(of: [
            "court", "courtName", "period", "category", "stage", "pendingAtStart", "filed", "closed", "pendingAtEnd",
            "intake", "closureRate", "closedToFiled", "averageTrialDays", "withinTimeLimitRate",
            "mediationWithdrawalRate", "appealRate", "reversedRemandedRate", "enforcementRecoveryRate",
            "terminatedCurrentRate", "onlineFilingRate", "onlineEnforcementFilingRate", "onlineHearingShare",
            "electronicServiceRate", "electronicServiceSuccessRate", "onlineMediationSuccessRate", "fileReviewMedian",
            "fileReviewApprovalRate",
        ]))
    }
}

@Suite("Statistics query parsing")
struct StatisticsQueryTests {
    func error(_ body: () throws(StatisticsQueryError) -> StatisticsQuery) -> StatisticsQueryError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("defaults and accepted forms")
    func accepted() throws {
        let plain = try StatisticsQuery.parse(period: nil, from: nil, to: nil, courts: [], by: nil)
        #expect(plain == StatisticsQuery())
        let full = try StatisticsQuery.parse(
            period: "Quarter", from: "2024", to: "2025-Q2", courts: ["粤0304,粤0305", "粤0304"], by: "stage, court")
        #expect(full.period == .quarter)
        #expect(full.from == StatisticsMonth(year: 2024, month: 1))
        #expect(full.to == StatisticsMonth(year: 2025, month: 6))
        #expect(full.courts == ["粤0304", "粤0305"])
        #expect(full.by == [.court, .stage])
        #expect(try StatisticsQuery.parse(period: nil, from: nil, to: "2024", courts: [], by: "none").by.isEmpty)
        #expect(try StatisticsQuery.parse(period: nil, from: nil, to: "2024", courts: [], by: "").to
            == StatisticsMonth(year: 2024, month: 12))
    }

    @Test("errors name the parameter and the accepted values")
    func errors() {
        let cases: [(String, () throws(StatisticsQueryError) -> StatisticsQuery, String)] = [
            ("period", { () throws(StatisticsQueryError) in try .parse(period: "weekly", from: nil, to: nil, courts: [], by: nil) }, "month, quarter or year"),
            ("from", { () throws(StatisticsQueryError) in try .parse(period: nil, from: "2024-13", to: nil, courts: [], by: nil) }, "YYYY-MM"),
            ("to", { () throws(StatisticsQueryError) in try .parse(period: nil, from: nil, to: "June", courts: [], by: nil) }, "YYYY-MM"),
            ("to", { () throws(StatisticsQueryError) in try .parse(period: nil, from: "2025-01", to: "2024-12", courts: [], by: nil) }, "before from"),
            ("court", { () throws(StatisticsQueryError) in try .parse(period: nil, from: nil, to: nil, courts: ["福田"], by: nil) }, "粤0304"),
            ("by", { () throws(StatisticsQueryError) in try .parse(period: nil, from: nil, to: nil, courts: [], by: "court,judge") }, "court, category, stage"),
        ]
        for (parameter, body, accepted) in cases {
            let failure = error(body)
            #expect(failure?.parameter == parameter)
            #expect(failure?.description.hasPrefix(parameter + ":") == true, "\(String(describing: failure))")
            #expect(failure?.description.contains(accepted) == true, "\(String(describing: failure))")
        }
    }
}
