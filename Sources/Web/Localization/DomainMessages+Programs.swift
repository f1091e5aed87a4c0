/// The success programs' refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let programMessages: [String: (ja: String, en: String)] = [
        "a completed program is not reopened": ("完了したプログラムは再開できません。", "A completed program cannot be reopened."),
        "a figure is a finite number": ("数値を入力してください。", "Enter a number."),
        "a program is completed by recording its result": (
            "プログラムを完了するには結果を登録してください。", "A program is completed by recording its result."),
        "a session is held today or earlier": ("実施日は今日以前の日付にしてください。", "A session is held today or earlier."),
        "enrolment not found": ("このプログラム参加は見つかりませんでした。", "This enrolment could not be found."),
        "goal sheet not found": ("ゴールシートはまだ作成されていません。", "The goal sheet has not been written yet."),
        "no such live program template": ("利用できるプログラムテンプレートが見つかりません。", "There is no such program template in use."),
        "not a contact of this customer": ("この顧客の担当者ではありません。", "This is not a contact of this customer."),
        "only managers and CS ops edit program templates": (
            "プログラムテンプレートを編集できるのはマネージャーとCSオペレーションのみです。", "Only managers and CS ops edit program templates."),
        "program template not found": ("このプログラムテンプレートは見つかりませんでした。", "This program template could not be found."),
        "session not found": ("このセッションは見つかりませんでした。", "This session could not be found."),
        "sessions are logged while the program runs": (
            "セッションを記録できるのはプログラムの実施中のみです。", "Sessions are logged while the program runs."),
        "the CSM agrees signed in, not through a link": (
            "CSMはリンクではなく、サインインして合意してください。", "The CSM agrees signed in, not through a link."),
        "the goal sheet is agreed while the program runs": (
            "ゴールシートに合意できるのはプログラムの実施中のみです。", "The goal sheet is agreed while the program runs."),
        "the goal sheet is written while the program runs": (
            "ゴールシートを編集できるのはプログラムの実施中のみです。", "The goal sheet is written while the program runs."),
        "the program was cancelled": ("このプログラムは中止されています。", "The program was cancelled."),
        "the result cannot be decided in the future": ("結果の判定日に未来の日付は指定できません。", "The result cannot be decided in the future."),
        "the result is decided after the program starts": (
            "結果の判定日はプログラム開始日以降にしてください。", "The result is decided after the program starts."),
        "the template is archived": ("このテンプレートはアーカイブされています。", "The template is archived."),
        "you may not read success programs": ("サクセスプログラムを閲覧する権限がありません。", "You may not read success programs."),
        "you may not run this customer's success program": (
            "この顧客のサクセスプログラムを運営する権限がありません。", "You may not run this customer's success program."),
        "a live template already has this name": ("同じ名前のテンプレートがすでにあります。", "A template in use already has this name."),
        "the customer is already in a running program": (
            "この顧客はすでに実施中のプログラムに参加しています。", "The customer is already in a running program."),
        "the goal sheet was written by another request at the same moment; reload it": (
            "ゴールシートが同時に別の操作で作成されました。再読み込みしてください。",
            "The goal sheet was written by another request at the same moment; please reload it."),
    ]
    static let programPatterns: [(regex: String, ja: String, en: String)] = []
}
