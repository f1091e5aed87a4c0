/// A meeting body's agenda template: ordered sections, each filled by a generator from data or holding fixed items,
/// each with a time box.
public struct AgendaTemplate: Sendable, Hashable, Codable {
    public var sections: [AgendaSection]

    public init(sections: [AgendaSection]) {
        self.sections = sections
    }

    public static let maxSections = 20

    public func validated() throws -> AgendaTemplate {
        // The message names the number itself (20): messages are translated by their literal text.
        guard (1...Self.maxSections).contains(sections.count) else {
            throw DomainError(.invalid, "an agenda has 1 to 20 sections", field: "agenda_template")
        }
        var keys: Set<String> = []
        for section in sections {
            _ = try section.validated()
            guard keys.insert(section.key).inserted else {
                throw DomainError(.invalid, "section keys are unique within a template", field: "agenda_template")
            }
        }
        return self
    }

    /// The sections in the order the purpose gives them (``MeetingPurpose/rank(of:)``), the template's order kept
    /// among equals.
    public func ordered(for purpose: MeetingPurpose) -> [AgendaSection] {
        sections.enumerated()
            .sorted { a, b in
                let (ra, rb) = (purpose.rank(of: a.element.role), purpose.rank(of: b.element.role))
                return ra != rb ? ra < rb : a.offset < b.offset
            }
            .map(\.element)
    }

    /// The total of the time boxes, in minutes.
    public var minutes: Int { sections.reduce(0) { $0 + $1.minutes } }

    /// What a new body starts with for its purpose: the generators that purpose needs, with time boxes that fit an
    /// hour. Everything is editable.
    public static func standard(for purpose: MeetingPurpose) -> AgendaTemplate {
        func s(_ key: String, _ generator: AgendaGenerator, _ minutes: Int) -> AgendaSection {
            AgendaSection(key: key, title: nil, content: .generator(generator), minutes: minutes)
        }
        let actions = s("actions", .previousActions, 5)
        switch purpose {
        case .decide:
            return AgendaTemplate(sections: [
                s("renewals", .renewalsDue(withinDays: 90), 15), s("expansion", .expansionSignals, 10), actions,
                s("health", .healthDropped, 10), s("goals", .goalsOffTrack(includeAtRisk: true), 10),
            ])
        case .share:
            return AgendaTemplate(sections: [
                s("goals", .goalsOffTrack(includeAtRisk: true), 10), s("health", .healthDropped, 10),
                s("check_ins", .checkInsMissing, 5), actions, s("accountabilities", .accountabilitiesOpen(unacknowledgedDays: 3), 5),
                s("renewals", .renewalsDue(withinDays: 90), 10),
                // The team's success programs: sessions and presentations coming up, goal sheets and presentations
                // that need a push (issue 15).
                s("programs", .extension(SuccessAgenda.programSessions), 5),
                s("presentations", .extension(SuccessAgenda.successPresentations), 5),
            ])
        case .discuss, .ideate:
            return AgendaTemplate(sections: [
                actions, s("health", .healthDropped, 10), s("goals", .goalsOffTrack(includeAtRisk: true), 10),
                AgendaSection(key: "topic", title: nil, content: .fixed([]), minutes: 25),
            ])
        case .motivate:
            return AgendaTemplate(sections: [
                AgendaSection(key: "wins", title: nil, content: .fixed([]), minutes: 20), actions,
                s("reviews", .reviewsPending, 5),
            ])
        }
    }
}

/// One section of a template.
public struct AgendaSection: Sendable, Hashable, Codable {
    public enum Content: Sendable, Hashable, Codable {
        case generator(AgendaGenerator)
        /// Items written once on the template, repeated at every occurrence.
        case fixed([String])
    }

    /// A stable key (letters, digits, `_`), unique within the template: items remember their section by it.
    public var key: String
    /// The heading; `nil` uses the generator's own heading in the reader's language.
    public var title: String?
    public var content: Content
    /// The time box in minutes.
    public var minutes: Int

    public init(key: String, title: String?, content: Content, minutes: Int) {
        (self.key, self.title, self.content, self.minutes) = (key, title, content, minutes)
    }

    public var role: AgendaSectionRole {
        switch content {
        case .generator(let generator): generator.role
        case .fixed: .other
        }
    }

    public func validated() throws -> AgendaSection {
        guard (1...40).contains(key.count), key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw DomainError(.invalid, "a section key is 1 to 40 letters, digits or underscores", field: "agenda_template")
        }
        if let title { guard (1...100).contains(title.count) else { throw DomainError(.invalid, "a section title is 1 to 100 characters", field: "agenda_template") } }
        guard (0...240).contains(minutes) else { throw DomainError(.invalid, "a time box is 0 to 240 minutes", field: "agenda_template") }
        switch content {
        case .generator(let generator): _ = try generator.validated()
        case .fixed(let items):
            guard items.count <= 20, items.allSatisfy({ (1...300).contains($0.count) }) else {
                throw DomainError(.invalid, "a fixed section holds up to 20 items of 1 to 300 characters", field: "agenda_template")
            }
        }
        return self
    }
}
