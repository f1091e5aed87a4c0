/// The success program's nudges to its CSM (``ProgramReminders``): each goes once, keyed per program.
extension NotificationMessage {
    public static func programReminder(
        _ reminder: ProgramReminders.Reminder, customer: String, sessionKind: ProgramSessionKind?, locale: Organization.Locale
    ) -> NotificationMessage {
        let ja = locale == .ja
        switch reminder {
        case .sessionSoon(_, let on):
            let kind = AgendaWording.sessionKind(sessionKind?.rawValue ?? "", locale)
            return NotificationMessage(
                kind: .programReminder,
                title: ja ? "3 日後に\(kind)セッション: \(customer)（\(on)）" : "\(customer): \(kind) session in 3 days (\(on))",
                body: ja ? "\(customer) のサクセスプログラムで、\(on) に\(kind)セッションが予定されています。準備と参加者への連絡を確認してください。"
                    : "The success program for \(customer) has a \(kind) session on \(on). Check the preparation and that the participants know.")
        case .presentationNotScheduled:
            return NotificationMessage(
                kind: .programReminder,
                title: ja ? "成功発表会の日程が未定: \(customer)" : "\(customer): the success presentation is not scheduled",
                body: ja ? "\(customer) のサクセスプログラムは 2 か月目に入りましたが、成功発表会の日程がまだ決まっていません。決裁者の予定を押さえましょう。"
                    : "The success program for \(customer) is in month 2 and its success presentation has no date yet. Book the decision maker's time.")
        case .goalSheetNotAgreed:
            return NotificationMessage(
                kind: .programReminder,
                title: ja ? "ゴールシートが未合意: \(customer)" : "\(customer): the goal sheet is not agreed",
                body: ja ? "\(customer) のサクセスプログラム開始から 2 週間が経ちましたが、ゴールシートの 3 者合意がまだです。"
                    : "Two weeks into the success program for \(customer), its goal sheet still lacks an agreement of the three parties.")
        }
    }
}
