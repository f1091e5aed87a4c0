import Domain
import Foundation

/// One currency's monthly revenue as bars, drawn on the server as SVG: coordinates are worked out here and the
/// template only places shapes. Currencies are never converted, so each gets its own chart and scale. An imported
/// snapshot's bar is drawn solid and a month derived from the contracts outlined; the legend says so in words, and the
/// table under the chart carries every figure and its source, so nothing is said by colour or shape alone.
struct CustomerRevenueChart: Sendable {
    struct Bar: Sendable {
        let x: String, y: String, width: String, height: String, css: String, label: String
    }

    struct Tick: Sendable {
        let x: String, y: String, label: String
    }

    let id: String
    let title: String
    let desc: String
    let bars: [Bar]
    let grid: [Tick]
    let xTicks: [Tick]
    let plotLeft: String
    let plotRight: String
    let baseline: String

    static let width = 640.0, height = 220.0
    static let left = 8.0, right = 8.0, top = 22.0, bottom = 26.0

    /// `months` are the columns (oldest first); `amounts[i]` is month i's revenue in `currency` (nil: none),
    /// `imported[i]` whether it came from a snapshot.
    static func make(
        id: String, currency: CurrencyCode, months: [String], amounts: [Money?], imported: [Bool], t: Catalogue, f: PageFormat
    ) -> CustomerRevenueChart {
        let n = max(months.count, 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = plotWidth / Double(n)
        let barWidth = max(2, slot * 0.64)
        let high = amounts.compactMap { $0?.minorUnits }.max() ?? 0
        let scale = niceCeiling(Double(max(high, 1)))
        var bars: [Bar] = []
        for (i, amount) in amounts.enumerated() {
            guard let amount, amount.minorUnits > 0 else { continue }
            let h = max(1, Double(amount.minorUnits) / scale * plotHeight)
            let source = imported[i] ? t["crev_source_snapshot"] : t["crev_source_contracts"]
            bars.append(Bar(
                x: r(left + Double(i) * slot + (slot - barWidth) / 2), y: r(top + plotHeight - h), width: r(barWidth), height: r(h),
                css: imported[i] ? "crev-bar imported" : "crev-bar derived", label: "\(months[i]) \(f.money(amount)) (\(source))"))
        }
        // Gridlines at half and the whole of a round top figure, labelled in the currency so the scale reads alone.
        let grid = [0.5, 1.0].map { share in
            Tick(
                x: r(left), y: r(top + plotHeight - share * plotHeight),
                label: f.money(Money(minorUnits: Int64((scale * share).rounded()), currency: currency)))
        }
        let every = months.count > 12 ? 3 : months.count > 6 ? 2 : 1
        let xTicks = months.enumerated().compactMap { i, label -> Tick? in
            guard (months.count - 1 - i) % every == 0 else { return nil }
            return Tick(x: r(left + (Double(i) + 0.5) * slot), y: r(height - 8), label: label)
        }
        let described = amounts.enumerated().compactMap { i, amount in
            amount.map { "\(months[i]) \(f.money($0))" }
        }
        return CustomerRevenueChart(
            id: id, title: t.format("crev_chart_title", ["currency": currency.rawValue]),
            desc: described.isEmpty ? t["crev_chart_empty"] : t.format("crev_chart_desc", ["values": described.joined(separator: ", ")]),
            bars: bars, grid: grid, xTicks: xTicks, plotLeft: r(left), plotRight: r(width - right), baseline: r(top + plotHeight))
    }

    /// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: a top of scale people read at a glance.
    static func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, log10(value).rounded(.down))
        return [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= value } ?? value
    }

    static func r(_ x: Double) -> String {
        let v = (x * 10).rounded() / 10
        return v == v.rounded() ? String(Int(v)) : String(v)
    }
}
