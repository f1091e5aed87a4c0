public import Foundation

/// An agenda in words, in the reader's language: section headings, why each item is there, and the purposes. The
/// page, the Markdown document and the notification all word an agenda through this, so they say the same thing.
public enum AgendaWording {
    public typealias Locale = Organization.Locale

    public static func heading(_ generator: AgendaGenerator, _ locale: Locale) -> String {
        switch (generator, locale) {
        case (.goalsOffTrack, .ja): "未達リスクの目標"
        case (.goalsOffTrack, .en): "Goals off track or at risk"
        case (.checkInsMissing, .ja): "未提出・遅延のチェックイン"
        case (.checkInsMissing, .en): "Check-ins missing or late"
        case (.reviewsPending, .ja): "レビュー待ち"
        case (.reviewsPending, .en): "Reviews pending"
        case (.healthDropped, .ja): "ヘルスが下がった顧客"
        case (.healthDropped, .en): "Customers whose health fell"
        case (.renewalsDue(let days), .ja): "解約予告期限が \(days) 日以内の更新"
        case (.renewalsDue(let days), .en): "Renewals with a notice deadline within \(days) days"
        case (.accountabilitiesOpen, .ja): "未承諾・期限切れの担当"
        case (.accountabilitiesOpen, .en): "Accountabilities unacknowledged or overdue"
        case (.expansionSignals, .ja): "アップセルの兆し"
        case (.expansionSignals, .en): "Expansion signals"
        case (.previousActions, .ja): "前回からのアクション"
        case (.previousActions, .en): "Open action items"
        case (.extension(let name), _): extensionHeading(name, locale)
        }
    }

    /// The headings of the sections other parts plug in; an extension nobody words reads as its name.
    static func extensionHeading(_ name: String, _ locale: Locale) -> String {
        switch (name, locale) {
        case (SuccessAgenda.programSessions, .ja): "サクセスプログラムのセッション"
        case (SuccessAgenda.programSessions, .en): "Success program sessions"
        case (SuccessAgenda.successPresentations, .ja): "成功発表会"
        case (SuccessAgenda.successPresentations, .en): "Success presentations"
        default: name.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A section's heading: the template's own title, else its generator's, else (a fixed section) a plain word.
    public static func heading(title: String?, generator: AgendaGenerator?, key: String, _ locale: Locale) -> String {
        if let title { return title }
        if let generator { return heading(generator, locale) }
        switch key {
        case "topic": return locale == .ja ? "議題" : "Topics"
        case "wins": return locale == .ja ? "成果の共有" : "Wins"
        default: return locale == .ja ? "その他" : "Other"
        }
    }

    public static func purpose(_ purpose: MeetingPurpose, _ locale: Locale) -> String {
        switch (purpose, locale) {
        case (.decide, .ja): "意思決定"
        case (.decide, .en): "Decide"
        case (.share, .ja): "情報共有"
        case (.share, .en): "Share"
        case (.ideate, .ja): "アイデア出し"
        case (.ideate, .en): "Ideate"
        case (.discuss, .ja): "議論"
        case (.discuss, .en): "Discuss"
        case (.motivate, .ja): "士気向上"
        case (.motivate, .en): "Motivate"
        }
    }

    /// Why the item is on the agenda, in one sentence (`nil` for items that need no reason: a person's own, a fixed
    /// item).
    public static func reason(_ reason: AgendaReason?, _ locale: Locale) -> String? {
        guard let reason else { return nil }
        let v = reason.values
        func value(_ key: String) -> String { v[key] ?? "" }
        let ja = locale == .ja
        switch reason.code {
        case "goal_off_track":
            return ja ? "\(value("owner"))さんの \(value("period")) のチェックインが「未達見込み」" : "\(value("owner"))'s \(value("period")) check-in says off track"
        case "goal_at_risk":
            return ja ? "\(value("owner"))さんの \(value("period")) のチェックインが「リスクあり」" : "\(value("owner"))'s \(value("period")) check-in says at risk"
        case "check_in_late":
            return ja ? "\(value("owner"))さんの \(value("period")) のチェックインが期限 \(value("due")) から \(value("days_late")) 日遅れ"
                : "\(value("owner"))'s \(value("period")) check-in is \(value("days_late")) days past its due day \(value("due"))"
        case "check_in_draft":
            return ja ? "\(value("owner"))さんの \(value("period")) のチェックインが下書きのまま（期限 \(value("due"))）"
                : "\(value("owner"))'s \(value("period")) check-in is still a draft (due \(value("due")))"
        case "check_in_missing":
            return ja ? "\(value("owner"))さんの \(value("period")) のチェックインが未着手（期限 \(value("due"))）"
                : "\(value("owner"))'s \(value("period")) check-in is not started (due \(value("due")))"
        case "review_pending":
            let who = v["reviewer"].map { ja ? "\($0)さんの" : "\($0)'s " } ?? ""
            return ja ? "\(value("submitted")) に提出され、\(who)レビュー待ち \(value("days")) 日"
                : "Submitted \(value("submitted")), waiting \(value("days")) days for \(who.isEmpty ? "a " : who)review"
        case "health_dropped":
            let causes = value("causes").split(separator: "\n").joined(separator: ja ? "、" : ", ")
            let because = causes.isEmpty ? "" : (ja ? "（主な要因: \(causes)）" : " (mainly \(causes))")
            return ja ? "ヘルスが \(value("from")) から \(value("to")) に低下\(because)" : "Health fell from \(value("from")) to \(value("to"))\(because)"
        case "renewal_due":
            let grade = v["grade"].map { ja ? "、ヘルス \($0)" : ", health \($0)" } ?? ""
            let tickets = Int(value("ticket_count")) ?? 0
            let open = tickets == 0 ? "" : (ja ? "、緊急・高優先度の未解決チケット \(tickets) 件" : ", \(tickets) open urgent/high tickets")
            return ja ? "解約予告期限 \(value("deadline"))（あと \(value("days_left")) 日、契約終了 \(value("end"))）\(grade)\(open)"
                : "Notice deadline \(value("deadline")) (\(value("days_left")) days left; contract ends \(value("end")))\(grade)\(open)"
        case "accountability_overdue":
            return ja ? "\(value("assignee"))さんの担当が期限 \(value("due")) から \(value("days_late")) 日超過"
                : "\(value("assignee"))'s accountability is \(value("days_late")) days past its due day \(value("due"))"
        case "accountability_unacknowledged":
            return ja ? "\(value("assignee"))さんが \(value("days")) 日間未承諾（\(value("assigned")) に割り当て）"
                : "\(value("assignee")) has not acknowledged it for \(value("days")) days (assigned \(value("assigned")))"
        case "expansion_signal":
            return ja ? "サポートでアップセルの兆し: \(value("note"))" : "Expansion signal from support: \(value("note"))"
        case "action_open":
            let due = v["due"].map { ja ? "（期限 \($0)）" : " (due \($0))" } ?? ""
            return ja ? "\(value("owner"))さんのアクションが未完了\(due)" : "\(value("owner"))'s action is still open\(due)"
        case "action_overdue":
            return ja ? "\(value("owner"))さんのアクションが期限 \(value("due")) から \(value("days_late")) 日超過"
                : "\(value("owner"))'s action is \(value("days_late")) days past its due day \(value("due"))"
        case "program_session_planned":
            let kind = sessionKind(value("kind"), locale)
            return ja ? "\(value("csm"))さんの\(kind)セッションが \(value("date"))（あと \(value("days_left")) 日）"
                : "\(value("csm"))'s \(kind) session on \(value("date")) (\(value("days_left")) days away)"
        case "goal_sheet_unagreed":
            let parties = value("pending").split(separator: ",").map { party(String($0), locale) }.joined(separator: ja ? "・" : ", ")
            return ja ? "開始から \(value("days")) 日経ってもゴールシートが未合意（未合意: \(parties)）"
                : "The goal sheet is not agreed \(value("days")) days after the start (waiting for \(parties))"
        case "presentation_planned":
            let audience = v["audience"].map { ja ? "、参加予定 \($0) 名" : ", \($0) expected" } ?? ""
            return ja ? "成功発表会が \(value("date"))（あと \(value("days_left")) 日\(audience)）"
                : "Success presentation on \(value("date")) (\(value("days_left")) days away\(audience))"
        case "presentation_unscheduled":
            return ja ? "プログラム \(value("month"))/\(value("months")) か月目に入っても成功発表会の日程が未定（担当 \(value("csm"))さん）"
                : "Month \(value("month")) of \(value("months")) and the success presentation is not scheduled (\(value("csm")))"
        case "carried_over":
            return ja ? "\(value("from")) の会議から持ち越し" : "Carried over from the meeting of \(value("from"))"
        case "fixed", "added":
            return nil
        default:
            return v["text"]
        }
    }

    static func sessionKind(_ raw: String, _ locale: Locale) -> String {
        switch (ProgramSessionKind(rawValue: raw), locale) {
        case (.goalSetting, .ja): "目標設定"
        case (.goalSetting, .en): "goal-setting"
        case (.pairSupport, .ja): "ペアサポート"
        case (.pairSupport, .en): "pair-support"
        case (.presentation, .ja): "成功発表"
        case (.presentation, .en): "presentation"
        case (.other, .ja), (nil, .ja): "プログラム"
        case (.other, .en), (nil, .en): "program"
        }
    }

    static func party(_ raw: String, _ locale: Locale) -> String {
        switch (GoalSheetParty(rawValue: raw), locale) {
        case (.csm, .ja): "CSM"
        case (.csm, .en): "the CSM"
        case (.clientOwner, .ja): "お客様の推進担当者"
        case (.clientOwner, .en): "the client owner"
        case (.decisionMaker, .ja): "決裁者"
        case (.decisionMaker, .en): "the decision maker"
        case (nil, _): raw
        }
    }

    /// The page an item's subject lives on (a path on the server), if it has one.
    public static func path(_ subject: AgendaSubject?) -> String? {
        guard let subject else { return nil }
        let id = subject.id.uuidString.lowercased()
        switch subject.kind {
        case .goal: return "/goals/\(id)"
        case .customer: return "/customers/\(id)"
        case .ticket: return "/tickets/\(id)"
        case .accountability: return "/accountabilities/\(id)"
        case .member: return "/members/\(id)"
        case .checkIn, .contract, .actionItem, .external: return nil
        }
    }
}

extension AgendaWording {
    /// An occurrence's local day and time as people write it: `2026-12-08（火）10:00` / `Tue 2026-12-08 10:00`.
    public static func when(_ instant: Date, zone: TimeZone, _ locale: Locale) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        let weekday = (c.weekday ?? 1) - 1
        switch locale {
        case .ja: return "\(day)（\(["日", "月", "火", "水", "木", "金", "土"][weekday])）\(time)"
        case .en: return "\(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday]) \(day) \(time)"
        }
    }
}
