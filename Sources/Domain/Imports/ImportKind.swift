/// What an uploaded CSV file holds (issue 13): each kind has its own columns and is upserted by its own key.
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    case customers, contacts, contracts, revenue, usage, nps, tickets

    /// The kinds `GET /v1/exports/{kind}.csv` writes.
    public static let exportable: [ImportKind] = [.customers, .contacts, .contracts, .revenue, .nps, .tickets]

    /// Contract values and revenue: what `support` never sees (nor imports).
    public var carriesValues: Bool { self == .contracts || self == .revenue }

    /// The columns a file of this kind may have, in export order (custom fields of customers come after them).
    public var columns: [ImportColumn] {
        let customer = [
            ImportColumn("customer_external_id", "顧客外部ID"),
            ImportColumn("customer_id", "顧客ID"),
        ]
        switch self {
        case .customers:
            return [
                ImportColumn("external_id", "外部ID", required: true), ImportColumn("name", "顧客名"),
                ImportColumn("name_en", "英語名"), ImportColumn("name_kana", "フリガナ"), ImportColumn("company", "会社"),
                ImportColumn("team", "チーム"), ImportColumn("owner_email", "担当CSM"),
                ImportColumn("sales_owner_email", "営業担当"), ImportColumn("segment", "セグメント"),
                ImportColumn("phase", "フェーズ"), ImportColumn("churn_reason", "解約理由"), ImportColumn("tags", "タグ"),
            ]
        case .contacts:
            return [ImportColumn("external_id", "外部ID", required: true)] + customer + [
                ImportColumn("name", "氏名", required: true), ImportColumn("email", "メールアドレス"),
                ImportColumn("phone", "電話番号"), ImportColumn("role", "役職"), ImportColumn("decision_maker", "決裁者"),
            ]
        case .contracts:
            return [ImportColumn("external_id", "外部ID", required: true)] + customer + [
                ImportColumn("name", "契約名"), ImportColumn("arr", "年額", required: true),
                ImportColumn("currency", "通貨", required: true), ImportColumn("start_date", "開始日", required: true),
                ImportColumn("end_date", "終了日", required: true), ImportColumn("auto_renews", "自動更新"),
                ImportColumn("notice_days", "解約予告日数"), ImportColumn("notice_months", "解約予告月数"),
                ImportColumn("status", "状態"),
            ]
        case .revenue:
            return customer + [
                ImportColumn("month", "月", required: true), ImportColumn("amount", "金額", required: true),
                ImportColumn("currency", "通貨", required: true),
            ]
        case .usage:
            return customer + [
                ImportColumn("metric", "指標", required: true), ImportColumn("day", "日付", required: true),
                ImportColumn("value", "値", required: true),
            ]
        case .nps:
            return [ImportColumn("external_id", "外部ID")] + customer + [
                ImportColumn("score", "スコア", required: true), ImportColumn("date", "回答日", required: true),
                ImportColumn("comment", "コメント"), ImportColumn("respondent", "回答者"), ImportColumn("channel", "チャネル"),
            ]
        case .tickets:
            return customer + [
                ImportColumn("source", "ソース"), ImportColumn("external_id", "外部ID", required: true),
                ImportColumn("title", "件名", required: true), ImportColumn("priority", "優先度"),
                ImportColumn("product", "製品"), ImportColumn("status", "状態"),
                ImportColumn("opened_at", "起票日時", required: true), ImportColumn("first_response_at", "初回応答日時"),
                ImportColumn("resolved_at", "解決日時"), ImportColumn("reopen_count", "再オープン回数"),
                ImportColumn("csat", "CSAT"),
            ]
        }
    }

    /// Whether rows name a customer (by `customer_external_id` or `customer_id`).
    public var namesCustomer: Bool { self != .customers }
}

/// One column of an import file: its English header (the key) and its Japanese one; either is accepted.
public struct ImportColumn: Sendable, Equatable {
    public var key: String
    public var ja: String
    /// Every row must fill it (for customers, `name` is required of new customers only).
    public var required: Bool

    public init(_ key: String, _ ja: String, required: Bool = false) {
        self.key = key
        self.ja = ja
        self.required = required
    }

    /// The header in the reader's language.
    public func header(japanese: Bool) -> String { japanese ? ja : key }
}

/// A bad row (or header) of an import: the spreadsheet line (the header is line 1), the column and why.
public struct ImportProblem: Error, Sendable, Equatable, Codable {
    public var line: Int
    public var column: String?
    public var reason: String

    public init(line: Int, column: String?, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }
}
