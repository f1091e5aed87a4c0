/// The success program's word to a manager: a program month went past its hour budget. Sent once per program
/// month — the hours stay recorded, since they were worked; the manager decides what to do about it.
extension NotificationMessage {
    public static func programOverBudget(
        customer: String, csm: String, month: Int, use: BudgetUse, locale: Organization.Locale
    ) -> NotificationMessage {
        let used = Self.hours(use.usedMinutes), limit = Self.hours(use.limitMinutes), over = Self.hours(use.overMinutes)
        switch locale {
        case .ja:
            return NotificationMessage(
                kind: .programOverBudget, title: "サクセスプログラムの時間超過: \(customer)（\(month)か月目）",
                body: "\(csm) さんが担当する \(customer) のサクセスプログラムで、\(month)か月目の作業時間が \(used) 時間となり、"
                    + "予算 \(limit) 時間を \(over) 時間超えました。")
        case .en:
            return NotificationMessage(
                kind: .programOverBudget, title: "Success program over budget: \(customer) (month \(month))",
                body: "\(csm)'s success program for \(customer) has logged \(used) h in program month \(month), "
                    + "\(over) h past its budget of \(limit) h.")
        }
    }

    /// Hours with at most two decimals, without a trailing ".0" (5, 5.25).
    static func hours(_ minutes: Int) -> String {
        let value = (Double(minutes) / 60 * 100).rounded() / 100
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}
