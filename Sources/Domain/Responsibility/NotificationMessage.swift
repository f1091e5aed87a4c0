/// In-app notices, written in the reader's language when they are created.
public struct NotificationMessage: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case accountabilityAssigned = "accountability.assigned"
        case accountabilityDeclined = "accountability.declined"
        case checkInReviewed = "check_in.reviewed"
        case checkInChangesRequested = "check_in.changes_requested"
        case checkInSubmitted = "check_in.submitted"
        case workTransferred = "work.transferred"
        case scheduleMissed = "schedule.missed"
        case checkInDueSoon = "check_in.due_soon"
        case checkInDue = "check_in.due"
        case checkInOverdue = "check_in.overdue"
        case reviewsWaiting = "check_in.reviews_waiting"
        case webhookDisabled = "webhook.disabled"
        case digest = "notifications.digest"
        case goalNudge = "goal.nudge"
        case mailRelayChanged = "mail_relay.changed"
        case customerHealthDropped = "customer.health_dropped"
        case renewalAlert = "renewal.alert"
        case meetingAgenda = "meeting.agenda"
        case customerSuccessChanged = "customer.success_changed"
        case programReminder = "program.reminder"
        case programOverBudget = "program.over_budget"
        case processStep = "process.step"
    }

    public var kind: Kind
    public var title: String
    public var body: String

    public static func accountabilityAssigned(subject: String, by assigner: String, due: LocalDate?, locale: Organization.Locale)
        -> NotificationMessage
    {
        switch locale {
        case .ja:
            NotificationMessage(
                kind: .accountabilityAssigned, title: "担当が割り当てられました: \(subject)",
                body: "\(assigner)さんから「\(subject)」の担当に任命されました。" + (due.map { "期限: \($0)。" } ?? "") + "内容を確認して承諾または辞退してください。")
        case .en:
            NotificationMessage(
                kind: .accountabilityAssigned, title: "You are accountable for: \(subject)",
                body: "\(assigner) made you accountable for “\(subject)”." + (due.map { " Due \($0)." } ?? "") + " Please acknowledge or decline.")
        }
    }

    public static func accountabilityDeclined(subject: String, by assignee: String, reason: String, locale: Organization.Locale)
        -> NotificationMessage
    {
        switch locale {
        case .ja:
            NotificationMessage(
                kind: .accountabilityDeclined, title: "担当が辞退されました: \(subject)", body: "\(assignee)さんが「\(subject)」の担当を辞退しました。理由: \(reason)")
        case .en:
            NotificationMessage(
                kind: .accountabilityDeclined, title: "Accountability declined: \(subject)", body: "\(assignee) declined “\(subject)”. Reason: \(reason)")
        }
    }

    public static func checkInSubmitted(goal: String, period: String, by owner: String, locale: Organization.Locale) -> NotificationMessage {
        switch locale {
        case .ja:
            NotificationMessage(kind: .checkInSubmitted, title: "レビュー依頼: \(goal)（\(period)）", body: "\(owner)さんが「\(goal)」の \(period) のチェックインを提出しました。レビューしてください。")
        case .en:
            NotificationMessage(kind: .checkInSubmitted, title: "Review requested: \(goal) (\(period))", body: "\(owner) submitted the \(period) check-in for “\(goal)”. Please review it.")
        }
    }

    public static func checkInReviewed(goal: String, period: String, accepted: Bool, comment: String?, locale: Organization.Locale)
        -> NotificationMessage
    {
        let note = comment.map { $0.isEmpty ? "" : $0 } ?? ""
        switch (locale, accepted) {
        case (.ja, true):
            return NotificationMessage(kind: .checkInReviewed, title: "チェックインが承認されました: \(goal)（\(period)）", body: note.isEmpty ? "レビューが完了しました。" : "コメント: \(note)")
        case (.ja, false):
            return NotificationMessage(kind: .checkInChangesRequested, title: "チェックインの修正依頼: \(goal)（\(period)）", body: "修正内容: \(note)")
        case (.en, true):
            return NotificationMessage(kind: .checkInReviewed, title: "Check-in accepted: \(goal) (\(period))", body: note.isEmpty ? "Your check-in was reviewed." : "Comment: \(note)")
        case (.en, false):
            return NotificationMessage(kind: .checkInChangesRequested, title: "Changes requested: \(goal) (\(period))", body: "What to change: \(note)")
        }
    }

    public static func scheduleMissed(schedule: String, nominal: String, lateHours: Int, locale: Organization.Locale) -> NotificationMessage {
        switch locale {
        case .ja:
            NotificationMessage(
                kind: .scheduleMissed, title: "定期処理が実行されませんでした: \(schedule)",
                body: "\(nominal) の「\(schedule)」は \(lateHours) 時間遅れとなり、許容範囲を超えたため実行しませんでした。必要なら手動で実行してください。")
        case .en:
            NotificationMessage(
                kind: .scheduleMissed, title: "A scheduled run was missed: \(schedule)",
                body: "“\(schedule)” due at \(nominal) was \(lateHours) hours late, beyond its limit, and did not run. Run it by hand if it is still needed.")
        }
    }

    public static func checkInReminder(
        _ kind: Kind, goal: String, period: String, due: LocalDate, owner: String, locale: Organization.Locale
    ) -> NotificationMessage {
        switch (kind, locale) {
        case (.checkInDueSoon, .ja):
            NotificationMessage(kind: kind, title: "チェックインの期限が近づいています: \(goal)（\(period)）", body: "\(due) が提出期限です。実績と確度を記入してください。")
        case (.checkInDueSoon, .en):
            NotificationMessage(kind: kind, title: "Check-in due soon: \(goal) (\(period))", body: "Due \(due). Please record the actual and your confidence.")
        case (.checkInDue, .ja):
            NotificationMessage(kind: kind, title: "本日がチェックインの期限です: \(goal)（\(period)）", body: "今日（\(due)）中に提出してください。")
        case (.checkInDue, .en):
            NotificationMessage(kind: kind, title: "Check-in due today: \(goal) (\(period))", body: "Please submit it today (\(due)).")
        case (_, .ja):
            NotificationMessage(kind: kind, title: "未提出のチェックイン: \(owner)さん「\(goal)」（\(period)）", body: "\(due) が期限でしたが、まだ提出されていません。声をかけてください。")
        case (_, .en):
            NotificationMessage(kind: kind, title: "Overdue check-in: \(owner), “\(goal)” (\(period))", body: "It was due \(due) and has not been submitted. Please follow up.")
        }
    }

    public static func reviewsWaiting(_ items: [(goal: String, period: String, owner: String)], locale: Organization.Locale) -> NotificationMessage {
        let lines = items.prefix(20).map { locale == .ja ? "・\($0.owner)さん「\($0.goal)」\($0.period)" : "• \($0.owner): “\($0.goal)” \($0.period)" }
        let more = items.count > 20 ? (locale == .ja ? "\n…ほか \(items.count - 20) 件" : "\n…and \(items.count - 20) more") : ""
        switch locale {
        case .ja:
            return NotificationMessage(kind: .reviewsWaiting, title: "レビュー待ちのチェックインが \(items.count) 件あります", body: lines.joined(separator: "\n") + more)
        case .en:
            return NotificationMessage(kind: .reviewsWaiting, title: "\(items.count) check-ins are waiting for your review", body: lines.joined(separator: "\n") + more)
        }
    }

    /// To every owner when the org's mail relay is set or removed: all of the org's mail passes through it.
    public static func mailRelayChanged(host: String?, by changer: String, locale: Organization.Locale) -> NotificationMessage {
        switch locale {
        case .ja:
            NotificationMessage(
                kind: .mailRelayChanged, title: "メール送信サーバーが変更されました",
                body: host.map { "\(changer)さんが組織のメールを \($0) 経由で送るよう設定しました。心当たりがなければすぐに確認してください。" }
                    ?? "\(changer)さんが組織独自のメール送信サーバーを削除しました。以後はデプロイメントのサーバーから送信されます。")
        case .en:
            NotificationMessage(
                kind: .mailRelayChanged, title: "The org's mail relay changed",
                body: host.map { "\(changer) set the organisation's mail to go through \($0). If you did not expect this, check it now." }
                    ?? "\(changer) removed the organisation's own mail relay; mail goes through the deployment's relay again.")
        }
    }

    public static func webhookDisabled(url: String, failures: Int, locale: Organization.Locale) -> NotificationMessage {
        switch locale {
        case .ja:
            NotificationMessage(kind: .webhookDisabled, title: "Webhook を停止しました", body: "\(url) への送信が \(failures) 回続けて失敗したため停止しました。受信側を確認してから再開してください。")
        case .en:
            NotificationMessage(kind: .webhookDisabled, title: "A webhook was disabled", body: "Deliveries to \(url) failed \(failures) times in a row, so it was disabled. Check the receiver, then enable it again.")
        }
    }

    public static func workTransferred(from: String, goals: Int, checkIns: Int, accountabilities: Int, locale: Organization.Locale)
        -> NotificationMessage
    {
        switch locale {
        case .ja:
            NotificationMessage(
                kind: .workTransferred, title: "\(from)さんの担当を引き継ぎました",
                body: "目標 \(goals) 件、未完了のチェックイン \(checkIns) 件、担当 \(accountabilities) 件があなたに移りました。")
        case .en:
            NotificationMessage(
                kind: .workTransferred, title: "You took over \(from)'s work",
                body: "\(goals) goals, \(checkIns) open check-ins and \(accountabilities) accountabilities moved to you.")
        }
    }

    /// The daily summary of what a member's preferences held back, newest last.
    public static func digest(_ items: [(title: String, body: String)], locale: Organization.Locale) -> NotificationMessage {
        let shown = items.prefix(30)
        let lines = shown.map { locale == .ja ? "・\($0.title)" : "• \($0.title)" }
        let more = items.count > shown.count
            ? (locale == .ja ? "\n…ほか \(items.count - shown.count) 件" : "\n…and \(items.count - shown.count) more") : ""
        switch locale {
        case .ja:
            return NotificationMessage(kind: .digest, title: "今日のまとめ: お知らせ \(items.count) 件", body: lines.joined(separator: "\n") + more)
        case .en:
            return NotificationMessage(
                kind: .digest, title: "Your digest: \(items.count) notification\(items.count == 1 ? "" : "s")",
                body: lines.joined(separator: "\n") + more)
        }
    }

    /// A goal owner's scheduled prompt to update the goal; `note` is the schedule's own message.
    public static func goalNudge(goal: String, note: String?, locale: Organization.Locale) -> NotificationMessage {
        let extra = note.map { "\n\n" + $0 } ?? ""
        switch locale {
        case .ja:
            return NotificationMessage(kind: .goalNudge, title: "「\(goal)」の進捗を更新しましょう", body: "最新の実績と見通しを記録してください。" + extra)
        case .en:
            return NotificationMessage(kind: .goalNudge, title: "Time to update “\(goal)”", body: "Record the latest actual and how it looks." + extra)
        }
    }

    /// To the owning CSM when a customer's health grade drops; `causes` are the signals that lost the most points,
    /// already worded ("NPS −8.0").
    public static func customerHealthDropped(
        customer: String, from: HealthGrade, to: HealthGrade, previousTotal: Double, total: Double, causes: [String],
        locale: Organization.Locale
    ) -> NotificationMessage {
        let points = HealthFormatting.oneDecimal(previousTotal) + " → " + HealthFormatting.oneDecimal(total)
        switch locale {
        case .ja:
            return NotificationMessage(
                kind: .customerHealthDropped, title: "ヘルスが下がりました: \(customer)（\(from.rawValue) → \(to.rawValue)）",
                body: "\(customer) のヘルスグレードが \(from.rawValue) から \(to.rawValue) に下がりました（\(points) 点）。"
                    + (causes.isEmpty ? "" : "主な要因: " + causes.joined(separator: "、") + "。") + "理由を確認し、次の打ち手を検討してください。")
        case .en:
            return NotificationMessage(
                kind: .customerHealthDropped, title: "Health dropped: \(customer) (\(from.rawValue) → \(to.rawValue))",
                body: "\(customer)'s health grade dropped from \(from.rawValue) to \(to.rawValue) (\(points) points)."
                    + (causes.isEmpty ? "" : " Main causes: " + causes.joined(separator: ", ") + ".") + " Check why and plan the next step.")
        }
    }

    /// A renewal alert 90, 60 or 30 days before a contract's cancellation-notice deadline (解約予告期限), with what
    /// must be dealt with before the notice goes out (seed 004): open urgent/high tickets, health and NPS.
    public static func renewalAlert(
        customer: String, deadline: LocalDate, daysLeft: Int, endDate: LocalDate, grade: HealthGrade?, total: Double?,
        nps: Double?, npsResponses: Int, latestAnswer: Int?, tickets: [String], ticketCount: Int, locale: Organization.Locale
    ) -> NotificationMessage {
        switch locale {
        case .ja:
            var lines = ["解約予告期限: \(deadline)（あと \(daysLeft) 日）", "契約終了日: \(endDate)"]
            lines.append("ヘルス: " + (grade.map { g in "\(g.rawValue)" + (total.map { "（" + HealthFormatting.whole($0) + " 点）" } ?? "") } ?? "未算出"))
            lines.append("NPS（直近 12 か月）: " + (nps.map { HealthFormatting.whole($0) + "（\(npsResponses) 件" + (latestAnswer.map { "、最新の回答 \($0)" } ?? "") + "）" } ?? "回答なし"))
            lines.append("未解決の緊急・高優先度チケット: \(ticketCount) 件")
            lines += tickets.prefix(5).map { "・\($0)" }
            if ticketCount > 5 { lines.append("…ほか \(ticketCount - 5) 件") }
            if ticketCount > 0 { lines.append("更新の案内を出す前に、未解決の問題を解消しておきましょう。") }
            return NotificationMessage(
                kind: .renewalAlert, title: "更新アラート: \(customer)（解約予告期限まであと \(daysLeft) 日）", body: lines.joined(separator: "\n"))
        case .en:
            var lines = ["Cancellation-notice deadline: \(deadline) (\(daysLeft) days left)", "Contract ends: \(endDate)"]
            lines.append("Health: " + (grade.map { g in "\(g.rawValue)" + (total.map { " (" + HealthFormatting.whole($0) + " points)" } ?? "") } ?? "not scored"))
            lines.append("NPS (last 12 months): " + (nps.map { HealthFormatting.whole($0) + " (\(npsResponses) answers" + (latestAnswer.map { ", latest \($0)" } ?? "") + ")" } ?? "no answers"))
            lines.append("Open urgent/high tickets: \(ticketCount)")
            lines += tickets.prefix(5).map { "• \($0)" }
            if ticketCount > 5 { lines.append("…and \(ticketCount - 5) more") }
            if ticketCount > 0 { lines.append("Resolve the open problems before the renewal notice goes out.") }
            return NotificationMessage(
                kind: .renewalAlert, title: "Renewal alert: \(customer) (\(daysLeft) days to the notice deadline)", body: lines.joined(separator: "\n"))
        }
    }

    /// To each participant when an occurrence's agenda is written: the sections with the items this reader may see.
    public static func meetingAgenda(
        body: String, when: String, sections: [(heading: String, titles: [String])], locale: Organization.Locale
    ) -> NotificationMessage {
        let ja = locale == .ja
        var lines: [String] = []
        for section in sections where !section.titles.isEmpty {
            lines.append(ja ? "■ \(section.heading)（\(section.titles.count) 件）" : "■ \(section.heading) (\(section.titles.count))")
            lines += section.titles.prefix(5).map { ja ? "・\($0)" : "• \($0)" }
            if section.titles.count > 5 { lines.append(ja ? "…ほか \(section.titles.count - 5) 件" : "…and \(section.titles.count - 5) more") }
        }
        if lines.isEmpty { lines.append(ja ? "データから挙がった議題はありません。" : "The data raised nothing this time.") }
        return NotificationMessage(
            kind: .meetingAgenda, title: ja ? "議題ができました: \(body)（\(when)）" : "Agenda ready: \(body) (\(when))",
            body: lines.joined(separator: "\n"))
    }
}
