extension StatisticsReport {
    /// The HTML rendering: one self-contained page (inline CSS and SVG, no scripts, no network
    /// assets) with a summary table per court, 新收/结案 trend lines per court by month, the
    /// online-service shares side by side per court, and the period rows in a folded table.
    public func html(title: String = "司法统计报告") -> String {
        let range = "\(firstMonth ?? "—") 至 \(lastMonth ?? "—")"
        var body: [String] = [
            "<header><h1>\(HTMLText.escape(title))</h1>",
            "<p class=\"meta\">统计范围 \(HTMLText.escape(range)) · 按\(periodName)汇总 · 法院: "
                + HTMLText.escape(courts.isEmpty ? "全部" : courts.joined(separator: "、")) + "</p></header>",
        ]
        guard !summary.isEmpty else {
            body.append("<p>\(StatisticsLabels.noData): 所选法院和月份没有案件。</p>")
            return Self.page(title: title, body: body)
        }
        body.append("<section><h2>收结案概览</h2>")
        body.append(Self.table(
            headers: ["法院", "旧存", "新收", "结案", "未结", "结案率", "结收比", "平均审理天数", "审限内结案率", "调撤率", "上诉率",
                      "改判发回率", "执行到位率", "终本率"],
            rows: summary.map { row in
                [row.courtName, String(row.pendingAtStart), String(row.filed), String(row.closed), String(row.pendingAtEnd),
                 Self.percent(row.closureRate), StatisticsLabels.number(row.closedToFiled, decimals: 2, noData: StatisticsLabels.noData),
                 StatisticsLabels.number(row.averageTrialDays, noData: StatisticsLabels.noData),
                 Self.percent(row.withinTimeLimitRate), Self.percent(row.mediationWithdrawalRate),
                 Self.percent(row.appealRate), Self.percent(row.reversedRemandedRate),
                 Self.percent(row.enforcementRecoveryRate), Self.percent(row.terminatedCurrentRate)]
            }))
        body.append("</section>")

        body.append("<section><h2>收结案趋势</h2><div class=\"charts\">")
        for trend in trends { body.append("<figure>\(StatisticsCharts.trend(trend))</figure>") }
        body.append("</div></section>")

        let courtsOnly = summary.filter { $0.court != nil }
        let figures: [(String, KeyPath<StatisticsRow, StatisticsRatio>)] = [
            ("网上立案率", \.onlineFilingRate), ("网上执行立案率", \.onlineEnforcementFilingRate),
            ("在线庭审占比", \.onlineHearingShare), ("电子送达率", \.electronicServiceRate),
            ("电子送达成功率", \.electronicServiceSuccessRate), ("在线调解成功率", \.onlineMediationSuccessRate),
            ("阅卷批准率", \.fileReviewApprovalRate),
        ]
        body.append("<section><h2>在线诉讼服务(深中法〔2020〕12号)</h2>")
        body.append("<figure class=\"wide\">" + StatisticsCharts.shares(
            figures: figures.map(\.0),
            courts: courtsOnly.map { row in (row.courtName, figures.map { row[keyPath: $0.1] }) }) + "</figure>")
        body.append(Self.table(
            headers: ["法院"] + figures.map(\.0) + ["阅卷审批时长中位数(小时)"],
            rows: summary.map { row in
                [row.courtName] + figures.map { Self.percent(row[keyPath: $0.1]) }
                    + [StatisticsLabels.hours(row.fileReviewMedian, noData: StatisticsLabels.noData)]
            }))
        body.append("</section>")

        body.append("<section><h2>明细</h2><details><summary>按\(periodName)明细(\(rows.count) 行)</summary>")
        body.append(Self.table(
            headers: dimensionHeaders + ["旧存", "新收", "结案", "未结", "结案率", "调撤率", "上诉率", "网上立案率", "在线庭审占比",
                                         "电子送达率"],
            rows: rows.map { row in
                dimensionCells(row).enumerated().map { $0.offset == 0 ? row.courtName : $0.element }
                    + [String(row.pendingAtStart), String(row.filed), String(row.closed), String(row.pendingAtEnd),
                       Self.percent(row.closureRate), Self.percent(row.mediationWithdrawalRate),
                       Self.percent(row.appealRate), Self.percent(row.onlineFilingRate),
                       Self.percent(row.onlineHearingShare), Self.percent(row.electronicServiceRate)]
            }, leading: dimensionHeaders.count))
        body.append("</details></section>")
        body.append("""
            <footer><p>旧存 = 期初未结; 未结 = 旧存 + 新收 − 结案; 结案率 = 结案 / (旧存 + 新收); 改判发回率的分母为一审结案数。
            分母为零的指标显示为"\(StatisticsLabels.noData)"。各指标的准确定义见 docs/STATISTICS.md。</p></footer>
            """)
        return Self.page(title: title, body: body)
    }

    private static func percent(_ ratio: StatisticsRatio) -> String {
        StatisticsLabels.percent(ratio, noData: StatisticsLabels.noData)
    }

    /// An HTML table; every cell is escaped, columns from `leading` on are numbers (right-aligned).
    private static func table(headers: [String], rows: [[String]], leading: Int = 1) -> String {
        var out = "<table><thead><tr>"
        out += headers.map { "<th>\(HTMLText.escape($0))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>" + row.enumerated().map { index, cell in
                let classes = [index >= leading ? "num" : nil, cell == StatisticsLabels.noData ? "nodata" : nil]
                    .compactMap { $0 }
                let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                return "<td\(attribute)>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    private static func page(title: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
               color: #222; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; line-height: 1.5; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.2rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2rem; }
        .meta { color: #666; margin-top: 0; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.8rem 0; }
        th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; }
        th { background: #f2f5f9; font-weight: 600; white-space: nowrap; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.nodata { color: #999; }
        tbody tr:nth-child(even) { background: #fafafa; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 1rem; }
        figure { margin: 0; border: 1px solid #eee; border-radius: 6px; padding: 0.5rem; background: #fff; }
        figure.wide { overflow-x: auto; }
        figure svg { width: 100%; height: auto; font-family: inherit; }
        figure.wide svg { min-width: 700px; }
        details summary { cursor: pointer; color: #0072B2; }
        footer { color: #666; font-size: 0.85rem; margin-top: 2rem; border-top: 1px solid #eee; }
        @media print { details { display: block; } }
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }
}
