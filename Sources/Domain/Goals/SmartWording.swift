/// The SMART check's sentences in Japanese and English.
struct SmartWording {
    let locale: Organization.Locale
    private var ja: Bool { locale == .ja }

    var ksfSpecific: String { ja ? "成功要因の名前と説明があります" : "The success factor is named and described" }
    var ksfNotSpecific: String {
        ja ? "成功要因には名前と、何を指すかの説明が必要です" : "A success factor needs a name and a description of what it means"
    }
    var noMetric: String { ja ? "指標（metric）が指定されていません" : "No metric is named" }
    var noSubject: String { ja ? "何についての目標かをタイトルに書いてください" : "The title does not say what the goal is about" }
    func specific(metric: String, subject: String) -> String {
        ja ? "指標「\(metric)」と対象「\(subject)」が明確です" : "Metric “\(metric)” and subject “\(subject)” are named"
    }
    var ksfUnmeasured: String {
        ja ? "この KSF を測る KPI がまだありません" : "No KPI measures this success factor yet"
    }
    func ksfMeasuredBy(_ kpis: [String]) -> String {
        ja ? "KPI（\(kpis.joined(separator: "、"))）で測定します" : "Measured by the KPIs \(kpis.joined(separator: ", "))"
    }
    var noTarget: String { ja ? "数値の目標値がありません" : "There is no numeric target" }
    var noUnit: String { ja ? "目標値の単位がありません" : "The target has no unit" }
    func measurable(target: Double, unit: String) -> String {
        ja ? "目標値 \(format(target))\(unit) で測定できます" : "Measured against a target of \(format(target)) \(unit)"
    }
    var ksfAchievable: String {
        ja ? "定性的な成功要因のため、達成可能性は配下の KPI で判断します" : "A qualitative factor: its KPIs carry the achievability check"
    }
    var nothingToCompare: String {
        ja ? "基準値も過去の実績もないため、目標の妥当性を判断できません。基準値を設定してください"
            : "With neither a baseline nor a past actual, the target cannot be judged; set a baseline"
    }
    func tooHigh(target: Double, reference: Double, multiple: Double) -> String {
        ja ? "目標値 \(format(target)) は基準・過去最高 \(format(reference)) の \(format(multiple)) 倍を超えています"
            : "The target \(format(target)) is more than \(format(multiple))× the baseline or best past actual \(format(reference))"
    }
    func tooLow(target: Double, reference: Double, multiple: Double) -> String {
        ja ? "目標値 \(format(target)) は基準・過去最良 \(format(reference)) の \(format(multiple)) 分の 1 を下回っています"
            : "The target \(format(target)) is below 1/\(format(multiple)) of the baseline or best past actual \(format(reference))"
    }
    func wrongSide(target: Double, baseline: Double, up: Bool) -> String {
        if ja {
            return up ? "上げる目標なのに目標値 \(format(target)) が基準値 \(format(baseline)) より低くなっています"
                : "下げる目標なのに目標値 \(format(target)) が基準値 \(format(baseline)) より高くなっています"
        }
        return up ? "An upward goal with a target \(format(target)) below its baseline \(format(baseline))"
            : "A downward goal with a target \(format(target)) above its baseline \(format(baseline))"
    }
    func achievable(multiple: Double) -> String {
        ja ? "目標値は基準・過去実績の \(format(multiple)) 倍以内です" : "The target is within \(format(multiple))× of the baseline and past actuals"
    }
    var kgiRelevant: String { ja ? "KGI は最上位の成果指標です" : "A KGI is the top outcome itself" }
    var noKGI: String { ja ? "上位の KGI につながっていません" : "The goal does not lead up to a KGI" }
    var relevant: String { ja ? "上位の KGI につながっています" : "The goal leads up to a KGI" }
    var noDueDate: String { ja ? "期限がありません" : "There is no due date" }
    func dueOutside(due: LocalDate, period: FiscalPeriod) -> String {
        ja ? "期限 \(due) が期間 \(period) の外です" : "The due date \(due) lies outside the period \(period)"
    }
    func timeBound(due: LocalDate, period: FiscalPeriod) -> String {
        ja ? "期限 \(due) は期間 \(period) 内です" : "Due \(due), inside \(period)"
    }

    /// Numbers as a person writes them: no trailing ".0".
    private func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
