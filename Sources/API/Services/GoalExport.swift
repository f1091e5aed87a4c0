import CSV
import Domain
import Foundation

/// The goal tree as a table for Excel: one row per goal in tree order (indented by level), its measure and
/// progress, then the actual and confidence of each check-in period of the export's period.
struct GoalExport {
    let period: FiscalPeriod
    let tree: [GoalTreeController.NodeDTO]
    let checkIns: [UUID: [CheckIn]]
    let names: [UUID: String]
    let locale: Organization.Locale

    func csv() throws -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        // CRLF: what Excel writes and expects.
        let csv = try CSVWriter(stream: stream, newline: .crlf)
        // Every cell goes through the formula rule: a goal titled `=HYPERLINK(…)` is text in Excel, not a live link.
        struct SafeWriter {
            let csv: CSVWriter
            func write(row: [String]) throws { try csv.write(row: row.map(SpreadsheetCell.neutralised)) }
        }
        let writer = SafeWriter(csv: csv)
        let months = period.months.map(\.description)
        let ja = locale == .ja
        let header = ja
            ? ["階層", "種別", "目標", "担当", "期間", "指標", "単位", "基準値", "目標値", "方向", "期限", "状態", "進捗率(%)"]
            : ["Level", "Kind", "Goal", "Owner", "Period", "Metric", "Unit", "Baseline", "Target", "Direction", "Due", "Status", "Progress (%)"]
        try writer.write(row: header + months.flatMap { ja ? ["\($0) 実績", "\($0) 確度", "\($0) 状態"] : ["\($0) actual", "\($0) confidence", "\($0) state"] })
        func walk(_ nodes: [GoalTreeController.NodeDTO], level: Int) throws {
            for node in nodes {
                let g = node.goal
                let byPeriod = Dictionary((checkIns[g.id] ?? []).map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
                var row = [
                    String(level), g.kind.rawValue.uppercased(), String(repeating: "　", count: level) + g.title,
                    names[g.ownerID] ?? "", g.period, g.metric ?? "", g.unit ?? "", number(g.baseline), number(g.target),
                    g.direction.rawValue, g.dueDate?.description ?? "", g.status.rawValue,
                    node.progress.map { String(format: "%.1f", $0 * 100) } ?? "",
                ]
                for month in months {
                    let c = byPeriod[month]
                    row += [number(c?.actual), c?.confidence?.rawValue ?? "", c?.state.rawValue ?? ""]
                }
                try writer.write(row: row)
                try walk(node.children, level: level + 1)
            }
        }
        try walk(tree, level: 0)
        stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    private func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
