/// The customers part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let customers: [String: (ja: String, en: String)] = [
        // Customers
        "customer not found": ("この顧客は見つかりませんでした。", "This customer could not be found."),
        "only a manager names a customer's sales owner": (
            "顧客の営業担当を設定できるのはマネージャーだけです。", "Only a manager can name a customer's sales owner."),
        "no such customer in this organisation": ("この組織にその顧客はありません。", "There is no such customer in this organisation."),
        "a customer's name has 1 to 200 characters": ("顧客名は 1〜200 文字で入力してください。", "A customer's name has 1 to 200 characters."),
        "a reading is at most 200 characters": ("フリガナは 200 文字以内で入力してください。", "A reading is at most 200 characters."),
        "the text is too long": ("入力が長すぎます。", "The text is too long."),
        "another customer has this external id": ("この外部 ID はほかの顧客で使われています。", "Another customer has this external ID."),
        "the team belongs to another company": ("そのチームは別の会社に属しています。", "The team belongs to another company."),
        "the phase cannot start in the future": ("フェーズの開始日に未来の日付は指定できません。", "A phase cannot start in the future."),
        "a risk reason must belong to the customer's phase": (
            "リスク要因は顧客の現在のフェーズに対応するものを選んでください。", "A risk reason must belong to the customer's phase."
        ),
        "only a churned customer has a churn reason": ("解約理由は解約した顧客にのみ入力できます。", "Only a churned customer has a churn reason."),
        "say why the customer churned": ("解約理由を入力してください。", "Say why the customer churned."),
        "a churn reason is at most 2000 characters": ("解約理由は 2000 文字以内で入力してください。", "A churn reason is at most 2000 characters."),
        "only a manager creates a customer for someone else": (
            "ほかのメンバーが担当する顧客を登録できるのはマネージャーのみです。", "Only a manager creates a customer for someone else."
        ),
        "you may not edit this customer": ("この顧客を編集する権限がありません。", "You may not edit this customer."),
        "the customer is archived; restore it first": (
            "この顧客はアーカイブされています。先に復元してください。", "The customer is archived; restore it first."
        ),
        "the customer is archived": ("この顧客はアーカイブされています。", "The customer is archived."),
        "the customer is already archived": ("この顧客はすでにアーカイブされています。", "The customer is already archived."),
        "the customer is not archived": ("この顧客はアーカイブされていません。", "The customer is not archived."),
        "a merged customer cannot be restored; its records live on the customer it was merged into": (
            "統合済みの顧客は復元できません。記録は統合先の顧客に引き継がれています。",
            "A merged customer cannot be restored; its records live on the customer it was merged into."
        ),
        "the customer is already in this phase; edit its risk reasons instead": (
            "この顧客はすでにこのフェーズです。リスク要因を変更する場合は顧客情報を編集してください。",
            "The customer is already in this phase; edit its risk reasons instead."
        ),
        "the new phase cannot start before the current one began": (
            "新しいフェーズの開始日は、現在のフェーズの開始日より前にできません。",
            "The new phase cannot start before the current one began."
        ),
        "a customer cannot be merged into itself": ("同じ顧客同士は統合できません。", "A customer cannot be merged into itself."),
        "the duplicate was already merged into another customer": (
            "重複している顧客は、すでに別の顧客に統合されています。", "The duplicate was already merged into another customer."
        ),
        "a tag is at most 50 characters": ("タグは 50 文字以内で入力してください。", "A tag is at most 50 characters."),
        "a customer has at most 20 tags": ("タグは 1 顧客につき 20 個までです。", "A customer has at most 20 tags."),
        // The list's filters
        "the parameter is not a valid id": ("ID の形式が正しくありません。", "The parameter is not a valid ID."),
        "phase is one of onboarding, outcome, embedded, renewal, churned": (
            "フェーズは onboarding、outcome、embedded、renewal、churned のいずれかを指定してください。",
            "Phase is one of onboarding, outcome, embedded, renewal, churned."
        ),
        "grade is one of A, B, C, D or none": ("グレードは A、B、C、D、none のいずれかを指定してください。", "Grade is one of A, B, C, D or none."),
        "a search is at most 200 characters": ("検索語は 200 文字以内で入力してください。", "A search is at most 200 characters."),
        "renewal_within_days is a number of days from 0 to 3650": (
            "更新までの日数は 0〜3650 の整数で指定してください。", "The renewal window is a number of days from 0 to 3650."
        ),
        "archived is true or false": ("archived には true か false を指定してください。", "Archived is true or false."),
        "sort is one of kana, name, grade, health, updated": (
            "並び順は kana、name、grade、health、updated のいずれかを指定してください。",
            "Sort is one of kana, name, grade, health, updated."
        ),
        // Contacts
        "contact not found": ("連絡先が見つかりません。", "Contact not found."),
        "a contact's name has 1 to 200 characters": ("連絡先の氏名は 1〜200 文字で入力してください。", "A contact's name has 1 to 200 characters."),
        "the email address is not valid": ("メールアドレスの形式が正しくありません。", "The email address is not valid."),
        "a phone number has at most 50 digits, spaces and + - ( )": (
            "電話番号は数字・空白・+ - ( ) で 50 文字以内で入力してください。", "A phone number has at most 50 digits, spaces and + - ( )."
        ),
        "a role is at most 200 characters": ("役職は 200 文字以内で入力してください。", "A role is at most 200 characters."),
        "another contact has this external id": ("この外部 ID はほかの連絡先で使われています。", "Another contact has this external ID."),
        "the contact was erased": ("この連絡先の個人情報は削除済みです。", "The contact was erased."),
        // Custom fields
        "custom field not found": ("カスタム項目が見つかりません。", "Custom field not found."),
        "no such custom field": ("そのカスタム項目はありません。", "There is no such custom field."),
        "a key is a lower-case letter followed by up to 39 letters, digits or underscores": (
            "キーは英小文字で始め、続けて英小文字・数字・アンダースコアを 39 文字以内で入力してください。",
            "A key is a lower-case letter followed by up to 39 letters, digits or underscores."
        ),
        "a field with this key exists": ("このキーの項目はすでにあります。", "A field with this key exists."),
        "an organisation has at most 100 custom fields": ("カスタム項目は 1 組織につき 100 個までです。", "An organisation has at most 100 custom fields."),
        "a label has 1 to 100 characters": ("表示名は 1〜100 文字で入力してください。", "A label has 1 to 100 characters."),
        "only a choice field has choices": ("選択肢を設定できるのは選択式の項目のみです。", "Only a choice field has choices."),
        "a choice has 1 to 100 characters": ("選択肢は 1〜100 文字で入力してください。", "A choice has 1 to 100 characters."),
        "a choice field has 1 to 100 choices": ("選択式の項目には選択肢を 1〜100 個設定してください。", "A choice field has 1 to 100 choices."),
        "position is from 0 to 10000": ("表示順は 0〜10000 の整数で指定してください。", "Position is from 0 to 10000."),
        "the type cannot change once customers hold values for the field": (
            "値が入力済みの項目は、種類を変更できません。", "The type cannot change once customers hold values for the field."
        ),
        "a choice customers hold cannot be removed": ("顧客に設定されている選択肢は削除できません。", "A choice customers hold cannot be removed."),
        "a text value is at most 2000 characters": ("テキストは 2000 文字以内で入力してください。", "A text value is at most 2000 characters."),
        "the value must be a number": ("数値を入力してください。", "The value must be a number."),
        "the value must be a date (YYYY-MM-DD)": ("日付を YYYY-MM-DD の形式で入力してください。", "The value must be a date (YYYY-MM-DD)."),
        "the value must be true or false": ("はい・いいえのどちらかを指定してください。", "The value must be true or false."),
        "the value must be text": ("テキストを入力してください。", "The value must be text."),
        "the value is not one of the field's choices": ("項目の選択肢から選んでください。", "Choose one of the field's choices."),
        "reading customers is not granted": ("顧客を閲覧する権限がありません。", "Reading customers is not granted."),
        // Saved views
        "saved view not found": ("保存したビューが見つかりません。", "Saved view not found."),
        "page is customers": ("ページには customers を指定してください。", "The page is customers."),
        "a view's name has 1 to 100 characters": ("ビュー名は 1〜100 文字で入力してください。", "A view's name has 1 to 100 characters."),
        "a view's query is at most 2000 characters": ("ビューの条件は 2000 文字以内にしてください。", "A view's query is at most 2000 characters."),
        "the query names a parameter the customer list does not read": (
            "顧客一覧で使えない条件が含まれています。", "The query names a parameter the customer list does not read."
        ),
        "you already have a view of this name": ("同じ名前のビューがすでにあります。", "You already have a view of this name."),
        "you keep at most 50 views of a page": ("ビューは 1 ページにつき 50 個まで保存できます。", "You keep at most 50 views of a page."),
    ]

    static let customerPatterns: [(regex: String, ja: String, en: String)] = []
}
