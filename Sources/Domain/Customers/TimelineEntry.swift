public import Foundation

/// One entry of a customer's timeline (DESIGN §2, seed 003): what people did with the customer — meetings, calls,
/// mails, notes, pair support, success presentations — and what the system saw happen (ticket events, phase,
/// owner and health changes, NPS answers, renewals), each tagged `light` or `deep` when it served a success
/// definition of that depth.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case meeting, call, email, note
        case pairSupport = "pair_support"
        case presentation
        case ticketEvent = "ticket_event"
        case phaseChange = "phase_change"
        case healthChange = "health_change"
        case nps, renewal
        case ownerChange = "owner_change"
        /// What Banso records itself: a program started or ended, success reached or lost, an opt-out, a merge.
        case event

        /// What people write by hand; the rest only the system writes, and nobody edits.
        public static let manual: [Kind] = [.meeting, .call, .email, .note, .pairSupport, .presentation]

        public var isSystem: Bool { !Self.manual.contains(self) }

        /// A contact with the customer, which moves its last touch (the health signal "days since last touch"). A
        /// note is written about the customer, not with them; system entries are not touches.
        public var isTouch: Bool {
            switch self {
            case .meeting, .call, .email, .pairSupport, .presentation: true
            default: false
            }
        }
    }

    /// Seed 003's two depths of success: `light` (the customer got a quick win), `deep` (it changed their work).
    public enum SuccessTag: String, Sendable, Codable, CaseIterable {
        case light, deep
    }

    public var id: UUID
    public var customerID: UUID
    public var kind: Kind
    public var successTag: SuccessTag?
    public var authorID: UUID?
    public var occurredAt: Date
    public var title: String
    public var body: String?
    public var subjectType: String?
    public var subjectID: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, customerID: UUID, kind: Kind, successTag: SuccessTag? = nil, authorID: UUID?, occurredAt: Date,
        title: String, body: String? = nil, subjectType: String? = nil, subjectID: UUID? = nil, createdAt: Date,
        updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.customerID, self.kind, self.successTag, self.authorID) = (id, customerID, kind, successTag, authorID)
        (self.occurredAt, self.title, self.body, self.subjectType, self.subjectID) = (occurredAt, title, body, subjectType, subjectID)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }

    /// The text search reads: title and body, normalised (``SearchGrams/normalise(_:)``).
    public var searchText: String { SearchGrams.normalise(title + " " + (body ?? "")) }

    /// Checks an entry a person writes; each refusal names its field.
    public static func validate(_ entry: TimelineEntry) throws {
        guard !entry.kind.isSystem else {
            throw DomainError(
                .invalid, "kind is one of meeting, call, email, note, pair_support, presentation; the system writes the others",
                field: "kind")
        }
        let title = entry.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(title.unicodeScalars.count) else {
            throw DomainError(.invalid, "a timeline title has 1 to 500 characters", field: "title")
        }
        if let body = entry.body, body.unicodeScalars.count > 20_000 {
            throw DomainError(.invalid, "a timeline body is at most 20000 characters", field: "body")
        }
    }
}
