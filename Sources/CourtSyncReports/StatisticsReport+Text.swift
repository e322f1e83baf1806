import Foundation

extension StatisticsReport {
    /// The terminal rendering: a caseload and quality table, then an online-services table, with
    /// the kept dimensions as leading columns and "—" for figures without data.
    public func table() -> String {
        guard !rows.isEmpty else { return "无数据: no cases in the selected courts and months." }
        let caseload = figureTable(
            ["旧存", "新收", "结案", "未结", "结案率", "结收比", "平均审理天数", "审限内结案率", "调撤率", "上诉率", "改判发回率",
             "执行到位率", "终本率"]
        ) { row in
            [String(row.pendingAtStart), String(row.filed), String(row.closed), String(row.pendingAtEnd),
             StatisticsLabels.percent(row.closureRate), StatisticsLabels.number(row.closedToFiled, decimals: 2),
             StatisticsLabels.number(row.averageTrialDays), StatisticsLabels.percent(row.withinTimeLimitRate),
             StatisticsLabels.percent(row.mediationWithdrawalRate), StatisticsLabels.percent(row.appealRate),
             StatisticsLabels.percent(row.reversedRemandedRate), StatisticsLabels.percent(row.enforcementRecoveryRate),
             StatisticsLabels.percent(row.terminatedCurrentRate)]
        }
        let online = figureTable(
            ["网上立案率", "网上执行立案率", "在线庭审占比", "电子送达率", "电子送达成功率", "在线调解成功率", "阅卷审批中位(时)", "阅卷批准率"]
        ) { row in
            [StatisticsLabels.percent(row.onlineFilingRate), StatisticsLabels.percent(row.onlineEnforcementFilingRate),
             StatisticsLabels.percent(row.onlineHearingShare), StatisticsLabels.percent(row.electronicServiceRate),
             StatisticsLabels.percent(row.electronicServiceSuccessRate),
             StatisticsLabels.percent(row.onlineMediationSuccessRate), StatisticsLabels.hours(row.fileReviewMedian),
             StatisticsLabels.percent(row.fileReviewApprovalRate)]
        }
        let range = "\(firstMonth ?? "")..\(lastMonth ?? "")"
        return """
            收结案与审判质效 (\(range), 按\(periodName))
            \(caseload.render())

            在线诉讼服务 (深中法〔2020〕12号)
            \(online.render())

            — = 无数据 (分母为零). 定义见 docs/STATISTICS.md.
            """
    }

    /// The CSV rendering (RFC 4180, UTF-8 with BOM, Chinese headers): one line per row of ``rows``,
    /// every dimension as a column (全部 where rolled up), rates in percent with two decimals,
    /// 无数据 where a denominator is zero.
    public func csv() -> Data {
        var lines: [[String]] = []
        for row in rows {
            var line = [row.court ?? StatisticsLabels.all, row.courtName, row.period, row.firstMonth, row.lastMonth,
                        StatisticsLabels.category(row.category), StatisticsLabels.stage(row.stage)]
            line += [row.pendingAtStart, row.filed, row.closed, row.pendingAtEnd, row.intake].map { String($0) }
            line += Self.csvFigures(row)
            lines.append(line)
        }
        return CSVWriter.document(headers: Self.csvHeaders, rows: lines)
    }

    /// The CSV column names, in order.
    public static let csvHeaders = [
        "法院代字", "法院", "期间", "起始月", "截止月", "类别", "阶段", "旧存", "新收", "结案", "未结", "收案",
        "结案率(%)", "结收比", "平均审理天数", "审限内结案率(%)", "调撤率(%)", "上诉率(%)", "改判发回率(%)", "执行到位率(%)",
        "终本率(%)", "网上立案率(%)", "网上执行立案率(%)", "在线庭审占比(%)", "电子送达率(%)", "电子送达成功率(%)",
        "在线调解成功率(%)", "在线阅卷审批时长中位数(小时)", "在线阅卷批准率(%)",
    ]

    private static func csvFigures(_ row: StatisticsRow) -> [String] {
        func percent(_ ratio: StatisticsRatio) -> String {
            guard let value = ratio.value else { return StatisticsLabels.noData }
            return StatisticsLabels.formatted(value * 100, decimals: 2)
        }
        return [
            percent(row.closureRate), StatisticsLabels.number(row.closedToFiled, decimals: 4, noData: StatisticsLabels.noData),
            StatisticsLabels.number(row.averageTrialDays, decimals: 2, noData: StatisticsLabels.noData),
            percent(row.withinTimeLimitRate), percent(row.mediationWithdrawalRate), percent(row.appealRate),
            percent(row.reversedRemandedRate), percent(row.enforcementRecoveryRate), percent(row.terminatedCurrentRate),
            percent(row.onlineFilingRate), percent(row.onlineEnforcementFilingRate), percent(row.onlineHearingShare),
            percent(row.electronicServiceRate), percent(row.electronicServiceSuccessRate),
            percent(row.onlineMediationSuccessRate),
            row.fileReviewMedian.hours.map { StatisticsLabels.formatted($0, decimals: 2) } ?? StatisticsLabels.noData,
            percent(row.fileReviewApprovalRate),
        ]
    }

    /// The JSON rendering: the whole report with sorted keys (docs/STATISTICS.md shows the shape).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// 月, 季度 or 年.
    var periodName: String {
        switch period {
        case .month: "月"
        case .quarter: "季度"
        case .year: "年"
        }
    }

    /// The kept dimensions' column names and cells of a row.
    func dimensionCells(_ row: StatisticsRow) -> [String] {
        var cells = [row.court ?? StatisticsLabels.allCourts, row.period]
        if by.contains(.category) { cells.append(StatisticsLabels.category(row.category)) }
        if by.contains(.stage) { cells.append(StatisticsLabels.stage(row.stage)) }
        return cells
    }

    var dimensionHeaders: [String] {
        ["法院", "期间"] + (by.contains(.category) ? ["类别"] : []) + (by.contains(.stage) ? ["阶段"] : [])
    }

    private func figureTable(_ headers: [String], _ cells: (StatisticsRow) -> [String]) -> TextTable {
        let lead = dimensionHeaders
        var table = TextTable(
            headers: lead + headers, rightAligned: Set(lead.count..<(lead.count + headers.count)))
        for row in rows { table.append(dimensionCells(row) + cells(row)) }
        return table
    }
}
