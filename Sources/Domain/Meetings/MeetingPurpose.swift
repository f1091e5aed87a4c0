/// The one thing a meeting body is for (seed 001: a meeting without a single stated purpose drifts). The purpose
/// decides the default order of an agenda's sections: a `decide` meeting takes its decisions while people are
/// fresh, a `share` meeting starts from the figures everyone needs to see.
public enum MeetingPurpose: String, Sendable, Codable, CaseIterable, Hashable {
    /// 意思決定: choose between options and commit.
    case decide
    /// 情報共有: everyone leaves knowing the same facts.
    case share
    /// アイデア出し: generate options; judging comes later.
    case ideate
    /// 議論: work through a question together.
    case discuss
    /// 士気向上: recognise work and raise morale.
    case motivate

    /// Where each kind of section goes for this purpose (lower first). Sections of the same rank keep the
    /// template's order.
    public func rank(of role: AgendaSectionRole) -> Int {
        switch (self, role) {
        case (.decide, .decisions): 0
        case (.decide, .followUp): 1
        case (.decide, .figures): 2
        case (.share, .figures): 0
        case (.share, .followUp): 1
        case (.share, .decisions): 2
        case (.motivate, .recognition): 0
        case (.discuss, .followUp): 0
        case (_, .recognition): 3
        case (_, .other): 4
        default: 2
        }
    }
}

/// What kind of conversation a section holds, so the purpose can order sections without knowing each generator.
public enum AgendaSectionRole: String, Sendable, Codable, CaseIterable, Hashable {
    /// Things to decide now: renewals at their notice deadline, expansion signals to act on.
    case decisions
    /// The state of things: goals off track, grades that fell, check-ins missing.
    case figures
    /// What was promised: open action items and accountabilities, pending reviews.
    case followUp = "follow_up"
    /// Wins and presentations.
    case recognition
    /// Anything else (fixed items).
    case other
}
