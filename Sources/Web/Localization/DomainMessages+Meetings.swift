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
        "a decision is 1 to 2000 characters": ("決定内容は1〜2000文字で入力してください。", "A decision is 1 to 2,000 characters."),
        "a meeting is moved to a time within the coming two years": ("変更後の日時は今後2年以内にしてください。", "A meeting can be moved to a time within the coming two years."),
        "a note is at most 50,000 characters": ("メモは50,000文字以内にしてください。", "A note is at most 50,000 characters."),
        "action item not found": ("アクションアイテムが見つかりませんでした。", "This action item could not be found."),
        "agenda item not found": ("議題が見つかりませんでした。", "This agenda item could not be found."),
        "an action item is 1 to 300 characters on one line": ("アクションアイテムは改行なしの1〜300文字で入力してください。", "An action item is 1 to 300 characters on one line."),
        "an agenda item is 1 to 300 characters on one line": ("議題は改行なしの1〜300文字で入力してください。", "An agenda item is 1 to 300 characters on one line."),
        "calendar feed not found": ("カレンダーの購読が見つかりませんでした。", "This calendar subscription could not be found."),
        "decision not found": ("決定事項が見つかりませんでした。", "This decision could not be found."),
        "link a goal or a customer": ("関連付けられるのは目標か顧客です。", "Link a goal or a customer."),
        "meeting not found": ("会議が見つかりませんでした。", "This meeting could not be found."),
        "minutes are at most 100,000 characters": ("議事録は100,000文字以内にしてください。", "Minutes are at most 100,000 characters."),
        "no such section in this meeting's agenda": ("この会議の議題にそのセクションはありません。", "This meeting's agenda has no such section."),
        "only a planned meeting can be moved": ("日時を変更できるのは予定中の会議だけです。", "Only a planned meeting can be moved."),
        "only the action's owner, the facilitator and meeting managers may close it": ("アクションアイテムを完了にできるのは、担当者・ファシリテーター・会議の管理者だけです。", "Only the action's owner, the facilitator and meeting managers may close it."),
        "only the item's author, the facilitator and meeting managers may change it": ("この議題を変更できるのは、追加した人・ファシリテーター・会議の管理者だけです。", "Only the item's author, the facilitator and meeting managers may change it."),
        "only the meeting's facilitator and meeting managers may do this": ("この操作ができるのは、ファシリテーターと会議の管理者だけです。", "Only the meeting's facilitator and meeting managers may do this."),
        "only the meeting's participants, its facilitator and meeting managers may do this": ("この操作ができるのは、会議の参加者・ファシリテーター・会議の管理者だけです。", "Only the meeting's participants, its facilitator and meeting managers may do this."),
        "only whoever recorded a decision, the facilitator and meeting managers may remove it": ("決定事項を削除できるのは、記録した人・ファシリテーター・会議の管理者だけです。", "Only whoever recorded a decision, the facilitator and meeting managers may remove it."),
        "the due day is today or later, within about two years": ("期日は今日以降、2年以内の日付にしてください。", "The due day is today or later, within about two years."),
        "the meeting body is archived": ("この会議体はアーカイブされています。", "This meeting body is archived."),
        "the meeting was cancelled": ("この会議は中止されています。", "This meeting was cancelled."),
        "the owner of an action item takes part in the meeting": ("アクションアイテムの担当者は会議の参加者から選んでください。", "The owner of an action item must take part in the meeting."),
        "the series has no next meeting to carry the item to": ("持ち越し先となる次回の会議がありません。", "The series has no next meeting to carry the item to."),
        "the text contains a NUL character": ("テキストに使用できない文字（NUL）が含まれています。", "The text contains a NUL character."),
        "the minutes were changed by someone else; reload them": ("議事録が他の人によって更新されました。再読み込みしてください。", "The minutes were changed by someone else; please reload them."),
        "the meeting was changed by someone else; reload it": ("会議が他の人によって変更されました。再読み込みしてください。", "The meeting was changed by someone else; please reload it."),
        "your note was changed in another window; reload it": ("メモが別のウィンドウで更新されました。再読み込みしてください。", "Your note was changed in another window; please reload it."),
        "this calendar feed was issued by another request at the same moment; try again": ("同時に別の操作でこのカレンダーの購読URLが発行されました。もう一度お試しください。", "This calendar feed was issued by another request at the same moment; please try again."),
        "the window is at most 400 days and ends after it starts": ("期間は400日以内で、終了は開始より後にしてください。", "The window is at most 400 days and ends after it starts."),
        "only meeting managers may edit a meeting body": ("会議体を編集できるのは会議の管理者だけです。", "Only meeting managers may edit a meeting body."),
        "only meeting managers may create a meeting body": ("会議体を作成できるのは会議の管理者だけです。", "Only meeting managers may create a meeting body."),
        "only meeting managers may archive a meeting body": ("会議体をアーカイブできるのは会議の管理者だけです。", "Only meeting managers may archive a meeting body."),
    ]
}
