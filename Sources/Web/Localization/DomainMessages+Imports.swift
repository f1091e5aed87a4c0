/// The imports part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let imports: [String: (ja: String, en: String)] = [
        "importing needs the customers.import permission": (
            "インポートには顧客インポートの権限が必要です。", "Importing needs the customer import permission."),
        "importing contracts or revenue needs the customers.manage permission": (
            "契約や売上のインポートには顧客管理の権限が必要です。", "Importing contracts or revenue needs the customer management permission."),
        "the file name is 1 to 300 characters": ("ファイル名は1〜300文字で指定してください。", "The file name must be 1 to 300 characters."),
        "the file name cannot contain control characters": (
            "ファイル名に制御文字は使えません。", "The file name cannot contain control characters."),
        "no such import": ("インポートが見つかりません。", "No such import."),
        "customers were changed while the file was imported; import it again": (
            "インポート中に顧客が変更されました。もう一度インポートしてください。",
            "Customers were changed while the file was imported; please import it again."),
        "the member who uploaded the file is no longer active": (
            "ファイルをアップロードしたメンバーは現在無効になっています。", "The member who uploaded the file is no longer active."),
        "the file is not valid CSV": ("CSVファイルとして読み取れません。", "The file is not valid CSV."),
        "no such export": ("エクスポートが見つかりません。", "No such export."),
        "exporting needs the customers.read permission": (
            "エクスポートには顧客の閲覧権限が必要です。", "Exporting needs the permission to read customers."),
        "contract values and revenue are not visible to you": (
            "契約金額と売上を閲覧する権限がありません。", "You do not have access to contract values and revenue."),
    ]

    static let importPatterns: [(regex: String, ja: String, en: String)] = []
}
