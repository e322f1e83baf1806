/// The charts of the HTML statistics report, drawn as inline SVG.
enum StatisticsCharts {
    /// Colours that stay apart for colour-blind readers (Okabe–Ito).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    /// A line chart of 新收 and 结案 per month, with axes, axis titles and a legend.
    static func trend(_ trend: StatisticsTrend) -> String {
        let title = "\(trend.courtName) 新收与结案(按月)"
        var svg = SVGCanvas(width: 640, height: 300)
        let left = 56.0, right = 620.0, top = 44.0, bottom = 240.0
        let maximum = Double(max(trend.filed.max() ?? 0, trend.closed.max() ?? 0))
        let ticks = SVGCanvas.ticks(maximum: maximum)
        let top_ = ticks.last ?? 1
        func y(_ value: Double) -> Double { bottom - (bottom - top) * value / max(top_, 1) }
        let count = trend.months.count
        func x(_ index: Int) -> Double {
            count <= 1 ? (left + right) / 2 : left + (right - left) * Double(index) / Double(count - 1)
        }
        svg.text(title, left, 20, size: 14, bold: true)
        svg.legend([("新收", palette[0]), ("结案", palette[1])], x: right - 150, y: 20)
        for tick in ticks {
            svg.line(left, y(tick), right, y(tick), stroke: "#e3e3e3")
            svg.text(String(Int(tick)), left - 6, y(tick) + 4, anchor: .end, size: 11, fill: "#555")
        }
        svg.line(left, bottom, right, bottom, stroke: "#777")
        svg.line(left, top, left, bottom, stroke: "#777")
        let every = max(1, Int((Double(count) / 8).rounded(.up)))
        for (index, month) in trend.months.enumerated() where index % every == 0 || index == count - 1 {
            svg.line(x(index), bottom, x(index), bottom + 4, stroke: "#777")
            svg.text(month, x(index), bottom + 18, anchor: .middle, size: 11, fill: "#555")
        }
        svg.text("月份", (left + right) / 2, 290, anchor: .middle, size: 12, fill: "#555")
        svg.text("案件数", 16, (top + bottom) / 2, anchor: .middle, size: 12, fill: "#555", rotate: -90)
        for (name, values, color) in [("新收", trend.filed, palette[0]), ("结案", trend.closed, palette[1])] {
            let points = values.enumerated().map { (x($0.offset), y(Double($0.element))) }
            if points.count > 1 { svg.polyline(points, stroke: color) }
            for (index, point) in points.enumerated() where count <= 40 || points.count == 1 {
                svg.circle(point.0, point.1, radius: 2.5, fill: color,
                           title: "\(trend.months[index]) \(name) \(values[index])")
            }
        }
        return svg.render(label: title)
    }

    /// A grouped bar chart: one group per figure, one bar per court, 0–100 %; a figure without
    /// data for a court shows 无数据 instead of a bar.
    static func shares(figures: [String], courts: [(name: String, values: [StatisticsRatio])]) -> String {
        let title = "在线诉讼服务指标(按法院对比)"
        let groupWidth = 110.0
        let left = 56.0, top = 60.0, bottom = 270.0
        let right = left + groupWidth * Double(figures.count)
        var svg = SVGCanvas(width: right + 20, height: 340)
        func y(_ percent: Double) -> Double { bottom - (bottom - top) * percent / 100 }
        svg.text(title, left, 20, size: 14, bold: true)
        svg.legend(courts.enumerated().map { ($0.element.name, palette[$0.offset % palette.count]) }, x: left, y: 44)
        for tick in stride(from: 0.0, through: 100, by: 20) {
            svg.line(left, y(tick), right, y(tick), stroke: "#e3e3e3")
            svg.text("\(Int(tick))%", left - 6, y(tick) + 4, anchor: .end, size: 11, fill: "#555")
        }
        svg.line(left, bottom, right, bottom, stroke: "#777")
        svg.line(left, top, left, bottom, stroke: "#777")
        svg.text("比例", 16, (top + bottom) / 2, anchor: .middle, size: 12, fill: "#555", rotate: -90)
        let barWidth = min(22, (groupWidth - 16) / Double(max(1, courts.count)))
        for (figureIndex, figure) in figures.enumerated() {
            let groupLeft = left + groupWidth * Double(figureIndex)
            let barsLeft = groupLeft + (groupWidth - barWidth * Double(courts.count)) / 2
            for (courtIndex, court) in courts.enumerated() {
                let x = barsLeft + barWidth * Double(courtIndex)
                let color = palette[courtIndex % palette.count]
                guard let value = court.values[figureIndex].value else {
                    svg.text(StatisticsLabels.noData, x + barWidth / 2, bottom - 4, anchor: .start, size: 9,
                             fill: "#888", rotate: -90)
                    continue
                }
                let percent = value * 100
                let label = "\(court.name) \(figure) \(StatisticsLabels.formatted(percent, decimals: 1))%"
                svg.rect(x + 1, y(percent), barWidth - 2, bottom - y(percent), fill: color, title: label)
            }
            svg.text(figure, groupLeft + groupWidth / 2, bottom + 18, anchor: .middle, size: 11)
        }
        svg.text("指标", (left + right) / 2, 330, anchor: .middle, size: 12, fill: "#555")
        return svg.render(label: title)
    }
}
