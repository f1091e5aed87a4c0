/// The customer-success part's refusals in the reader's language (see DomainMessages): success definitions and their
/// measures, success programs, goal sheets, check-ups and standard processes.
extension DomainMessages {
    static let success: [String: (ja: String, en: String)] = [
        // Success definitions and their measures
        "the definition is 1 to 2000 characters": ("成功定義の内容は 1〜2000 文字で入力してください。", "The definition is 1 to 2000 characters."),
        "say whom the success serves in 1 to 500 characters": (
            "成功によって価値が届くお客様側の対象（部署や役職など）を 1〜500 文字で入力してください。",
            "Say whom the success serves in 1 to 500 characters."
        ),
        "the method is at most 2000 characters": ("進め方は 2000 文字以内で入力してください。", "The method is at most 2000 characters."),
        "a definition has 1 to 50 measures": ("成功定義の測定項目は 1〜50 個にしてください。", "A definition has 1 to 50 measures."),
        "each measure appears once": ("同じ測定項目を重複して含めることはできません。", "Each measure appears once."),
        "at least one measure must be required for the tier to be reachable": (
            "ライト／ディープの成功に到達できるよう、必須の測定項目を 1 つ以上設定してください。",
            "At least one measure must be required for the tier to be reachable."
        ),
        "a measure's name is 1 to 200 characters": ("測定項目名は 1〜200 文字で入力してください。", "A measure's name is 1 to 200 characters."),
        "a metric's name is lower-case letters, digits and _ (at most 40), starting with a letter": (
            "指標名は英小文字で始め、英小文字・数字・アンダースコア（_）の 40 文字以内で入力してください。",
            "A metric's name is lower-case letters, digits and _ (at most 40), starting with a letter."
        ),
        "a threshold is a finite number": ("しきい値は数値で入力してください。", "A threshold must be a number."),
        "evidence is at most 2000 characters": ("根拠は 2000 文字以内で入力してください。", "Evidence is at most 2000 characters."),
        "say what shows the measure is met": ("測定項目を達成したと判断した根拠を入力してください。", "Say what shows the measure is met."),

        // Success programs: enrolments, sessions, templates, results, presentations
        "a program runs 1 to 12 months": ("サクセスプログラムの期間は 1〜12 か月で指定してください。", "A program runs 1 to 12 months."),
        "the monthly budget is 0.25 to 40 hours": ("月あたりの工数予算は 0.25〜40 時間で指定してください。", "The monthly budget is 0.25 to 40 hours."),
        "the monthly budget is 0.25 to 40 hours, in quarter hours": (
            "月あたりの工数予算は 0.25〜40 時間の範囲で、15 分（0.25 時間）単位で指定してください。",
            "The monthly budget is 0.25 to 40 hours, in quarter hours."
        ),
        "participants are up to 100 distinct contacts": (
            "参加者は重複しない連絡先を 100 件まで指定できます。", "Participants are up to 100 distinct contacts."
        ),
        "a completed program records its result": (
            "完了したサクセスプログラムには結果を記録してください。", "A completed program records its result."
        ),
        "only a completed program has a result": (
            "結果を記録できるのは、完了したサクセスプログラムだけです。", "Only a completed program has a result."
        ),
        "the presentation is held after the program starts": (
            "成功発表会の開催日は、サクセスプログラムの開始日より後にしてください。", "The presentation is held after the program starts."
        ),
        "say what shows the result in 1 to 2000 characters": (
            "結果の根拠を 1〜2000 文字で入力してください。", "Say what shows the result in 1 to 2000 characters."
        ),
        "a monthly capacity is 0 to 744 hours": ("月間の対応可能時間は 0〜744 時間で指定してください。", "A monthly capacity is 0 to 744 hours."),
        "a session is planned or held on a day": (
            "セッションの予定日または実施日を入力してください。", "A session is planned or held on a day."
        ),
        "a held session logs its duration": ("実施済みのセッションには所要時間を記録してください。", "A held session logs its duration."),
        "a session lasts 1 minute to 12 hours": ("セッションの所要時間は 1 分〜12 時間で入力してください。", "A session lasts 1 minute to 12 hours."),
        "say whom the pair support was for": ("ペアサポートの対象者を指定してください。", "Say whom the pair support was for."),
        "hours are logged once the session is held": (
            "所要時間はセッションの実施後に記録してください。", "Hours are logged once the session is held."
        ),
        "only pair support names a person supported and what was practised": (
            "支援した相手と実践した内容を記録できるのは、ペアサポートだけです。",
            "Only pair support names a person supported and what was practised."
        ),
        "a template's name is 1 to 120 characters": ("テンプレート名は 1〜120 文字で入力してください。", "A template's name is 1 to 120 characters."),
        "a template plans at most 100 sessions": (
            "テンプレートで計画できるセッションは 100 件までです。", "A template plans at most 100 sessions."
        ),
        "a session's title is 1 to 200 characters": (
            "セッションのタイトルは 1〜200 文字で入力してください。", "A session's title is 1 to 200 characters."
        ),
        "a presentation has a planned or a held date": (
            "成功発表会の予定日または開催日を入力してください。", "A presentation has a planned or a held date."
        ),
        "the audience is 0 to 10000 people": ("成功発表会の参加人数は 0〜10000 人で入力してください。", "The audience is 0 to 10000 people."),
        "an audience is counted once the presentation is held": (
            "参加人数は成功発表会の開催後に入力してください。", "An audience is counted once the presentation is held."
        ),
        "the outcome is at most 2000 characters": (
            "成功発表会の成果は 2000 文字以内で入力してください。", "The outcome is at most 2000 characters."
        ),

        // Goal sheets
        "write the business goal in 1 to 2000 characters": (
            "事業目標を 1〜2000 文字で入力してください。", "Write the business goal in 1 to 2000 characters."
        ),
        "name the business KPI in 1 to 200 characters": (
            "事業 KPI の名前を 1〜200 文字で入力してください。", "Name the business KPI in 1 to 200 characters."
        ),
        "the KPI's target is a finite number": ("KPI の目標値は数値で入力してください。", "The KPI's target must be a number."),
        "the KPI's baseline is a finite number": ("KPI の起点は数値で入力してください。", "The KPI's baseline must be a number."),
        "write the usage goal in 1 to 2000 characters": (
            "利用目標を 1〜2000 文字で入力してください。", "Write the usage goal in 1 to 2000 characters."
        ),
        "a metric's name is lower-case letters, digits and _ (at most 40)": (
            "指標名は英小文字・数字・アンダースコア（_）の 40 文字以内で入力してください。",
            "A metric's name is lower-case letters, digits and _ (at most 40)."
        ),
        "a measured usage goal has a target": (
            "指標で測る利用目標には目標値を入力してください。", "A usage goal measured by a metric needs a target."
        ),
        "the usage target is a finite number": ("利用目標の目標値は数値で入力してください。", "The usage target must be a number."),
        "the usage baseline is a finite number": ("利用目標の起点は数値で入力してください。", "The usage baseline must be a number."),
        "a usage target needs the metric it is measured by": (
            "利用目標の目標値や起点を入力する場合は、測定に使う指標も指定してください。",
            "A usage target needs the metric it is measured by."
        ),
        "the owner and the decision maker are two people: each agrees on their own": (
            "お客様側の業務責任者と意思決定者には、別々の方を指定してください。合意はそれぞれの方からいただきます。",
            "The owner and the decision maker are two people: each agrees on their own."
        ),
        "the decision maker's comment is at most 2000 characters": (
            "意思決定者のコメントは 2000 文字以内で入力してください。", "The decision maker's comment is at most 2000 characters."
        ),

        // Check-ups: questionnaires, answers, settings
        "a questionnaire's name is 1 to 120 characters": (
            "アンケート名は 1〜120 文字で入力してください。", "A questionnaire's name is 1 to 120 characters."
        ),
        "a questionnaire has 1 to 30 questions": ("アンケートの設問は 1〜30 問にしてください。", "A questionnaire has 1 to 30 questions."),
        "each question appears once": ("同じ設問を重複して含めることはできません。", "Each question appears once."),
        "a scale runs from min to a larger max within 0–10": (
            "目盛りは 0〜10 の範囲で、最大値を最小値より大きくしてください。",
            "A scale runs from its minimum to a larger maximum, within 0–10."
        ),
        "a choice has 2 to 20 options": ("選択式の設問には、選択肢を 2〜20 個設定してください。", "A choice has 2 to 20 options."),
        "each option is worded differently": (
            "選択肢の文言が重複しています。それぞれ異なる文言にしてください。", "Each option is worded differently."
        ),
        "no such question in this check-up": ("この定期検診にその設問はありません。", "There is no such question in this check-up."),
        "one answer per question": ("回答は 1 つの設問につき 1 つです。", "Give one answer per question."),
        "choose one of the options": ("選択肢から 1 つ選んでください。", "Choose one of the options."),
        "at most 5000 characters": ("5000 文字以内で入力してください。", "Use at most 5000 characters."),
        "this answer does not fit the question": ("この回答は設問の形式に合っていません。", "This answer does not fit the question."),
        "please answer this question": ("この設問に回答してください。", "Please answer this question."),
        "the response-rate threshold is 1 to 100 %": (
            "回答率のしきい値は 1〜100% で指定してください。", "The response-rate threshold is 1 to 100 %."
        ),
        "a link stays open 1 to 60 days": ("回答リンクの有効期間は 1〜60 日で指定してください。", "A link stays open 1 to 60 days."),
        "the reminder goes 1 day or more after sending and before the link expires": (
            "リマインドは、送信の 1 日後以降かつ回答リンクの有効期限より前になるよう指定してください。",
            "The reminder goes 1 day or more after sending and before the link expires."
        ),

        // Standard processes, their versions, steps, RACI and adoption
        "a process's name is 1 to 120 characters": ("標準プロセス名は 1〜120 文字で入力してください。", "A process's name is 1 to 120 characters."),
        "the summary is at most 2000 characters": ("概要は 2000 文字以内で入力してください。", "The summary is at most 2000 characters."),
        "a process has 1 to 50 steps": ("標準プロセスのステップは 1〜50 個にしてください。", "A process has 1 to 50 steps."),
        "each step appears once": ("同じステップを重複して含めることはできません。", "Each step appears once."),
        "a step's name is 1 to 120 characters": ("ステップ名は 1〜120 文字で入力してください。", "A step's name is 1 to 120 characters."),
        "a step is expected to take 1 to 730 days": (
            "ステップの想定日数は 1〜730 日で指定してください。", "A step is expected to take 1 to 730 days."
        ),
        "say what ends the step in 1 to 1000 characters": (
            "ステップの完了条件を 1〜1000 文字で入力してください。", "Say what ends the step in 1 to 1000 characters."
        ),
        "at most 20 positions per letter": (
            "RACI の各区分に指定できるポジションは 20 件までです。", "At most 20 positions per RACI letter."
        ),
        "a position appears once in a letter": (
            "RACI の同じ区分に同じポジションを重複して指定することはできません。", "A position appears once in a letter."
        ),
        "a step needs a responsible position": (
            "ステップには実行責任者（R）のポジションを 1 つ以上指定してください。", "A step needs a responsible position."
        ),
        "a step has exactly one accountable position": (
            "ステップの説明責任者（A）のポジションは 1 つだけ指定してください。", "A step has exactly one accountable position."
        ),
        "a responsible or accountable position is not also consulted": (
            "実行責任者（R）または説明責任者（A）のポジションは、相談先（C）に指定できません。",
            "A responsible or accountable position is not also consulted."
        ),
        "an informed position has no other letter on the step": (
            "報告先（I）のポジションは、同じステップでほかの区分に指定できません。",
            "An informed position has no other letter on the step."
        ),
        "the company already runs this version": (
            "このカンパニーはすでにこのバージョンを採用しています。", "The company already runs this version."
        ),
        "the customer is on another version of the process": (
            "この顧客は標準プロセスの別のバージョンで進めています。", "The customer is on another version of the process."
        ),
        "every step is already complete": ("すべてのステップが完了しています。", "Every step is already complete."),
    ]

    /// The success messages that carry a value (a version, a name, a limit), matched whole.
    static let successPatterns: [(regex: String, ja: String, en: String)] = [
        (#"^choose (\S+) to (\S+)$"#, "$1〜$2 の範囲で選んでください。", "Choose $1 to $2."),
        (#"^the (\S+) wording is 1 to (\S+) characters$"#, "$1 の文面は 1〜$2 文字で入力してください。", "The $1 wording is 1 to $2 characters."),
        (#"^the goal sheet changed since you read it; read version (\S+) and agree to that$"#,
         "読み込んだ後にゴールシートが変更されました。バージョン $1 を確認してから合意してください。",
         "The goal sheet changed since you read it: read version $1 and agree to that."),
        (#"^only the person the sheet names agrees as (\S+)$"#, "$1 として合意できるのは、ゴールシートに記載された本人だけです。",
         "Only the person the sheet names agrees as $1."),
        (#"^version (\S+) is a draft; publish it before a company adopts it$"#,
         "バージョン $1 は下書きです。カンパニーが採用する前に公開してください。", "Version $1 is a draft: publish it before a company adopts it."),
        (#"^the company adopted a process on (\S+); adopt from that day or later$"#,
         "このカンパニーは $1 にプロセスを採用しています。その日以降の日付で採用してください。",
         "The company adopted a process on $1: adopt from that day or later."),
        (#"^version (\S+) is a draft; publish it before placing customers on it$"#,
         "バージョン $1 は下書きです。顧客を割り当てる前に公開してください。", "Version $1 is a draft: publish it before placing customers on it."),
        (#"^the customer is on step “(.*)”; steps are completed in order$"#,
         "顧客は現在ステップ「$1」にいます。ステップは順番に完了してください。", "The customer is on step “$1”: steps are completed in order."),
        (#"^the step started on (\S+); it cannot be completed before$"#,
         "このステップは $1 に始まりました。それより前の日付では完了できません。", "The step started on $1; it cannot be completed before that."),
        (#"^version (\S+) is published and cannot change; draft a new version$"#,
         "バージョン $1 は公開済みのため変更できません。新しいバージョンを作成してください。",
         "Version $1 is published and cannot change: draft a new version."),
        (#"^version (\S+) is already published$"#, "バージョン $1 はすでに公開されています。", "Version $1 is already published."),
        (#"^two steps are both called “(.*)”$"#, "「$1」という名前のステップが 2 つあります。", "Two steps are both called “$1”."),
        (#"^at most (\S+) characters$"#, "$1 文字以内で入力してください。", "At most $1 characters."),
        (#"^a session falls in program month 1 to (\S+)$"#, "セッションはプログラムの 1〜$1 か月目に設定してください。",
         "A session falls in program month 1 to $1."),
        (#"^no such position: (\S+)$"#, "ポジションが見つかりません（$1）。", "No such position: $1."),
        (#"^two measures are both called “(.*)”$"#, "「$1」という名前の測定項目が 2 つあります。", "Two measures are both called “$1”."),
    ]
}
