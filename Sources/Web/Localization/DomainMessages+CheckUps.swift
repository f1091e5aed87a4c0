/// This part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let checkUpMessages: [String: (ja: String, en: String)] = [
        "NPS campaign not found": ("NPS アンケートが見つかりません。", "The NPS campaign was not found."),
        "only those who manage success may write a questionnaire": (
            "定期検診の質問票を編集できるのは、サクセスを管理する権限のある人だけです。", "Only those who manage success may write a questionnaire."),
        "only those who manage success may create an NPS campaign": (
            "NPS アンケートを作成できるのは、サクセスを管理する権限のある人だけです。", "Only those who manage success may create an NPS campaign."),
        "a bounce reason is at most 500 characters": ("不達の理由は 500 文字以内で入力してください。", "A bounce reason is at most 500 characters."),
        "a campaign's name is 1 to 120 characters": ("アンケート名は 1〜120 文字で入力してください。", "A campaign's name is 1 to 120 characters."),
        "a segment is at most 100 characters": ("セグメントは 100 文字以内で入力してください。", "A segment is at most 100 characters."),
        "an e-mail address is 3 to 320 characters with an @": (
            "メールアドレスは @ を含む 3〜320 文字で入力してください。", "An e-mail address is 3 to 320 characters with an @."),
        "check-up not found": ("定期検診が見つかりません。", "The check-up was not found."),
        "check-up template not found": ("定期検診のテンプレートが見つかりません。", "The check-up template was not found."),
        "choose the questionnaire before turning the check-up on": (
            "定期検診を有効にする前に、使用するアンケートを選択してください。", "Choose the questionnaire before turning the check-up on."),
        "no such check-up template": ("指定された定期検診のテンプレートは存在しません。", "There is no such check-up template."),
        "no such company": ("指定されたカンパニーは存在しません。", "There is no such company."),
        "no such team": ("指定されたチームは存在しません。", "There is no such team."),
        "please choose a score from 0 to 10": ("0〜10 の中からお選びください。", "Please choose a score from 0 to 10."),
        "reading check-ups needs customers.read": (
            "定期検診を閲覧するには顧客の閲覧権限（customers.read）が必要です。", "Reading check-ups needs the customers.read permission."),
        "the campaign was already sent": ("このアンケートは送信済みです。", "The campaign was already sent."),
        "the check-up template is archived": ("この定期検診のテンプレートはアーカイブ済みです。", "The check-up template is archived."),
        "the check-up was sent by another request at the same moment": (
            "同時に別の操作で定期検診が送信されました。", "The check-up was sent by another request at the same moment."),
        "the day of the month is 1 to 28": ("送信日は 1〜28 日の範囲で指定してください。", "The day of the month is 1 to 28."),
        "the organisation has no check-up template yet": (
            "定期検診のテンプレートがまだありません。先にテンプレートを作成してください。", "The organisation has no check-up template yet."),
        "this contact has an unanswered check-up whose link is still open": (
            "この連絡先には回答期限内の未回答の定期検診があります。", "This contact has an unanswered check-up whose link is still open."),
        "no contact of this customer can be mailed": (
            "この顧客にはメールを送信できる連絡先がありません。", "No contact of this customer can be mailed."),
        "this contact cannot be mailed (opted out, bounced, erased or no address)": (
            "この連絡先にはメールを送信できません（配信停止、不達、削除済み、またはアドレス未登録）。",
            "This contact cannot be mailed (opted out, bounced, erased or no address)."),
    ]
    static let checkUpPatterns: [(regex: String, ja: String, en: String)] = []
}
