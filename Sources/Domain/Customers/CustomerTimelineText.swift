/// The titles of the timeline entries the system writes about a customer itself — an owner change, a phase change,
/// a merge — in the org's language.
public enum CustomerTimelineText {
    /// The phase's name as a Japanese CS team says it (seed 002).
    public static func phaseName(_ phase: LifecyclePhase, _ locale: Organization.Locale) -> String {
        switch (phase, locale) {
        case (.onboarding, .ja): "型の習得"
        case (.outcome, .ja): "成果創出"
        case (.embedded, .ja): "業務定着"
        case (.renewal, .ja): "更新"
        case (.churned, .ja): "解約"
        case (.onboarding, .en): "onboarding"
        case (.outcome, .en): "outcome"
        case (.embedded, .en): "embedded"
        case (.renewal, .en): "renewal"
        case (.churned, .en): "churned"
        }
    }

    public static func ownerChange(from old: String?, to new: String?, _ locale: Organization.Locale) -> String {
        switch (old, new, locale) {
        case (let old?, let new?, .ja): "担当CSMが\(old)さんから\(new)さんに変わりました"
        case (nil, let new?, .ja): "担当CSMが\(new)さんになりました"
        case (_, nil, .ja): "担当CSMが未設定になりました"
        case (let old?, let new?, .en): "Owner changed from \(old) to \(new)"
        case (nil, let new?, .en): "Owner set to \(new)"
        case (_, nil, .en): "Owner removed"
        }
    }

    public static func transferNote(_ locale: Organization.Locale) -> String {
        locale == .ja ? "人事異動による引き継ぎです。" : "Handed over in a work transfer."
    }

    public static func phaseChange(from old: LifecyclePhase, to new: LifecyclePhase, _ locale: Organization.Locale) -> String {
        locale == .ja
            ? "フェーズが「\(phaseName(old, .ja))」から「\(phaseName(new, .ja))」に変わりました"
            : "Phase changed from \(phaseName(old, .en)) to \(phaseName(new, .en))"
    }

    public static func merge(of duplicate: String, _ locale: Organization.Locale) -> String {
        locale == .ja ? "「\(duplicate)」をこの顧客に統合しました" : "Merged “\(duplicate)” into this customer"
    }
}
