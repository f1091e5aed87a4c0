public import Foundation

/// A customer coming to stand at a tier of success, or falling back from it: what the timeline, the owning CSM's
/// inbox and the webhooks are told, in both languages.
public struct SuccessTierChange: Sendable, Equatable {
    public var customerID: UUID
    public var customerName: String
    public var tier: SuccessTier
    public var reached: Bool
    /// The day it was reached (when the last required measure was met), or the day it was lost.
    public var on: LocalDate
    /// The measures that made (or broke) it, by name.
    public var measures: [String]

    public init(customerID: UUID, customerName: String, tier: SuccessTier, reached: Bool, on: LocalDate, measures: [String]) {
        (self.customerID, self.customerName, self.tier, self.reached, self.on, self.measures) = (customerID, customerName, tier, reached, on, measures)
    }

    /// 「ライトサクセス」/ "light success".
    public static func tierName(_ tier: SuccessTier, _ locale: Organization.Locale) -> String {
        switch (tier, locale) {
        case (.light, .ja): "ライトサクセス"
        case (.deep, .ja): "ディープサクセス"
        case (.light, .en): "light success"
        case (.deep, .en): "deep success"
        }
    }

    public func timelineTitle(_ locale: Organization.Locale) -> String {
        let name = Self.tierName(tier, locale)
        switch (reached, locale) {
        case (true, .ja): return "\(name)に到達しました"
        case (false, .ja): return "\(name)の条件を満たさなくなりました"
        case (true, .en): return "Reached \(name)"
        case (false, .en): return "No longer at \(name)"
        }
    }

    public func timelineBody(_ locale: Organization.Locale) -> String? {
        guard !measures.isEmpty else { return nil }
        switch (reached, locale) {
        case (true, .ja): return "満たした指標: " + measures.joined(separator: "、")
        case (false, .ja): return "満たさなくなった指標: " + measures.joined(separator: "、")
        case (true, .en): return "Measures met: " + measures.joined(separator: ", ")
        case (false, .en): return "Measures no longer met: " + measures.joined(separator: ", ")
        }
    }

    /// To the customer's owning CSM. It travels as a customer-status notice (the kind a health drop uses) until
    /// ``NotificationMessage/Kind`` has a kind of its own for success, so members who muted customer notices are
    /// spared this one too.
    public func notification(_ locale: Organization.Locale) -> NotificationMessage {
        let name = Self.tierName(tier, locale)
        switch (reached, locale) {
        case (true, .ja):
            return NotificationMessage(
                kind: .customerSuccessChanged, title: "\(customerName) が\(name)に到達しました",
                body: "\(customerName) は \(on) に\(name)の必須指標をすべて満たしました。" + (timelineBody(locale).map { $0 + "。" } ?? "")
                    + "お客様と成果を振り返り、次の段階を計画しましょう。")
        case (false, .ja):
            return NotificationMessage(
                kind: .customerSuccessChanged, title: "\(customerName) が\(name)の条件を満たさなくなりました",
                body: "\(customerName) は \(on) 時点で\(name)の必須指標を満たしていません。" + (timelineBody(locale).map { $0 + "。" } ?? "")
                    + "原因を確認し、支援の手を打ちましょう。")
        case (true, .en):
            return NotificationMessage(
                kind: .customerSuccessChanged, title: "\(customerName) reached \(name)",
                body: "\(customerName) met every required measure of \(name) on \(on)." + (timelineBody(locale).map { " " + $0 + "." } ?? "")
                    + " Review the results with the customer and plan the next step.")
        case (false, .en):
            return NotificationMessage(
                kind: .customerSuccessChanged, title: "\(customerName) is no longer at \(name)",
                body: "As of \(on), \(customerName) no longer meets every required measure of \(name)."
                    + (timelineBody(locale).map { " " + $0 + "." } ?? "") + " Find out why and plan support.")
        }
    }

    /// `customer.success_reached` / `customer.success_lost`; `data` is the change as JSON.
    public func webhookEvent(id: UUID, at: Date, data: String) -> WebhookEvent {
        WebhookEvent(
            id: id, type: reached ? "customer.success_reached" : "customer.success_lost", occurredAt: at, data: data,
            textJa: "\(customerName): " + timelineTitle(.ja), textEn: "\(customerName): " + timelineTitle(.en))
    }
}
