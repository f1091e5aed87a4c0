/// What the use cases' refusals say, in the reader's language. The Domain, the use cases and the Store throw one
/// English message per refusal (`DomainError`): it is the JSON API's contract, read by programs and the developers
/// who write them, and those modules know nothing of languages. A page is read by a person in Japanese or English,
/// so the Web translates at its edge, keyed by the very message thrown: the message is the key, nothing else has to
/// change when a rule is added. `WebDomainMessagesTests` scans the sources for every `DomainError` message, so one
/// without an entry here fails the tests rather than reaching a Japanese page in API English.
///
/// Messages the pages build themselves from catalogue keys (`form_number`, `org_error_date` …) are translated by
/// ``Catalogue`` and have no entry here.
enum DomainMessages {
    /// The English message as thrown → how a page says it in Japanese / English.
    static let exact: [String: (ja: String, en: String)] = [
        core, customers, revenue, support, health, imports, meetings, success, successDefinitionMessages, programMessages,
        checkUpMessages, processMessages,
    ].reduce(
        into: [:]
    ) { all, part in all.merge(part) { first, _ in first } }

    /// The patterns of every part (``patterns``).
    static let patterns: [(regex: String, ja: String, en: String)] =
        corePatterns + customerPatterns + revenuePatterns + supportPatterns + healthPatterns + importPatterns
        + successPatterns + successDefinitionPatterns + programPatterns + checkUpPatterns + processPatterns

    /// The messages of the goals, tenancy and operations code, and of the customer domain's value types; each part of
    /// the customer use cases keeps its own in `DomainMessages+Part.swift`.
    static let core: [String: (ja: String, en: String)] = [
        // Customers: money, retention, NPS, health models, renewals.
        "a currency is a three-letter ISO 4217 code such as JPY or USD": (
            "通貨は JPY や USD のような ISO 4217 の 3 文字のコードで指定してください。",
            "Give the currency as a three-letter ISO 4217 code such as JPY or USD."
        ),
        "a health model needs at least one signal": (
            "ヘルスモデルにはシグナルが 1 つ以上必要です。",
            "A health model needs at least one signal."
        ),
        "a linear normalisation needs two different, finite bounds": (
            "線形の換算には、異なる 2 つの有限の境界値が必要です。",
            "A linear scale needs two different, finite bounds."
        ),
        "a model version starts at 1": (
            "モデルのバージョンは 1 から始まります。",
            "A model version starts at 1."
        ),
        "a notice period cannot be negative": (
            "解約予告期間にマイナスは指定できません。",
            "A notice period cannot be negative."
        ),
        "a step normalisation needs at least one step": (
            "段階の換算には段階が 1 つ以上必要です。",
            "A stepped scale needs at least one step."
        ),
        "a weight is a finite number ≥ 0": (
            "重みは 0 以上の数値で入力してください。",
            "A weight is a number of 0 or more."
        ),
        "at least one signal needs a weight above 0": (
            "少なくとも 1 つのシグナルに 0 より大きい重みを設定してください。",
            "At least one signal needs a weight above 0."
        ),
        "every step scores within 0–100": (
            "各段階の点数は 0〜100 の範囲で指定してください。",
            "Every step scores within 0–100."
        ),
        "steps must start at strictly ascending, finite values": (
            "段階の開始値は、小さい順に重複なく並べてください。",
            "Steps must start at strictly ascending values."
        ),
        "the A threshold must be above the B threshold": (
            "A の基準値は B の基準値より大きくしてください。",
            "The A threshold must be above the B threshold."
        ),
        "the B threshold must be above the C threshold": (
            "B の基準値は C の基準値より大きくしてください。",
            "The B threshold must be above the C threshold."
        ),
        "the no-data score is within 0–100": (
            "データがない場合の点数は 0〜100 の範囲で指定してください。",
            "The score for no data is within 0–100."
        ),
        // Any write based on a version someone else moved on (`DomainError.stale`).
        "the resource changed since you read it (If-Match did not match); read it again and retry": (
            "ほかの人が先に変更しました。ページを開き直してから、もう一度お試しください。",
            "Someone else changed this first. Reload the page and try again."
        ),

        // Things that are not there (404), or no longer are.
        "accountability not found": (
            "この責任・依頼は見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This accountability could not be found. It may have been deleted, or you may not have access to it."
        ),
        "check-in not found": (
            "このチェックインは見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This check-in could not be found. It may have been deleted, or you may not have access to it."
        ),
        "closure not found": (
            "この休業日は見つかりません。すでに削除された可能性があります。",
            "This closure day could not be found. It may have been removed already."
        ),
        "company not found": (
            "このカンパニーは見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This company could not be found. It may have been deleted, or you may not have access to it."
        ),
        "goal not found": (
            "この目標は見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This goal could not be found. It may have been deleted, or you may not have access to it."
        ),
        "grant not found": (
            "このロールは見つかりません。すでに外された可能性があります。",
            "This role could not be found. It may have been removed already."
        ),
        "holding not found": (
            "この任期は見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This appointment could not be found. It may have been deleted, or you may not have access to it."
        ),
        "invitation not found": (
            "この招待は見つかりません。取り消されたか、表示する権限がない可能性があります。",
            "This invitation could not be found. It may have been revoked, or you may not have access to it."
        ),
        "job not found": (
            "このジョブは見つかりません。",
            "This job could not be found."
        ),
        "mail relay not found": (
            "メール中継サーバーは設定されていません。",
            "No mail relay of your own is set."
        ),
        "member not found": (
            "このメンバーは見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This member could not be found. It may have been deleted, or you may not have access to it."
        ),
        "no such member": (
            "このメンバーは見つかりません。",
            "This member could not be found."
        ),
        "notification not found": (
            "この通知は見つかりません。",
            "This notification could not be found."
        ),
        "organisation not found": (
            "組織が見つかりません。",
            "The organisation could not be found."
        ),
        "position not found": (
            "このポジションは見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This position could not be found. It may have been deleted, or you may not have access to it."
        ),
        "schedule not found": (
            "このスケジュールは見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This schedule could not be found. It may have been deleted, or you may not have access to it."
        ),
        "team not found": (
            "このチームは見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This team could not be found. It may have been deleted, or you may not have access to it."
        ),
        "token not found": (
            "この API トークンは見つかりません。すでに無効にされた可能性があります。",
            "This API token could not be found. It may have been revoked already."
        ),
        "transfer not found": (
            "この引き継ぎは見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This transfer could not be found. It may have been deleted, or you may not have access to it."
        ),
        "webhook not found": (
            "この Webhook は見つかりません。削除されたか、表示する権限がない可能性があります。",
            "This webhook could not be found. It may have been deleted, or you may not have access to it."
        ),
        "a referenced resource does not exist": (
            "指定した項目が見つかりません。削除された可能性があります。ページを開き直してからもう一度お試しください。",
            "Something this refers to no longer exists. Reload the page and try again."
        ),

        // Choices that name something outside the organisation (or out of the reader's sight).
        "no such company in this organisation": (
            "カンパニーが見つかりません。一覧から選んでください。",
            "No such company in this organisation. Choose one from the list."
        ),
        "no such team in this organisation": (
            "チームが見つかりません。一覧から選んでください。",
            "No such team in this organisation. Choose one from the list."
        ),
        "no such member in this organisation": (
            "メンバーが見つかりません。一覧から選んでください。",
            "No such member in this organisation. Choose one from the list."
        ),
        "no such goal in this organisation": (
            "目標が見つかりません。一覧から選んでください。",
            "No such goal in this organisation. Choose one from the list."
        ),
        "no such goal": (
            "目標が見つかりません。一覧から選んでください。",
            "That goal could not be found. Choose one from the list."
        ),
        "no such position in this organisation": (
            "ポジションが見つかりません。一覧から選んでください。",
            "No such position in this organisation. Choose one from the list."
        ),
        "the team belongs to another company": (
            "このチームは別のカンパニーに属しています。同じカンパニーのチームを選んでください。",
            "The team belongs to another company. Choose a team of the same company."
        ),
        "the member is deactivated": (
            "このメンバーは無効になっています。有効なメンバーを選んでください。",
            "This member is deactivated. Choose an active member."
        ),

        // Duplicates (constraint violations the Store words, see DomainError+Constraint.swift).
        "it already exists": (
            "同じものがすでに登録されています。",
            "This already exists."
        ),
        "the slug is taken": (
            "この組織 ID はすでに使われています。別の ID にしてください。",
            "This organisation ID is taken. Choose another."
        ),
        "a company with this name exists": (
            "この名前のカンパニーはすでにあります。別の名前にしてください。",
            "A company with this name exists. Choose another name."
        ),
        "a team with this name exists in the company": (
            "このカンパニーには同じ名前のチームがすでにあります。別の名前にしてください。",
            "The company already has a team with this name. Choose another name."
        ),
        "a member with this e-mail exists in the organisation": (
            "このメールアドレスのメンバーはすでに組織にいます。",
            "A member with this e-mail address is already in the organisation."
        ),
        "the member already holds this role here": (
            "このメンバーはこの範囲ですでにこのロールを持っています。",
            "The member already holds this role here."
        ),
        "the org already has a schedule with this name": (
            "この名前のスケジュールはすでにあります。別の名前にしてください。",
            "The organisation already has a schedule with this name. Choose another name."
        ),

        // The organisation, its people and their roles.
        "a slug is 3–63 lowercase letters, digits and dashes, not starting or ending with a dash": (
            "組織 ID は英小文字・数字・ハイフンを使って 3〜63 文字で入力してください（先頭と末尾にハイフンは使えません）。",
            "Use 3 to 63 lowercase letters, digits and dashes for the organisation ID, not starting or ending with a dash."
        ),
        "not an e-mail address": (
            "メールアドレスの形式で入力してください（例: name@example.com）。",
            "Enter an e-mail address, such as name@example.com."
        ),
        "not an IANA time zone such as Asia/Tokyo": (
            "タイムゾーンは Asia/Tokyo のような IANA の名前で指定してください。",
            "Choose a time zone by its IANA name, such as Asia/Tokyo."
        ),
        "locale is ja or en": (
            "表示言語は日本語（ja）か英語（en）から選んでください。",
            "Choose Japanese (ja) or English (en)."
        ),
        "choose ja or en": (
            "表示言語は日本語か英語から選んでください。",
            "Choose Japanese or English."
        ),
        "the fiscal year starts in a month 1–12": (
            "年度の開始月は 1〜12 の月で指定してください。",
            "Choose the month the fiscal year starts in, from 1 to 12."
        ),
        "The fiscal-year start month must be 1–12.": (
            "年度の開始月は 1〜12 の月で指定してください。",
            "Choose the month the fiscal year starts in, from 1 to 12."
        ),
        "the organisation has goals set in its current fiscal calendar; the fiscal year's start cannot move under them": (
            "現在の年度の区切りで設定された目標があるため、年度の開始月は変更できません。",
            "The organisation has goals set in its current fiscal calendar, so the month the fiscal year starts in cannot change."
        ),
        "a password has at least 10 characters": (
            "パスワードは 10 文字以上にしてください。",
            "Use a password of at least 10 characters."
        ),
        "a password has at most 72 bytes": (
            "パスワードが長すぎます。72 バイト以内（半角英数字なら 72 文字まで）にしてください。",
            "The password is too long. Keep it to 72 bytes (72 plain letters and digits)."
        ),
        "too many wrong passwords; try again later": (
            "パスワードの誤りが続いたため、一時的に制限しています。しばらくしてからもう一度お試しください。",
            "Too many wrong passwords. Wait a while and try again."
        ),
        "the current password is wrong": (
            "現在のパスワードが正しくありません。",
            "The current password is wrong."
        ),
        "you cannot deactivate yourself": (
            "ご自身を無効にすることはできません。",
            "You cannot deactivate yourself."
        ),
        "the organisation's last active owner cannot be deactivated": (
            "組織で最後の有効なオーナーのため、無効にできません。先に別のオーナーを追加してください。",
            "This is the organisation's last active owner, who cannot be deactivated. Add another owner first."
        ),
        "the organisation's last active owner cannot be removed": (
            "組織で最後の有効なオーナーのため、このロールは外せません。先に別のオーナーを追加してください。",
            "This is the organisation's last active owner, whose role cannot be removed. Add another owner first."
        ),
        "the member is deactivated; reactivate them before resetting their password": (
            "無効になっているメンバーです。再び有効にしてからパスワードをリセットしてください。",
            "This member is deactivated. Reactivate them before resetting their password."
        ),
        "the invitation was accepted; revoke the member's grant or deactivate them instead": (
            "この招待はすでに承諾されています。メンバーのロールを外すか、無効にしてください。",
            "This invitation has been accepted. Remove the member's role or deactivate them instead."
        ),
        "the member holds a higher role than yours": (
            "このメンバーはあなたより上位のロールを持っているため、この操作はできません。",
            "This member holds a higher role than yours, so you cannot do this."
        ),
        "nobody grants a role to themselves": (
            "ご自身にロールを付与することはできません。",
            "You cannot grant a role to yourself."
        ),
        "an org scope has no id": (
            "全社を範囲にする場合は、カンパニーやチームを指定しないでください。",
            "The whole organisation needs no company or team. Leave them empty."
        ),
        "scope must be org, company or team": (
            "範囲は「全社」「カンパニー」「チーム」から選んでください。",
            "Choose the whole organisation, a company or a team as the scope."
        ),
        "choose where the role applies": (
            "ロールを適用する範囲を選んでください。",
            "Choose where the role applies."
        ),
        "choose a role": (
            "ロールを選んでください。",
            "Choose a role."
        ),
        "choose a team": (
            "チームを選んでください。",
            "Choose a team."
        ),
        "choose a company": (
            "カンパニーを選んでください。",
            "Choose a company."
        ),
        "active is true or false": (
            "有効にするか無効にするかを選んでください。",
            "Choose whether the member is active."
        ),
        "administration pages need an administrative role": (
            "管理ページを開くには、管理者のロールが必要です。必要な場合は管理者にご相談ください。",
            "Administration pages need an administrative role. Ask an administrator if you need one."
        ),

        // API tokens.
        "scopes are read, write and admin": (
            "権限の範囲は「参照」「変更」「管理」から選んでください。",
            "Choose scopes from read, write and admin."
        ),
        "a token needs at least one scope": (
            "権限の範囲を 1 つ以上選んでください。",
            "Choose at least one scope."
        ),
        "a token cannot create a token with wider scopes than its own": (
            "API トークンから、それより広い権限範囲のトークンは発行できません。",
            "A token cannot create a token with wider scopes than its own."
        ),
        "expires_at must be in the future": (
            "有効期限には今より後の日付を指定してください。",
            "Choose an expiry date in the future."
        ),
        "expires_at is a date": (
            "有効期限は日付（YYYY-MM-DD）で入力してください。",
            "Enter the expiry as a date (YYYY-MM-DD)."
        ),
        "only those who manage all tokens see them": (
            "全員分の API トークンを見られるのは、トークンを管理する権限のある人だけです。",
            "Only those who manage all tokens can see them."
        ),

        // Goals.
        "a title is 1 to 200 characters": (
            "目標名は 1〜200 文字で入力してください。",
            "Enter a title of 1 to 200 characters."
        ),
        "a KSF is qualitative; measure it with KPIs under it": (
            "KSF は定性的な目標のため、起点や目標値は設定できません。配下に KPI を作って測ってください。",
            "A KSF is qualitative and has no baseline or target. Measure it with KPIs under it."
        ),
        "a target needs a unit (%, 円, 件, pt …)": (
            "目標値には単位（%、円、件、pt など）を入力してください。",
            "Give the target a unit, such as %, 円, 件 or pt."
        ),
        "a unit is at most 20 characters": (
            "単位は 20 文字以内で入力してください。",
            "Keep the unit to 20 characters or fewer."
        ),
        "a metric name is at most 100 characters": (
            "指標名は 100 文字以内で入力してください。",
            "Keep the metric name to 100 characters or fewer."
        ),
        "a weight is above 0 and at most 1000": (
            "重みは 0 より大きく 1000 以下の数で入力してください。",
            "Enter a weight above 0 and no more than 1000."
        ),
        "an org-wide goal names no company or team": (
            "全社の目標には、カンパニーやチームを指定しないでください。",
            "Leave the company and team empty for an organisation-wide goal."
        ),
        "a company goal names its company": (
            "カンパニーの目標には、カンパニーを指定してください。",
            "Choose the company this goal belongs to."
        ),
        "a company goal names no team": (
            "カンパニーの目標には、チームを指定しないでください。",
            "Leave the team empty for a company goal."
        ),
        "a team goal names its company": (
            "チームの目標には、カンパニーを指定してください。",
            "Choose the company of this team goal."
        ),
        "a team goal names its team": (
            "チームの目標には、チームを指定してください。",
            "Choose the team this goal belongs to."
        ),
        "a personal goal names its company": (
            "個人の目標には、カンパニーを指定してください。",
            "Choose the company of this personal goal."
        ),
        "a goal cannot be its own parent": (
            "目標を自分自身の親にすることはできません。別の親目標を選んでください。",
            "A goal cannot be its own parent. Choose another parent."
        ),
        "the parent goal is archived": (
            "親目標はアーカイブ済みです。アーカイブされていない目標を親に選んでください。",
            "The parent goal is archived. Choose a goal that is not archived as the parent."
        ),
        "the parent belongs to another company's tree": (
            "親目標は別のカンパニーの目標です。同じカンパニーの目標を親に選んでください。",
            "The parent belongs to another company's tree. Choose a parent of the same company."
        ),
        "the parent belongs to another team's tree": (
            "親目標は別のチームの目標です。同じチームの目標を親に選んでください。",
            "The parent belongs to another team's tree. Choose a parent of the same team."
        ),
        "a goal cannot move under its own subtree": (
            "目標を、その配下の目標の下に移すことはできません。別の親目標を選んでください。",
            "A goal cannot move under a goal beneath it. Choose another parent."
        ),
        "a goal cannot move under itself or its own subtree": (
            "目標を、自分自身やその配下の目標の下に移すことはできません。別の親目標を選んでください。",
            "A goal cannot move under itself or a goal beneath it. Choose another parent."
        ),
        "the goal is archived": (
            "この目標はアーカイブ済みのため、この操作はできません。",
            "This goal is archived, so this cannot be done."
        ),
        "the goal is archived; copy it into a new period instead": (
            "この目標はアーカイブ済みのため変更できません。新しい期間へコピーしてください。",
            "This goal is archived and cannot be changed. Copy it into a new period instead."
        ),
        "the goal is archived; it takes no check-ins": (
            "この目標はアーカイブ済みのため、チェックインできません。",
            "This goal is archived and takes no check-ins."
        ),
        "the goal is not active": (
            "この目標は有効ではありません。有効な目標を選んでください。",
            "This goal is not active. Choose an active goal."
        ),
        "archive with POST /v1/goals/{id}/archive, which takes the subtree along": (
            "アーカイブは下の「アーカイブ」から行ってください。配下の目標も一緒にアーカイブされます。",
            "Use Archive below: it takes the goals under this one along."
        ),
        "A period is written FY2026, FY2026-H1, FY2026-Q3 or 2026-11.": (
            "期間は FY2026、FY2026-H1、FY2026-Q3、2026-11 のいずれかの形で入力してください。",
            "Write the period as FY2026, FY2026-H1, FY2026-Q3 or 2026-11."
        ),
        "completion is counted per month, e.g. 2026-11": (
            "完了率は月ごとに集計します。月を 2026-11 の形で指定してください。",
            "Completion is counted per month. Choose a month such as 2026-11."
        ),

        // Check-ins and reviews.
        "actual must be a finite number": (
            "実績は数値で入力してください。",
            "Enter the actual value as a number."
        ),
        "a KPI's check-in reports the value reached": (
            "KPI のチェックインでは、実績値を入力してください。",
            "Enter the value reached: a KPI's check-in reports it."
        ),
        "say how confident you are: on_track, at_risk or off_track": (
            "見通しを「順調」「要注意」「遅れ」から選んでください。",
            "Choose how confident you are: on track, at risk or off track."
        ),
        "say what should change": (
            "修正してほしい点をコメントに書いてください。",
            "Say in the comment what should change."
        ),
        "nobody reviews their own check-in": (
            "ご自身のチェックインはレビューできません。",
            "You cannot review your own check-in."
        ),

        // Goal settings.
        "the achievable multiple must be above 1 and at most 100": (
            "達成可能性の倍率は 1 より大きく 100 以下の数で入力してください。",
            "Enter an achievable multiple above 1 and no more than 100."
        ),
        "the opening business day must be between 1 and 23": (
            "チェックインを開く営業日は 1〜23 の整数で入力してください。",
            "Enter an opening business day from 1 to 23."
        ),
        "the due business day must be on or after the opening day and at most 23": (
            "締切の営業日は、開く日以降で 23 以下の整数を入力してください。",
            "Enter a due business day on or after the opening day and no later than 23."
        ),
        "the review business day must be on or after the due day and at most 23": (
            "レビュー期限の営業日は、締切日以降で 23 以下の整数を入力してください。",
            "Enter a review business day on or after the due day and no later than 23."
        ),
        "must be between 1 and 10": (
            "1〜10 の整数を入力してください。",
            "Enter a whole number from 1 to 10."
        ),
        "must be on or after the due day and at most 15": (
            "締切以降で 15 以下の整数を入力してください。",
            "Enter a number on or after the due day and no more than 15."
        ),
        "a time of day is 00:00–23:59": (
            "時刻は 00:00〜23:59 の範囲で入力してください。",
            "Enter a time of day from 00:00 to 23:59."
        ),
        "open_time is HH:MM": (
            "時刻を HH:MM の形（例: 09:00）で入力してください。",
            "Enter the time as HH:MM, such as 09:00."
        ),
        "HH:MM": (
            "時刻を HH:MM の形（例: 09:00）で入力してください。",
            "Enter the time as HH:MM, such as 09:00."
        ),
        "warn or block": (
            "「警告のみ」か「保存しない」のどちらかを選んでください。",
            "Choose warn only or refuse."
        ),
        "a whole number": (
            "整数を入力してください。",
            "Enter a whole number."
        ),
        "a number": (
            "数値を入力してください。",
            "Enter a number."
        ),

        // Accountabilities.
        "only the assignee answers an accountability": (
            "責任・依頼に回答できるのは、依頼された本人だけです。",
            "Only the assignee can answer an accountability."
        ),
        "the member is already accountable": (
            "このメンバーはすでに担当しています。別のメンバーを選んでください。",
            "This member is already accountable. Choose someone else."
        ),
        "describe the duty in 1 to 500 characters": (
            "責任の内容を 1〜500 文字で入力してください。",
            "Describe the duty in 1 to 500 characters."
        ),
        "a note is at most 2000 characters": (
            "メモは 2000 文字以内で入力してください。",
            "Keep the note to 2,000 characters or fewer."
        ),
        "say why you decline": (
            "辞退する理由を入力してください。",
            "Give a reason for declining."
        ),
        "acknowledge, decline or complete": (
            "「引き受ける」「辞退する」「完了にする」のいずれかを選んでください。",
            "Choose acknowledge, decline or complete."
        ),

        // Positions and their charters.
        "at most 50 entries": (
            "項目は 50 個までにしてください。",
            "Keep it to 50 entries or fewer."
        ),
        "each entry is 1 to 500 characters": (
            "各項目は 1〜500 文字で入力してください。",
            "Write each entry in 1 to 500 characters."
        ),
        "the reporting line would loop back to this position": (
            "報告ラインが循環してしまうため、この報告先は選べません。",
            "That would make the reporting line loop back to this position. Choose another position to report to."
        ),
        "a holding cannot end before it starts": (
            "終了日は開始日以降の日付にしてください。",
            "Choose an end date on or after the start date."
        ),

        // Schedules.
        "a goal nudge names its goal": (
            "目標のリマインドには、対象の目標を指定してください。",
            "Choose the goal this reminder is for."
        ),
        "a day of the month is 1–31": (
            "日付は 1〜31 で指定してください。",
            "Choose a day of the month from 1 to 31."
        ),
        "n is 1–5, or -1 for the last": (
            "第何週かは 1〜5 で、最終週なら -1 で指定してください。",
            "Choose a week from 1 to 5, or -1 for the last one."
        ),
        "a weekday is 1 (Monday) to 7 (Sunday)": (
            "曜日は 1（月曜）〜7（日曜）で指定してください。",
            "Choose a weekday from 1 (Monday) to 7 (Sunday)."
        ),
        "n is 1–23, or -1 to -23 counting from the month's end": (
            "第何営業日かは 1〜23 で、月末から数える場合は -1〜-23 で指定してください。",
            "Choose a business day from 1 to 23, or -1 to -23 to count from the end of the month."
        ),
        "weekdays are 1 (Monday) to 7 (Sunday), at least one": (
            "曜日を 1 つ以上選んでください（1 が月曜、7 が日曜）。",
            "Choose at least one weekday, from 1 (Monday) to 7 (Sunday)."
        ),
        "every 1 minute to 1 week": (
            "間隔は 1 分から 1 週間までの範囲で指定してください。",
            "Choose an interval from 1 minute to 1 week."
        ),

        "a built-in schedule follows the goal settings": (
            "組み込みのスケジュールは目標の設定に従います。日程は目標の設定で変えてください。",
            "A built-in schedule follows the goal settings. Change its timing there instead."
        ),
        "weekly, monthly_day or nth_business_day": (
            "繰り返し方を「毎週」「毎月の日付」「第何営業日」から選んでください。",
            "Choose weekly, a day of the month or the nth business day."
        ),
        "a day": (
            "日を数字で入力してください。",
            "Enter the day as a number."
        ),

        // Operations: webhooks, closure days, the mail relay, background jobs.
        "a webhook URL is an http(s) URL": (
            "Webhook の URL は http:// または https:// で始まる URL を入力してください。",
            "Enter a webhook URL that starts with http:// or https://."
        ),
        "choose the events": (
            "通知するイベントを 1 つ以上選んでください。",
            "Choose at least one event."
        ),
        "a name is at most 200 characters": (
            "名前は 200 文字以内で入力してください。",
            "Keep the name to 200 characters or fewer."
        ),
        "at most 200 characters": (
            "200 文字以内で入力してください。",
            "Keep it to 200 characters or fewer."
        ),
        "a date": (
            "日付を YYYY-MM-DD の形で入力してください。",
            "Enter a date as YYYY-MM-DD."
        ),
        "a year from 1989 to 2098": (
            "年は 1989〜2098 の範囲で指定してください。",
            "Choose a year from 1989 to 2098."
        ),
        "host": (
            "ホスト名を入力してください。",
            "Enter a host name."
        ),
        "port": (
            "ポート番号を 1〜65535 の数字で入力してください。",
            "Enter a port number from 1 to 65535."
        ),
        "from": (
            "送信元として使えるメールアドレスを入力してください。",
            "Enter an e-mail address that can be used as the sender."
        ),
        "state is queued, running, failed or done": (
            "状態は「待機中」「実行中」「失敗」「完了」から選んでください。",
            "Choose a state: queued, running, failed or done."
        ),
        "a queue name is 1–64 of a-z, 0-9, _ . -": (
            "キュー名は英小文字・数字・「_」「.」「-」を使って 1〜64 文字で入力してください。",
            "Use 1 to 64 of a–z, 0–9, _ . and - for the queue name."
        ),
        "NUL": (
            "入力に使えない文字（NUL）が含まれています。取り除いてからもう一度お試しください。",
            "The form contains a character that cannot be used (NUL). Remove it and try again."
        ),
    ]

    /// Messages with a value inside (`'\(text)' is not a check-in period`): a regex over the English message, and the
    /// Japanese / English with `$1`… for the captured values. `%1`… is the captured value as a term in the reader's
    /// language instead (`team` → チーム, `submitted` → 提出済み; a captured message is itself localized), for the
    /// captures that are names from a closed list rather than what a person typed.
    static let corePatterns: [(regex: String, ja: String, en: String)] = [
        // Customers: money, retention, NPS, health models.
        (
            #"^amounts in (\S+) and (\S+) cannot be combined; Banso never converts currencies$"#,
            "$1 と $2 の金額は合算できません。Banso は通貨を換算しません。",
            "Amounts in $1 and $2 cannot be combined: Banso never converts currencies."
        ),
        (
            #"^an NPS answer is 0–10, not (.*)$"#,
            "NPS の回答は 0〜10 です($1 は範囲外です)。",
            "An NPS answer is 0–10, not $1."
        ),
        (
            #"^the grade (\S+) threshold must be within 0–100$"#,
            "グレード $1 の基準値は 0〜100 の範囲で指定してください。",
            "The grade $1 threshold must be within 0–100."
        ),
        (
            #"^the signal (.*) appears twice$"#,
            "シグナル「$1」が 2 回指定されています。",
            "The signal $1 appears twice."
        ),
        (
            #"^the value of (.*) is not a finite number$"#,
            "「$1」の値が数値ではありません。",
            "The value of $1 is not a number."
        ),
        (
            #"^the window ends \((.*)\) before it starts \((.*)\)$"#,
            "期間の終わり($1)が始まり($2)より前になっています。",
            "The window ends ($1) before it starts ($2)."
        ),
        // Check-in periods.
        (
            #"^'(.*)' is not a (\S+) check-in period \((.*)\)$"#,
            "「$1」は%2のチェックインの期間として読み取れません。$3 の形で入力してください。",
            "The period '$1' is not a %2 check-in period. Write it like $3."
        ),
        (
            #"^'(.*)' is not a check-in period$"#,
            "「$1」はこの目標のチェックインの期間ではありません。",
            "The period '$1' is not a check-in period of this goal."
        ),
        (
            #"^(\S+) is not a (\S+) check-in period of the goal's (\S+)$"#,
            "$1 は、この目標（期間 $3、頻度: %2）のチェックインの期間ではありません。",
            "The period $1 is not a %2 check-in period of the goal's $3."
        ),
        (
            #"^(\S+) has not started yet$"#,
            "期間 $1 はまだ始まっていません。始まってから入力してください。",
            "The period $1 has not started yet. Check in once it has."
        ),
        (
            #"^a fortnight starts on an even week; (\S+) is its second week \((\S+)\)$"#,
            "隔週の期間は偶数週から始まります。$1 は $2 の 2 週目なので、$2 を指定してください。",
            "A fortnight starts on an even week, and $1 is the second week of $2. Use $2 instead."
        ),
        (
            #"^the check-in is (\S+); only an open check-in can be edited$"#,
            "このチェックインは「%1」のため編集できません。編集できるのは提出前のチェックインだけです。",
            "This check-in is %1. Only a check-in not yet submitted can be edited."
        ),
        (
            #"^the check-in is (\S+); only a submitted check-in is reviewed$"#,
            "このチェックインは「%1」のためレビューできません。レビューできるのは提出済みのチェックインだけです。",
            "This check-in is %1. Only a submitted check-in can be reviewed."
        ),

        // Goals and their periods.
        (
            #"^'(.*)' is not a period of this organisation's fiscal calendar \((.+)\)$"#,
            "「$1」はこの組織の年度の期間として読み取れません。$2 のような形で入力してください。",
            "The period '$1' is not in this organisation's fiscal calendar. Write it like $2."
        ),
        (
            #"^'(.*)' is not a period of this organisation's fiscal calendar$"#,
            "「$1」はこの組織の年度の期間として読み取れません。FY2026、FY2026-H1、FY2026-Q3、2026-11 のような形で入力してください。",
            "The period '$1' is not in this organisation's fiscal calendar. Write it like FY2026, FY2026-H1, FY2026-Q3 or 2026-11."
        ),
        (
            #"^stored period '(.*)' does not parse$"#,
            "保存されている期間「$1」を読み取れませんでした。お手数ですが管理者にお問い合わせください。",
            "The stored period '$1' could not be read. Please contact your administrator."
        ),
        (
            #"^(\S+) must be a finite number$"#,
            "%1は数値で入力してください。",
            "Enter the %1 as a number."
        ),
        (
            #"^a (\S+) cadence is longer than the goal's period (\S+)$"#,
            "チェックインの頻度（%1）が目標の期間 $2 より長くなっています。より短い頻度を選んでください。",
            "A %1 cadence is longer than the goal's period $2. Choose a shorter cadence."
        ),
        (
            #"^a (\S+) cannot sit under a (\S+)$"#,
            "$1 は $2 の下に置けません。別の親目標を選んでください。",
            "A $1 cannot sit under a $2. Choose another parent."
        ),
        (
            #"^the period (\S+) is not inside the parent's (\S+)$"#,
            "期間 $1 は親目標の期間 $2 に収まっていません。$2 の中の期間を選んでください。",
            "The period $1 is not inside the parent's $2. Choose a period within $2."
        ),
        (
            #"^the child goal “(.*)” \((\S+)\) would fall outside (\S+)$"#,
            "配下の目標「$1」（$2）が期間 $3 からはみ出してしまいます。先にその目標の期間を変えてください。",
            "The child goal “$1” ($2) would fall outside $3. Change its period first."
        ),
        (
            #"^copy into a period of the same kind as (\S+)$"#,
            "コピー先には $1 と同じ種類の期間（年度・半期・四半期・月）を選んでください。",
            "Copy into a period of the same kind as $1: a year, a half, a quarter or a month."
        ),
        (
            #"^no such goal in this organisation: (\S+)$"#,
            "目標（ID: $1）が見つかりません。一覧から選び直してください。",
            "The goal with ID $1 could not be found. Choose goals from the list."
        ),

        // Accountabilities.
        (
            #"^the accountability is already (\S+)$"#,
            "この責任・依頼はすでに「%1」になっています。",
            "This accountability is already %1."
        ),
        (
            #"^the accountability is (\S+)$"#,
            "この責任・依頼は「%1」のため、いまは回答できません。",
            "This accountability is %1, so it cannot be answered now."
        ),
        (
            #"^(\S+) subjects arrive with their own capability; use goal or duty for now$"#,
            "「%1」を対象にした依頼にはまだ対応していません。目標を選ぶか、責任の内容を書いてください。",
            "Accountabilities for a %1 are not available yet. Choose a goal or describe a duty."
        ),

        // The directory.
        (
            #"^the company still has (\S+) team\(s\); move or delete them first$"#,
            "このカンパニーにはまだチームが $1 件あります。先にチームを移すか削除してください。",
            "This company still has teams ($1). Move or delete them first."
        ),
        (
            #"^the team still has (\S+) goal\(s\) and (\S+) accountabilit\S*; move them first$"#,
            "このチームにはまだ目標が $1 件、責任・依頼が $2 件あります。先に移してください。",
            "This team still has goals ($1) and accountabilities ($2). Move them first."
        ),
        (
            #"^role is one of (.+)$"#,
            "ロールは次から選んでください: $1。",
            "Choose a role: $1."
        ),
        (
            #"^a (\S+) scope needs its id$"#,
            "対象の%1を選んでください。",
            "Choose the %1."
        ),
        (
            #"^(\S+) must not be empty$"#,
            "%1を入力してください。",
            "Enter the %1."
        ),
        (
            #"^(\S+) is longer than 200 characters$"#,
            "%1は 200 文字以内で入力してください。",
            "Keep the %1 to 200 characters or fewer."
        ),

        // Permissions (`Authorizer`'s reasons, thrown as they are by `Identity.enforce`).
        (
            #"^(\S+) is not granted for this (\S+)$"#,
            "この範囲（%2）では、この操作に必要な権限「$1」がありません。必要な場合は管理者にご相談ください。",
            "You do not have the $1 permission for this %2. Ask an administrator if you need it."
        ),
        (
            #"^the API token lacks the admin scope needed for (\S+)$"#,
            "この API トークンには「管理」の範囲がないため、この操作（$1）はできません。",
            "This API token lacks the admin scope needed for $1."
        ),
        (
            #"^the API token is read-only; (\S+) needs the write scope$"#,
            "この API トークンは参照専用です。この操作（$1）には「変更」の範囲が必要です。",
            "This API token is read-only: $1 needs the write scope."
        ),
        (
            #"^a (\S+) can only grant roles below (\S+)$"#,
            "%1が付与できるのは、%2より下のロールだけです。",
            "A %1 can only grant roles below %2."
        ),
        (
            #"^the member holds (\S+) in this (\S+), which you may not grant: (.+)$"#,
            "このメンバーは「%1」のロールを持っています（範囲: %2）。あなたが付与できないロールのため、この操作はできません。%3",
            "The member holds the %1 role in this %2, which you may not grant. %3"
        ),

        // Operations.
        (
            #"^event types are some of (.+)$"#,
            "通知するイベントを次から選んでください: $1。",
            "Choose the events from: $1."
        ),
        (
            #"^the job is (\S+); that cannot be done to it now$"#,
            "このジョブは「%1」のため、いまはこの操作ができません。",
            "This job is %1, so that cannot be done to it now."
        ),

        // A page's path or query that names nothing (`"\(what) not found"`, `"\(field) is not an id"`).
        (
            #"^(\S+) not found$"#,
            "%1が見つかりません。削除されたか、表示する権限がない可能性があります。",
            "The %1 could not be found. It may have been deleted, or you may not have access to it."
        ),
        (
            #"^(\S+) is not an id$"#,
            "%1の指定が正しくありません。一覧から選び直してください。",
            "The %1 given is not valid. Choose again from the list."
        ),
    ]

    /// Names from closed lists (scope kinds, roles, states, cadences, fields) as `%1`… puts them on a page.
    static let terms: [String: (ja: String, en: String)] = [
        "org": ("全社", "organisation"),
        "company": ("カンパニー", "company"),
        "team": ("チーム", "team"),
        "member": ("メンバー", "member"),
        "goal": ("目標", "goal"),
        "grant": ("ロール", "role"),
        "invitation": ("招待", "invitation"),
        "job": ("ジョブ", "job"),
        "schedule": ("スケジュール", "schedule"),
        "token": ("API トークン", "API token"),
        "webhook": ("Webhook", "webhook"),
        "owner": ("オーナー", "owner"),
        "admin": ("管理者", "admin"),
        "manager": ("マネージャー", "manager"),
        "csm": ("CSM", "CSM"),
        "ops": ("CSオペレーション", "CS Ops"),
        "support": ("サポート", "support"),
        "viewer": ("閲覧者", "viewer"),
        "weekly": ("毎週", "weekly"),
        "biweekly": ("隔週", "fortnightly"),
        "monthly": ("毎月", "monthly"),
        "quarterly": ("四半期ごと", "quarterly"),
        "open": ("提出前", "not yet submitted"),
        "submitted": ("提出済み", "submitted"),
        "reviewed": ("レビュー済み", "reviewed"),
        "pending": ("確認待ち", "pending"),
        "acknowledged": ("引き受け済み", "acknowledged"),
        "declined": ("辞退", "declined"),
        "reassigned": ("担当変更", "reassigned"),
        "completed": ("完了", "completed"),
        "cancelled": ("取り消し", "cancelled"),
        "available": ("待機中", "queued"),
        "running": ("実行中", "running"),
        "retryable": ("再試行待ち", "waiting to retry"),
        "discarded": ("失敗", "failed"),
        "customer": ("顧客", "customer"),
        "program": ("プログラム", "programme"),
        "meeting_action": ("会議のアクション", "meeting action"),
        "duty": ("責任", "duty"),
        "baseline": ("起点", "baseline"),
        "target": ("目標値", "target"),
        "name": ("名前", "name"),
        "display_name": ("表示名", "display name"),
        "owner_name": ("オーナーの名前", "owner's name"),
    ]

    /// The message for `message` in `language` (`.ja` or `.en`, see Sources/Web/Localization/Language.swift), or nil
    /// when neither table knows it.
    static func localized(_ message: String, _ language: Language) -> String? {
        localized(message, language, depth: 0)
    }

    private static func localized(_ message: String, _ language: Language, depth: Int) -> String? {
        if let known = exact[message] { return language == .ja ? known.ja : known.en }
        for pattern in patterns {
            guard let regex = try? Regex(pattern.regex), let match = message.wholeMatch(of: regex) else { continue }
            let captures = match.output.dropFirst().map { $0.substring.map(String.init) ?? "" }
            return fill(language == .ja ? pattern.ja : pattern.en, captures, language, depth: depth)
        }
        return nil
    }

    /// `template` with each `$n` replaced by the n-th capture and each `%n` by it as a term, in one pass, so that a
    /// captured `$2` (a person typed it) stays as typed.
    private static func fill(_ template: String, _ captures: [String], _ language: Language, depth: Int) -> String {
        var text = ""
        var rest = Substring(template)
        while let sign = rest.firstIndex(where: { $0 == "$" || $0 == "%" }) {
            text += rest[..<sign]
            let digits = rest[rest.index(after: sign)...].prefix(while: \.isASCII).prefix(while: \.isNumber)
            if let n = Int(digits), n >= 1, n <= captures.count {
                let value = captures[n - 1]
                text += rest[sign] == "$" ? value : term(value, language, depth: depth)
                rest = rest[digits.endIndex...]
            } else {
                text.append(rest[sign])
                rest = rest[rest.index(after: sign)...]
            }
        }
        return text + rest
    }

    private static func term(_ value: String, _ language: Language, depth: Int) -> String {
        if let known = terms[value] { return language == .ja ? known.ja : known.en }
        if depth < 2, let sentence = localized(value, language, depth: depth + 1) { return sentence }
        return value
    }
}
