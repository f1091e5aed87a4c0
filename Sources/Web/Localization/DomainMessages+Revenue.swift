/// The revenue part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let revenue: [String: (ja: String, en: String)] = [
        // Contracts
        "contract not found": ("契約が見つかりません。", "Contract not found."),
        "a contract name is at most 200 characters": ("契約名は 200 文字以内で入力してください。", "A contract name is at most 200 characters."),
        "an ARR cannot be negative": ("ARR にマイナスの金額は指定できません。", "An ARR cannot be negative."),
        "a contract ends on or after the day it starts": ("契約終了日は開始日以降の日付を指定してください。", "A contract ends on or after the day it starts."),
        "give the notice period in days or in months, not both": (
            "解約予告期間は日数か月数のどちらか一方で指定してください。", "Give the notice period in days or in months, not both."
        ),
        "a notice period in days is 0 to 730": ("解約予告期間（日数）は 0〜730 日で指定してください。", "A notice period in days is 0 to 730."),
        "a notice period in months is 0 to 24": ("解約予告期間（月数）は 0〜24 か月で指定してください。", "A notice period in months is 0 to 24."),
        "another contract has this external id": ("この外部 ID はほかの契約で使われています。", "Another contract has this external ID."),
        "the renewal of this contract is already recorded": ("この契約の更新結果はすでに記録されています。", "The renewal of this contract is already recorded."),
        "a churned customer has no renewed contract": ("解約した顧客には更新後の契約を登録できません。", "A churned customer has no renewed contract."),
        "the renewed contract starts after the one it renews": (
            "更新後の契約は、元の契約より後に開始する日付を指定してください。", "The renewed contract starts after the one it renews."
        ),
        // Revenue
        "revenue cannot be negative": ("売上にマイナスの金額は指定できません。", "Revenue cannot be negative."),
        "no revenue snapshot for this month": ("この月の売上スナップショットはありません。", "There is no revenue snapshot for this month."),
        "the series ends before it starts": ("期間の終了月は開始月以降を指定してください。", "The series ends before it starts."),
        "a series covers at most 120 months": ("期間は最大 120 か月までです。", "A series covers at most 120 months."),
        "months is 1 to 36": ("months は 1〜36 で指定してください。", "Months is 1 to 36."),
        "window is 1 to 36 months": ("window は 1〜36 か月で指定してください。", "The window is 1 to 36 months."),
        // NPS
        "NPS response not found": ("NPS 回答が見つかりません。", "NPS response not found."),
        "another NPS response has this external id": ("この外部 ID はほかの NPS 回答で使われています。", "Another NPS response has this external ID."),
        "a comment is at most 5000 characters": ("コメントは 5000 文字以内で入力してください。", "A comment is at most 5000 characters."),
        "a respondent is at most 200 characters": ("回答者は 200 文字以内で入力してください。", "A respondent is at most 200 characters."),
        "a response cannot be dated in the future": ("回答日に未来の日付は指定できません。", "A response cannot be dated in the future."),
        "the contact is not one of this customer's": ("その連絡先はこの顧客のものではありません。", "The contact is not one of this customer's."),
        "only the owning CSM, managers and CS operations record NPS responses": (
            "NPS 回答を登録できるのは担当 CSM、マネージャー、CS オペレーションのみです。",
            "Only the owning CSM, managers and CS operations record NPS responses."
        ),
        "the report ends before it starts": ("集計期間の終了日は開始日以降を指定してください。", "The report ends before it starts."),
        "a report covers at most ten years": ("集計期間は最大 10 年までです。", "A report covers at most ten years."),
        // Renewals and bound KPIs
        "within_days is 1 to 730": ("within_days は 1〜730 日で指定してください。", "The renewal window (within_days) is 1 to 730 days."),
        "only a KPI can be bound to a computed metric": ("算出指標に連動できるのは KPI のみです。", "Only a KPI can be bound to a computed metric."),
        "the goal is not bound to a computed metric": ("この目標は算出指標に連動していません。", "The goal is not bound to a computed metric."),
    ]

    static let revenuePatterns: [(regex: String, ja: String, en: String)] = []
}
