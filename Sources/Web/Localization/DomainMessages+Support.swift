/// The support part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let support: [String: (ja: String, en: String)] = [
        // Tickets.
        "ticket not found": ("このチケットは見つかりませんでした。", "This ticket could not be found."),
        "CSAT is a whole number from 1 to 5": ("CSAT は 1〜5 の整数で入力してください。", "Give CSAT as a whole number from 1 to 5."),
        "a product name is at most 100 characters": ("製品名は 100 文字以内で入力してください。", "A product name is at most 100 characters."),
        "a ticket title has 1 to 500 characters": ("チケットの件名は 1〜500 文字で入力してください。", "A ticket title has 1 to 500 characters."),
        "a ticket cannot open in the future": ("未来の日時を受付日時にすることはできません。", "A ticket cannot open in the future."),
        "a ticket cannot be resolved before it opened": (
            "解決日時は受付日時より後にしてください。", "A ticket cannot be resolved before it opened."
        ),
        "the first response cannot come before the ticket opened": (
            "初回応答日時は受付日時より後にしてください。", "The first response cannot come before the ticket opened."
        ),
        "only a resolved or closed ticket has a resolved time": (
            "解決日時を入れられるのは、解決済みまたはクローズのチケットだけです。",
            "Only a resolved or closed ticket has a resolved time."
        ),
        "a resolved or closed ticket keeps its resolved time; reopen it instead": (
            "解決済みのチケットの解決日時は消せません。再オープンしてください。",
            "A resolved or closed ticket keeps its resolved time. Reopen it instead."
        ),
        "an external id has 1 to 200 characters": ("外部 ID は 1〜200 文字で入力してください。", "An external ID has 1 to 200 characters."),
        "a source is a lower-case name of up to 40 letters, digits and underscores, such as zendesk": (
            "連携元は zendesk のように、英小文字・数字・アンダースコアの 40 文字以内で入力してください。",
            "Give the source as a lower-case name of up to 40 letters, digits and underscores, such as zendesk."
        ),
        "a ticket with this source and external id already exists": (
            "同じ連携元と外部 ID のチケットがすでにあります。", "A ticket with this source and external ID already exists."
        ),
        // Expansion signals.
        "describe the expansion signal in 1 to 2000 characters": (
            "拡張シグナルの内容を 1〜2000 文字で入力してください。", "Describe the expansion signal in 1 to 2000 characters."
        ),
        "the ticket's expansion signal is already handed off and still open": (
            "このチケットの拡張シグナルはすでに引き継がれ、対応中です。",
            "This ticket's expansion signal has already been handed off and is still open."
        ),
        "the customer has no owning CSM to hand the signal to": (
            "この顧客には担当 CSM がいないため、引き継げません。", "This customer has no owning CSM to hand the signal to."
        ),
        "the customer has no sales owner to hand the signal to": (
            "この顧客には営業担当がいないため、引き継げません。", "This customer has no sales owner to hand the signal to."
        ),
        // Ticket metrics.
        "from must not be after to": ("開始日は終了日以前の日付にしてください。", "The start date must not be after the end date."),
        "a report spans at most three years": ("集計期間は 3 年以内にしてください。", "A report spans at most three years."),
        // Problem records.
        "problem not found": ("この問題管理票は見つかりませんでした。", "This problem record could not be found."),
        "a problem title has 1 to 200 characters": ("問題の件名は 1〜200 文字で入力してください。", "A problem title has 1 to 200 characters."),
        "a problem's text fields are at most 10000 characters each": (
            "問題の各記入欄は 10000 文字以内で入力してください。", "Each text of a problem record is at most 10000 characters."
        ),
        "describe the containment before marking the problem contained": (
            "「暫定対策済み」にする前に、暫定対策を記入してください。", "Describe the containment before marking the problem contained."
        ),
        "a corrected or closed problem needs its root cause": (
            "「恒久対策済み」または「完了」にするには、根本原因を記入してください。", "A corrected or closed problem needs its root cause."
        ),
        "describe the corrective action before marking the problem corrected": (
            "「恒久対策済み」にする前に、是正処置を記入してください。", "Describe the corrective action before marking the problem corrected."
        ),
        "closing a problem needs its preventive action": (
            "完了にするには、再発防止策を記入してください。", "Closing a problem needs its preventive action."
        ),
        "no such ticket in this organisation": ("このチケットは見つかりませんでした。", "This ticket could not be found."),
        "the ticket's customer belongs to another company than the problem": (
            "このチケットの顧客は、問題管理票とは別の会社に属しています。",
            "The ticket's customer belongs to another company than the problem."
        ),
        "the customer belongs to another company than the problem": (
            "この顧客は、問題管理票とは別の会社に属しています。", "The customer belongs to another company than the problem."
        ),
        "the problem has tickets or customers of another company": (
            "この問題管理票には別の会社のチケットまたは顧客が紐づいています。",
            "The problem has tickets or customers of another company."
        ),
        "the ticket is linked to another problem; unlink it there first": (
            "このチケットは別の問題管理票に紐づいています。先にそちらから外してください。",
            "The ticket is linked to another problem. Unlink it there first."
        ),
        "the problem is closed; reopen it before linking tickets": (
            "この問題管理票は完了しています。チケットを紐づける前に再開してください。",
            "The problem is closed. Reopen it before linking tickets."
        ),
        "the ticket is not linked to this problem": (
            "このチケットはこの問題管理票に紐づいていません。", "The ticket is not linked to this problem."
        ),
        "the customer was not added to this problem": (
            "この顧客はこの問題管理票に追加されていません。", "The customer was not added to this problem."
        ),
        // Timeline.
        "timeline entry not found": ("このタイムラインの記録は見つかりませんでした。", "This timeline entry could not be found."),
        "kind is one of meeting, call, email, note, pair_support, presentation; the system writes the others": (
            "種類は打ち合わせ・電話・メール・メモ・伴走支援・成果発表から選んでください。それ以外はシステムが記録します。",
            "Choose a meeting, call, email, note, pair support or presentation. The system writes the other kinds."
        ),
        "a timeline title has 1 to 500 characters": ("件名は 1〜500 文字で入力してください。", "A title has 1 to 500 characters."),
        "a timeline body is at most 20000 characters": ("本文は 20000 文字以内で入力してください。", "The text is at most 20000 characters."),
        "entries the system writes cannot be edited or deleted": (
            "システムが記録した項目は編集・削除できません。", "Entries the system writes cannot be edited or deleted."
        ),
        "give the words to search for": ("検索する言葉を入力してください。", "Enter the words to search for."),
        "a search is at most 200 characters": ("検索語は 200 文字以内で入力してください。", "A search is at most 200 characters."),
    ]

    static let supportPatterns: [(regex: String, ja: String, en: String)] = []
}
