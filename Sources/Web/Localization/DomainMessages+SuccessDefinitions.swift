/// This part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let successDefinitionMessages: [String: (ja: String, en: String)] = [
        "success definition not found": ("成功定義が見つかりませんでした。", "This success definition could not be found."),
        "measure not found": ("測定項目が見つかりませんでした。", "This measure could not be found."),
        "the success definition is archived": ("この成功定義はアーカイブ済みです。", "This success definition is archived."),
        "a live definition of this tier already exists for this scope; edit or archive it first": (
            "この範囲には同じ段階の成功定義がすでにあります。既存の定義を編集するか、アーカイブしてから作成してください。",
            "A definition of this tier already exists for this scope. Edit it, or archive it first."),
        "the responsible team belongs to another company": (
            "担当チームは別のカンパニーに所属しています。この定義のカンパニーのチームを選んでください。",
            "The responsible team belongs to another company. Choose a team of this definition's company."),
        "no such measure in this definition; leave out the id for a new one": (
            "この成功定義にその測定項目はありません。新しい測定項目を追加する場合は ID を指定しないでください。",
            "This definition has no such measure. Leave out the id to add a new one."),
        "name 1 to 50 measures the program's goal stood for": (
            "プログラムの目標に対応する測定項目を 1〜50 個指定してください。",
            "Name 1 to 50 measures the program's goal stood for."),
        "each measure is a manual measure of a definition that applies to the customer": (
            "測定項目には、この顧客に適用される成功定義の手動評価の項目を指定してください。",
            "Each measure must be a manually judged measure of a definition that applies to this customer."),
        "this success definition does not apply to the customer": (
            "この成功定義はこの顧客には適用されていません。",
            "This success definition does not apply to this customer."),
        "a judgement cannot be dated in the future": ("評価日に未来の日付は指定できません。", "A judgement cannot be dated in the future."),
        "a judgement is dated in 2000 or later": ("評価日は 2000 年以降の日付で指定してください。", "Date the judgement in 2000 or later."),
    ]
    static let successDefinitionPatterns: [(regex: String, ja: String, en: String)] = [
        (#"^this measure is judged from the customer's (\S+) figures, not by hand$"#,
         "この測定項目は顧客の $1 の数値から自動で判定されるため、手動では評価できません。",
         "This measure is judged from the customer's $1 figures, not by hand."),
    ]
}
