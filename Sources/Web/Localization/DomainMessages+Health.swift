/// The health part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let health: [String: (ja: String, en: String)] = [
        "a signal kind is nps, open_high_priority_tickets, days_since_last_touch, check_up_answers, check_ups_unanswered, goal_sheet_progress or usage:<metric>": (
            "シグナルの種類は nps、open_high_priority_tickets、days_since_last_touch、check_up_answers、check_ups_unanswered、goal_sheet_progress、usage:<指標名> のいずれかで指定してください。",
            "A signal kind is nps, open_high_priority_tickets, days_since_last_touch, check_up_answers, check_ups_unanswered, goal_sheet_progress or usage:<metric>."
        ),
        "a normalisation is either linear or steps": (
            "正規化は linear（直線）か steps（段階）のどちらか一方で指定してください。",
            "A normalisation is either linear or steps."
        ),
        "reading the health model needs the right to read customers": (
            "ヘルスモデルを見るには顧客の閲覧権限が必要です。",
            "Reading the health model needs the right to read customers."
        ),
        "health model version not found": (
            "指定されたバージョンのヘルスモデルが見つかりません。",
            "That version of the health model was not found."
        ),
        "scoring a customer needs the right to edit it": (
            "ヘルススコアを算出するには、この顧客の編集権限が必要です。",
            "Scoring a customer needs the right to edit it."
        ),
        "an archived or merged customer is not scored": (
            "アーカイブ済みまたは統合済みの顧客はスコアを算出できません。",
            "An archived or merged customer is not scored."
        ),
        "months is a number from 1 to 120": (
            "月数は 1〜120 の数値で指定してください。",
            "Give the number of months as 1 to 120."
        ),
        "the back-test needs the right to see contract values": (
            "バックテストを見るには契約金額の閲覧権限が必要です。",
            "The back-test needs the right to see contract values."
        ),
        "horizons are 1 to 12 numbers of months from 1 to 36": (
            "期間（horizons）は 1〜36 か月の数値を 1〜12 個、カンマ区切りで指定してください。",
            "Give the horizons as 1 to 12 numbers of months from 1 to 36."
        ),
        "no such health model version": (
            "そのバージョンのヘルスモデルはありません。",
            "There is no such health model version."
        ),
        "the health report needs the right to read customers": (
            "ヘルスレポートを見るには顧客の閲覧権限が必要です。",
            "The health report needs the right to read customers."
        ),
        "from is after to": (
            "開始月（from）が終了月（to）より後になっています。",
            "The first month (from) is after the last (to)."
        ),
        "a health report spans at most 60 months": (
            "ヘルスレポートの期間は最大 60 か月です。",
            "A health report spans at most 60 months."
        ),
    ]

    static let healthPatterns: [(regex: String, ja: String, en: String)] = []
}
