/// A standard process's word to the people its RACI names (seed 000: responsibilities follow positions, so whoever
/// holds the position hears of it): a step is done. Its informed positions are told; the next step's responsible
/// positions are told it is theirs now, with what ends it and how long it should take.
extension NotificationMessage {
    /// To the next step's responsible holders.
    public static func processStepTurn(
        customer: String, process: String, done: String, next: ProcessStep, locale: Organization.Locale
    ) -> NotificationMessage {
        switch locale {
        case .ja:
            return NotificationMessage(
                kind: .processStep, title: "\(customer): 次のステップ「\(next.name)」はあなたの担当です",
                body: "\(customer) が標準プロセス「\(process)」のステップ「\(done)」を完了し、「\(next.name)」に進みました。"
                    + "目安は \(next.expectedDays) 日、完了条件は「\(next.exitCriterion)」です。")
        case .en:
            return NotificationMessage(
                kind: .processStep, title: "\(customer): the next step, “\(next.name)”, is yours",
                body: "\(customer) completed “\(done)” of the standard process “\(process)” and moved on to “\(next.name)”. "
                    + "It should take about \(next.expectedDays) days; it ends when: \(next.exitCriterion)")
        }
    }

    /// To the completed step's informed holders.
    public static func processStepDone(
        customer: String, process: String, done: String, next: String?, locale: Organization.Locale
    ) -> NotificationMessage {
        switch locale {
        case .ja:
            return NotificationMessage(
                kind: .processStep, title: "\(customer) がステップ「\(done)」を完了しました",
                body: "標準プロセス「\(process)」で、\(customer) がステップ「\(done)」を完了しました。"
                    + (next.map { "次は「\($0)」です。" } ?? "これでプロセスの全ステップが完了しました。"))
        case .en:
            return NotificationMessage(
                kind: .processStep, title: "\(customer) completed the step “\(done)”",
                body: "\(customer) completed “\(done)” of the standard process “\(process)”. "
                    + (next.map { "Next: “\($0)”." } ?? "Every step of the process is now done."))
        }
    }
}
