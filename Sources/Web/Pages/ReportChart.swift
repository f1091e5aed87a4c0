import Foundation

/// The customer reports' charts, drawn on the server as SVG: coordinates are worked out here and the template only
/// places shapes. Every chart has a title and a description, and its page carries the same figures in a table, so
/// nothing is said by colour or shape alone.
struct ReportChart: Sendable {
    struct Rect: Sendable {
        let x: String, y: String, width: String, height: String, css: String
    }

    struct Line: Sendable {
        let points: String
        let css: String
        let dots: [Dot]
    }

    struct Dot: Sendable {
        let x: String, y: String
    }

    struct Tick: Sendable {
        let x: String, y: String, label: String
    }

    let id: String
    let title: String
    let desc: String
    let width: String
    let height: String
    let rects: [Rect]
    let lines: [Line]
    let xTicks: [Tick]
    let yTicks: [Tick]
    let grid: [Tick]
    let plotLeft: String
    let plotRight: String

    static let width = 640.0, height = 240.0
    static let left = 44.0, right = 12.0, top = 12.0, bottom = 30.0

    /// Stacked bars, one per column, the layers bottom first (each value a count), with optional lines on the
    /// 0–1 scale of the same height (a share). `labels` name the columns; every third is written under the axis
    /// when there are many.
    static func stacked(
        id: String, title: String, desc: String, labels: [String], layers: [(css: String, values: [Int])],
        shareLines: [(css: String, values: [Double?])] = []
    ) -> ReportChart {
        let n = max(labels.count, 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = plotWidth / Double(n)
        let barWidth = max(2, slot * 0.64)
        // Bars on a 0–100 % scale of each column's total, so the shares are comparable month to month.
        var rects: [Rect] = []
        for column in 0..<labels.count {
            let total = layers.reduce(0) { $0 + ($1.values.indices.contains(column) ? $1.values[column] : 0) }
            guard total > 0 else { continue }
            var base = 0.0
            for layer in layers {
                let value = layer.values.indices.contains(column) ? layer.values[column] : 0
                guard value > 0 else { continue }
                let h = Double(value) / Double(total) * plotHeight
                let y = top + plotHeight - base - h
                rects.append(Rect(
                    x: r(left + Double(column) * slot + (slot - barWidth) / 2), y: r(y), width: r(barWidth), height: r(h), css: layer.css))
                base += h
            }
        }
        let lines = shareLines.map { line in
            let coordinates = line.values.enumerated().compactMap { column, value -> (Double, Double)? in
                guard let value else { return nil }
                return (left + (Double(column) + 0.5) * slot, top + plotHeight - value * plotHeight)
            }
            return Line(
                points: coordinates.map { "\(r($0.0)),\(r($0.1))" }.joined(separator: " "), css: line.css,
                dots: coordinates.map { Dot(x: r($0.0), y: r($0.1)) })
        }
        return ReportChart(
            id: id, title: title, desc: desc, width: r(width), height: r(height), rects: rects, lines: lines,
            xTicks: xTicks(labels, slot: slot), yTicks: percentTicks(low: 0, high: 1, plotHeight: plotHeight),
            grid: percentTicks(low: 0, high: 1, plotHeight: plotHeight), plotLeft: r(left), plotRight: r(width - right))
    }

    /// Lines of ratios (1.0 = 100 %) on a scale that fits them, with gridlines at round percentages.
    static func lines(id: String, title: String, desc: String, labels: [String], series: [(css: String, values: [Double?])]) -> ReportChart {
        let n = max(labels.count, 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = plotWidth / Double(n)
        let values = series.flatMap { $0.values.compactMap { $0 } }
        var low = ((values.min() ?? 0.8) * 10).rounded(.down) / 10
        var high = ((values.max() ?? 1.2) * 10).rounded(.up) / 10
        low = min(low, 0.9)
        high = max(high, 1.1)
        let span = high - low
        let lines = series.map { line in
            let coordinates = line.values.enumerated().compactMap { column, value -> (Double, Double)? in
                guard let value else { return nil }
                return (left + (Double(column) + 0.5) * slot, top + plotHeight - (value - low) / span * plotHeight)
            }
            return Line(
                points: coordinates.map { "\(r($0.0)),\(r($0.1))" }.joined(separator: " "), css: line.css,
                dots: coordinates.map { Dot(x: r($0.0), y: r($0.1)) })
        }
        let ticks = percentTicks(low: low, high: high, plotHeight: plotHeight)
        return ReportChart(
            id: id, title: title, desc: desc, width: r(width), height: r(height), rects: [], lines: lines,
            xTicks: xTicks(labels, slot: slot), yTicks: ticks, grid: ticks, plotLeft: r(left), plotRight: r(width - right))
    }

    private static func xTicks(_ labels: [String], slot: Double) -> [Tick] {
        let every = labels.count > 12 ? 3 : labels.count > 6 ? 2 : 1
        return labels.enumerated().compactMap { i, label in
            guard (labels.count - 1 - i) % every == 0 else { return nil }
            return Tick(x: r(left + (Double(i) + 0.5) * slot), y: r(height - 10), label: label)
        }
    }

    private static func percentTicks(low: Double, high: Double, plotHeight: Double) -> [Tick] {
        let span = high - low
        // About five gridlines whatever the range: 10, 25, 50 % … apart.
        let rough = span / 5
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        var ticks: [Tick] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + 1e-9 {
            let y = top + plotHeight - (value - low) / span * plotHeight
            ticks.append(Tick(x: r(left - 6), y: r(y), label: "\(Int((value * 100).rounded()))%"))
            value += step
        }
        return ticks
    }

    static func r(_ x: Double) -> String {
        let v = (x * 10).rounded() / 10
        return v == v.rounded() ? String(Int(v)) : String(v)
    }
}
