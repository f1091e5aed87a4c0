public import Foundation

/// The events Banso sends to webhooks, each with its sentence for people in both languages (Slack and Teams show
/// the text; JSON receivers get it beside the data). Written here, once, not in the routes that emit them.
extension WebhookEvent {
    public static func checkInSubmitted(id: UUID, at: Date, data: String, goal: String, period: String, late: Bool) -> WebhookEvent {
        WebhookEvent(
            id: id, type: "check_in.submitted", occurredAt: at, data: data,
            textJa: "「\(goal)」\(period) のチェックインが提出されました" + (late ? "（期限後）" : ""),
            textEn: "The \(period) check-in for “\(goal)” was submitted" + (late ? " (late)" : ""))
    }

    public static func checkInReviewed(id: UUID, at: Date, data: String, goal: String, period: String, accepted: Bool) -> WebhookEvent {
        WebhookEvent(
            id: id, type: "check_in.reviewed", occurredAt: at, data: data,
            textJa: "「\(goal)」\(period) のチェックインが" + (accepted ? "承認されました" : "差し戻されました"),
            textEn: "The \(period) check-in for “\(goal)” was " + (accepted ? "accepted" : "sent back for changes"))
    }

    public static func accountabilityAssigned(id: UUID, at: Date, data: String, subject: String) -> WebhookEvent {
        WebhookEvent(
            id: id, type: "accountability.assigned", occurredAt: at, data: data,
            textJa: "「\(subject)」の担当が割り当てられました", textEn: "An accountability was assigned: “\(subject)”")
    }

    public static func test(id: UUID, at: Date, endpoint: UUID) -> WebhookEvent {
        WebhookEvent(
            id: id, type: "webhook.test", occurredAt: at, data: #"{"endpoint_id":"\#(endpoint.uuidString.lowercased())"}"#,
            textJa: "Banso からのテスト送信です", textEn: "A test message from Banso")
    }

    public static func scheduleFired(id: UUID, at: Date, data: String, name: String, message: String?) -> WebhookEvent {
        let tail = message.map { ": " + $0 } ?? ""
        return WebhookEvent(
            id: id, type: "schedule.fired", occurredAt: at, data: data, textJa: "定期通知「\(name)」" + tail, textEn: "Scheduled “\(name)”" + tail)
    }

    /// A customer's health grade dropped (`data`: customer, from, to, the signals that lost the most).
    public static func customerHealthDropped(id: UUID, at: Date, data: String, customer: String, from: String, to: String) -> WebhookEvent {
        WebhookEvent(
            id: id, type: "customer.health_dropped", occurredAt: at, data: data,
            textJa: "\(customer) のヘルスが \(from) から \(to) に下がりました", textEn: "\(customer)'s health dropped from \(from) to \(to)")
    }

    /// A renewal alert N days before a contract's cancellation-notice deadline (`data`: the alert's facts).
    public static func renewalAlert(id: UUID, at: Date, data: String, customer: String, deadline: String, daysLeft: Int, openTickets: Int) -> WebhookEvent {
        WebhookEvent(
            id: id, type: "renewal.alert", occurredAt: at, data: data,
            textJa: "更新アラート: \(customer) の解約予告期限（\(deadline)）まであと \(daysLeft) 日、未解決の緊急・高優先度チケット \(openTickets) 件",
            textEn: "Renewal alert: \(daysLeft) days to \(customer)'s cancellation-notice deadline (\(deadline)), \(openTickets) open urgent/high tickets")
    }
}
