/// This part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let processMessages: [String: (ja: String, en: String)] = [
        "process not found": ("標準プロセスが見つかりませんでした。", "This process could not be found."),
        "process version not found": ("標準プロセスのバージョンが見つかりませんでした。", "This process version could not be found."),
        "step not found": ("ステップが見つかりませんでした。", "This step could not be found."),
        "the process is archived": ("この標準プロセスはアーカイブ済みです。", "This process is archived."),
        "the process has no published version yet": (
            "この標準プロセスには、まだ公開済みのバージョンがありません。", "This process has no published version yet."),
        "the organisation's standard process cannot be archived; make another the standard first": (
            "組織の標準プロセスはアーカイブできません。先に別のプロセスを組織の標準に設定してください。",
            "The organisation's standard process cannot be archived. Make another process the standard first."),
        "companies or customers are on this process; move them to another first": (
            "この標準プロセスを採用中のカンパニーまたは適用中の顧客があります。先に別のプロセスへ移してください。",
            "Companies or customers are on this process. Move them to another process first."),
        "you may not read the organisation's processes": (
            "組織の標準プロセスを閲覧する権限がありません。", "You may not read the organisation's processes."),
        "only those who manage success define processes": (
            "標準プロセスを定義できるのは、カスタマーサクセスの管理権限を持つ方だけです。",
            "Only those who manage customer success can define processes."),
        "a version's notes are at most 2000 characters": (
            "バージョンのメモは 2000 文字以内で入力してください。", "A version's notes are at most 2000 characters."),
        "a company adopts a process at most a year ahead": (
            "標準プロセスの採用日は、1 年先までの日付で指定してください。", "A company can adopt a process at most a year ahead."),
        "no such process version in this organisation": (
            "指定された標準プロセスのバージョンは、この組織にありません。", "There is no such process version in this organisation."),
        "a customer is placed on a process from today or an earlier day": (
            "顧客をプロセスに載せる日は、今日またはそれより前の日付で指定してください。",
            "A customer is placed on a process from today or an earlier day."),
        "the customer is already on this version": (
            "この顧客はすでにこのバージョンで進めています。", "The customer is already on this version."),
        "the customer is on no process": ("この顧客はどの標準プロセスにも載っていません。", "The customer is on no process."),
        "only the step's responsible positions, the customer's editors or those who manage success complete a step": (
            "ステップを完了できるのは、そのステップの実行責任者（R）のポジションの方、顧客の編集権限を持つ方、またはカスタマーサクセスの管理権限を持つ方です。",
            "Only holders of the step's responsible positions, the customer's editors or those who manage customer success can complete a step."),
        "a step is completed today or on an earlier day": (
            "ステップの完了日は、今日またはそれより前の日付で指定してください。", "A step is completed today or on an earlier day."),
        "the customer's company has adopted no process on that day; name a version": (
            "この顧客のカンパニーは、その日に標準プロセスを採用していません。バージョンを指定してください。",
            "The customer's company had adopted no process on that day. Name a version."),
        "only the customer's editors or those who manage success place it on a process": (
            "顧客を標準プロセスに載せられるのは、顧客の編集権限を持つ方か、カスタマーサクセスの管理権限を持つ方です。",
            "Only the customer's editors or those who manage customer success can place it on a process."),
        // The Store's constraint names.
        "another process has this name": ("同じ名前の標準プロセスがすでにあります。", "Another process has this name."),
        "another process is the organisation's standard": (
            "別の標準プロセスが組織の標準に設定されています。", "Another process is the organisation's standard."),
        "another version took this number first; try again": (
            "同じ番号のバージョンが先に作成されました。もう一度お試しください。", "Another version took this number first. Please try again."),
        "the process already has a draft; edit it or publish it first": (
            "この標準プロセスにはすでに下書きがあります。先にその下書きを編集するか公開してください。",
            "The process already has a draft. Edit it or publish it first."),
    ]
    static let processPatterns: [(regex: String, ja: String, en: String)] = [
        (#"^version (\S+) is still a draft; edit it or publish it$"#,
         "バージョン $1 はまだ下書きです。その下書きを編集するか公開してください。", "Version $1 is still a draft. Edit it or publish it."),
        (#"^the customer was placed on its current process on (\S+); place it from that day or later$"#,
         "この顧客は $1 に現在のプロセスに載せられています。その日以降の日付で指定してください。",
         "The customer was placed on its current process on $1. Place it from that day or later."),
    ]
}
