/// What a customer's timeline says about its success program, in the org's language.
public enum ProgramTimelineText {
    public static func enrolled(template: String, start: LocalDate, _ locale: Organization.Locale) -> String {
        locale == .ja ? "サクセスプログラム「\(template)」を \(start) から開始しました" : "Started the success program “\(template)” on \(start)"
    }

    /// A held session as the timeline shows it.
    public static func session(_ kind: ProgramSessionKind, minutes: Int?, _ locale: Organization.Locale) -> String {
        let name: String =
            switch (kind, locale) {
            case (.goalSetting, .ja): "ゴール設定"
            case (.pairSupport, .ja): "ペアサポート"
            case (.presentation, .ja): "成果発表会"
            case (.other, .ja): "セッション"
            case (.goalSetting, .en): "goal setting"
            case (.pairSupport, .en): "pair support"
            case (.presentation, .en): "success presentation"
            case (.other, .en): "session"
            }
        let length = minutes.map { locale == .ja ? "（\($0) 分）" : " (\($0) min)" } ?? ""
        return (locale == .ja ? "サクセスプログラム: " : "Success program: ") + name + length
    }

    public static func presentationHeld(on day: LocalDate, _ locale: Organization.Locale) -> String {
        locale == .ja ? "成果発表会を \(day) に実施しました" : "Held the success presentation on \(day)"
    }

    public static func result(reached: Bool, _ locale: Organization.Locale) -> String {
        switch (locale, reached) {
        case (.ja, true): "サクセスプログラムが完了しました: 目標を達成"
        case (.ja, false): "サクセスプログラムが完了しました: 目標は未達"
        case (.en, true): "Success program completed: goal reached"
        case (.en, false): "Success program completed: goal not reached"
        }
    }
}
