/// A small line of a goal's actuals over its check-in periods, drawn on the server as SVG, with the figures as its
/// text alternative (a chart nobody can read aloud explains nothing).
struct Sparkline: Sendable {
    let points: String
    let label: String
    let last: String
    let lastX: String
    let lastY: String

    static let width = 160.0, height = 36.0, pad = 3.0

    init?(_ series: [(period: String, value: Double)], format: (Double) -> String, t: Catalogue) {
        guard series.count >= 2 else { return nil }
        let values = series.map(\.value)
        let low = values.min()!, high = values.max()!
        let span = high - low == 0 ? 1 : high - low
        let step = (Self.width - 2 * Self.pad) / Double(series.count - 1)
        let coordinates = values.enumerated().map { index, value in
            (Self.pad + Double(index) * step, Self.height - Self.pad - (value - low) / span * (Self.height - 2 * Self.pad))
        }
        points = coordinates.map { "\(Self.round($0.0)),\(Self.round($0.1))" }.joined(separator: " ")
        label = t.format(
            "sparkline_label", ["values": series.map { "\($0.period) \(format($0.value))" }.joined(separator: ", ")])
        last = format(values.last!)
        lastX = Self.round(coordinates.last!.0)
        lastY = Self.round(coordinates.last!.1)
    }

    private static func round(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
