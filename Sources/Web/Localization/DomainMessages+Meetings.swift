/// The meetings part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let meetings: [String: (ja: String, en: String)] = [
        "an agenda has 1 to 20 sections": ("議題のセクションは1〜20個にしてください。", "An agenda has 1 to 20 sections."),
        "section keys are unique within a template": ("セクションのキーはテンプレート内で重複できません。", "Section keys must be unique within a template."),
        "renewals are looked for 1 to 365 days ahead": ("更新の対象期間は1〜365日先で指定してください。", "Renewals are looked for 1 to 365 days ahead."),
        "an accountability counts as unacknowledged after 0 to 60 days": (
            "未確認とみなすまでの日数は0〜60日で指定してください。", "An accountability counts as unacknowledged after 0 to 60 days."),
        "an extension is named with 1 to 60 letters, digits or underscores": (
            "拡張の名前は1〜60文字の英数字またはアンダースコアにしてください。", "An extension is named with 1 to 60 letters, digits or underscores."),
        "a section key is 1 to 40 letters, digits or underscores": (
            "セクションのキーは1〜40文字の英数字またはアンダースコアにしてください。", "A section key is 1 to 40 letters, digits or underscores."),
        "a section title is 1 to 100 characters": ("セクション名は1〜100文字で入力してください。", "A section title is 1 to 100 characters."),
        "a time box is 0 to 240 minutes": ("タイムボックスは0〜240分で指定してください。", "A time box is 0 to 240 minutes."),
        "a fixed section holds up to 20 items of 1 to 300 characters": (
            "固定の議題は1〜300文字で20件までにしてください。", "A fixed section holds up to 20 items of 1 to 300 characters."),
        "a meeting body's name is 1 to 120 characters": ("会議体の名前は1〜120文字で入力してください。", "A meeting body's name is 1 to 120 characters."),
        "say what the meeting is for in 1 to 1000 characters": (
            "会議の目的を1〜1000文字で書いてください。", "Say what the meeting is for in 1 to 1000 characters."),
        "a meeting lasts 5 to 480 minutes": ("会議の長さは5〜480分で指定してください。", "A meeting lasts 5 to 480 minutes."),
        "the agenda is written 0 to 10 business days ahead": (
            "議題を作成するのは0〜10営業日前で指定してください。", "The agenda is written 0 to 10 business days ahead."),
        "a meeting body has at most 200 participant entries": (
            "参加者の指定は200件までです。", "A meeting body has at most 200 participant entries."),
        "meeting body not found": ("会議体が見つかりませんでした。", "This meeting body could not be found."),
        "the meeting body was changed by someone else; reload it": (
            "会議体が他の人によって変更されました。再読み込みしてください。", "The meeting body was changed by someone else; please reload it."),
        "a participant is listed once": ("同じ参加者を重複して指定することはできません。", "A participant is listed once."),
        "a meeting's cadence is a day rule, not every few minutes": (
            "会議の開催周期は日単位のルールで指定してください（数分ごとは指定できません）。", "A meeting's cadence is a day rule, not every few minutes."),
    ]
}
