/// Chinese names of the case categories, stages and figures, as court officers read them.
public enum StatisticsLabels {
    /// What a figure without data shows in tables and charts.
    public static let noDataShort = "—"
    /// What a figure without data shows in CSV and the HTML tables.
    public static let noData = "无数据"
    /// The name of the rows over all courts.
    public static let allCourts = "全部法院"
    /// The name of a rolled-up category or stage.
    public static let all = "全部"

    private static let categories: [String: String] = [
        "civil": "民事", "criminal": "刑事", "administrative": "行政", "compensation": "国家赔偿",
        "aid": "司法救助", "preservation": "非诉保全", "enforcement": "执行", "sanction": "司法制裁",
        "bankruptcy": "破产", "unknown": "未知类型",
    ]

    private static let stages: [String: String] = [
        "first": "一审", "second": "二审", "retrial-review": "再审审查", "retrial": "再审", "special": "特别程序",
        "supervision": "监督", "other": "其他", "jurisdiction": "管辖", "pre-litigation": "诉前调解",
        "review": "复核", "execution-change": "减刑假释", "non-litigation": "非诉执行审查",
        "state-compensation": "国家赔偿", "preservation-review": "保全审查", "enforcement-implementation": "执行实施",
        "enforcement-review": "执行审查", "sanction": "司法制裁", "sanction-review": "制裁复议",
        "application-review": "申请审查", "liquidation": "强制清算", "bankruptcy": "破产", "aid": "司法救助",
        "unknown": "未知",
    ]

    /// The Chinese name of a category (`civil` → 民事); 全部 for nil.
    public static func category(_ code: String?) -> String {
        guard let code else { return all }
        return categories[code] ?? code
    }

    /// The Chinese name of a stage (`first` → 一审); 全部 for nil.
    public static func stage(_ code: String?) -> String {
        guard let code else { return all }
        return stages[code] ?? code
    }

    /// A ratio as a percentage with one decimal (`85.3%`), or `noData`.
    public static func percent(_ ratio: StatisticsRatio, noData: String = noDataShort) -> String {
        guard let value = ratio.value else { return noData }
        return formatted(value * 100, decimals: 1) + "%"
    }

    /// A ratio as a plain number with `decimals` decimals, or `noData`.
    public static func number(_ ratio: StatisticsRatio, decimals: Int = 1, noData: String = noDataShort) -> String {
        guard let value = ratio.value else { return noData }
        return formatted(value, decimals: decimals)
    }

    /// The median in hours with one decimal, or `noData`.
    public static func hours(_ median: StatisticsMedian, noData: String = noDataShort) -> String {
        guard let hours = median.hours else { return noData }
        return formatted(hours, decimals: 1)
    }

    /// `value` rounded half away from zero to `decimals` decimals, without locale.
    static func formatted(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        var fraction = String(Int64(scaled) - whole * Int64(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return sign + String(whole) + (decimals > 0 ? "." + fraction : "")
    }
}
