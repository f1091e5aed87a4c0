public import Foundation

/// One line of an occurrence's agenda: a subject the data (or a person) put there, the reason in words, and who may
/// see it.
public struct AgendaItem: Sendable, Hashable, Codable {
    /// Where the item came from. A regenerate replaces only untouched `generated` items.
    public enum Origin: String, Sendable, Codable, Hashable, CaseIterable {
        case generated, manual
    }

    public var id: UUID
    /// The ``AgendaSection/key`` of the section it sits in.
    public var sectionKey: String
    /// Order within the section (0 first).
    public var position: Int
    public var origin: Origin
    /// Set when a person moved or edited a generated item: a regenerate keeps it as it is.
    public var touched: Bool
    /// A generated item someone took off the agenda: kept (touched) so a regenerate does not bring it back, and
    /// shown to nobody.
    public var dismissed: Bool
    public var subject: AgendaSubject?
    /// The subject's name as the item shows it (a goal's title, a customer's name), or a person's own text.
    public var title: String
    public var reason: AgendaReason?
    public var visibility: AgendaVisibility
    /// What identifies a generated item across regenerates: the generator and its subject (and the event, for
    /// one-off events such as a grade drop).
    public var fingerprint: String?

    public init(
        id: UUID, sectionKey: String, position: Int, origin: Origin, touched: Bool = false, dismissed: Bool = false,
        subject: AgendaSubject?, title: String, reason: AgendaReason?, visibility: AgendaVisibility, fingerprint: String?
    ) {
        (self.id, self.sectionKey, self.position, self.origin, self.touched) = (id, sectionKey, position, origin, touched)
        self.dismissed = dismissed
        (self.subject, self.title, self.reason, self.visibility, self.fingerprint) = (subject, title, reason, visibility, fingerprint)
    }
}

/// What an agenda item is about: the page it links to.
public struct AgendaSubject: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case goal, checkIn = "check_in", customer, contract, ticket, accountability, actionItem = "action_item", member
        case external
    }

    public var kind: Kind
    public var id: UUID

    public init(_ kind: Kind, _ id: UUID) {
        (self.kind, self.id) = (kind, id)
    }
}

/// Why an item is on the agenda, as a code and values a page or document words in the reader's language
/// (`health_dropped` with `from: A, to: C, causes: …`).
public struct AgendaReason: Sendable, Hashable, Codable {
    public var code: String
    public var values: [String: String]

    public init(_ code: String, _ values: [String: String] = [:]) {
        (self.code, self.values) = (code, values)
    }
}

/// Who may see an item: its subject's readers. A participant outside the subject's scope does not see the item —
/// not on the page, not in the Markdown, not in the notification (issue 14).
public enum AgendaVisibility: Sendable, Hashable, Codable {
    /// Every participant (a person's own item, a fixed item).
    case everyone
    /// Readers of goals in the scope, and the named people wherever they sit (the goal's owner).
    case goals(scope: Scope, people: [UUID])
    /// Readers of customers in the scope, and the named people (the owner and sales owner).
    case customers(scope: Scope, people: [UUID])
    /// Readers of contract values in the scope (renewal items carry ARR-adjacent facts), and the named people.
    case contracts(scope: Scope, people: [UUID])

    /// Whether `actor` may see an item with this visibility.
    public func allows(_ actor: Actor, _ authorizer: Authorizer) -> Bool {
        switch self {
        case .everyone:
            return true
        case .goals(let scope, let people):
            return people.contains(actor.memberID) || authorizer.canSomewhere(actor, .readGoals, within: scope)
        case .customers(let scope, let people):
            return people.contains(actor.memberID) || authorizer.can(actor, .readCustomers, in: scope).allowed
        case .contracts(let scope, let people):
            return people.contains(actor.memberID) || authorizer.can(actor, .readContractValues, in: scope).allowed
        }
    }
}
