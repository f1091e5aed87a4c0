import Credentials
public import Domain
public import Foundation
public import Store

/// What a customer contact does through the link in their mail, without signing in: open their own questionnaire,
/// answer it once while it is open, and opt out of further mail. The token is looked up by its hash in system work
/// (the org is not known before), then everything runs in that org's transaction and touches only that send.
public enum CheckUpLinks {
    /// What the form page may show: that send's questions, the org's and the customer's names — nothing else.
    public struct Form: Sendable {
        public enum State: Sendable, Equatable { case open, answered, expired }

        public var state: State
        public var kind: CheckUpSendRecord.Kind
        public var orgName: String
        public var customerName: String
        public var locale: Organization.Locale
        public var questions: [CheckUpQuestion]
        /// An NPS survey's question, the org's name filled in.
        public var npsQuestion: CheckUpText?
        public var expiresAt: Date
        public var timeZone: String
    }

    /// Posts per client address per 10 minutes: a person answers once; more is a script.
    public static let postsPerWindow = 20
    public static let window: Duration = .seconds(600)

    static func resolve(_ store: Store, token: String) async throws -> (org: UUID, id: UUID)? {
        guard token.hasPrefix(SecretToken.prefix), (20...100).contains(token.count) else { return nil }
        return try await store.system { tx in try await CheckUpSendRepository.resolve(tx, tokenHash: SecretToken.hash(token)) }
    }

    /// The form behind `token`, or `nil` for a link that never existed.
    public static func open(_ store: Store, token: String) async throws -> Form? {
        guard let (org, id) = try await resolve(store, token: token) else { return nil }
        return try await store.tenant(org) { tx in try await form(tx, id: id, now: store.now) }
    }

    static func form(_ tx: TenantTransaction, id: UUID, now: Date, lock: Bool = false) async throws -> Form? {
        guard let send = try await CheckUpSendRepository.get(tx, id: id, lock: lock),
              let org = try await OrganizationRepository.current(tx),
              let customer = try await CustomerRepository.get(tx, id: send.customerID) else { return nil }
        var questions: [CheckUpQuestion] = []
        var nps: CheckUpText?
        if let templateID = send.templateID, let template = try await CheckUpTemplateRepository.get(tx, id: templateID) {
            questions = template.questions
        }
        if let campaignID = send.campaignID, let campaign = try await NPSCampaignRepository.get(tx, id: campaignID) {
            nps = CheckUpText(
                ja: CheckUpMailing.npsQuestion(campaign, org: org.name, locale: .ja), en: CheckUpMailing.npsQuestion(campaign, org: org.name, locale: .en))
        }
        let state: Form.State = send.answeredAt != nil ? .answered : (send.send.isOpen(at: now) ? .open : .expired)
        return Form(
            state: state, kind: send.kind, orgName: org.name, customerName: customer.name, locale: org.locale, questions: questions,
            npsQuestion: nps, expiresAt: send.expiresAt, timeZone: org.timeZone)
    }

    /// What a contact submits.
    public enum Submission: Sendable {
        case checkUp([CheckUpAnswer])
        case nps(score: Int?, comment: String?)
    }

    /// Stores the answers once, if the link is still open; answers the form as it stands afterwards (`answered`
    /// on success; `answered` or `expired` unchanged when it was closed already). Bad answers throw the Domain's
    /// refusal, naming the question. `nil` for a link that never existed.
    public static func submit(_ store: Store, token: String, _ submission: Submission) async throws -> Form? {
        guard let (org, id) = try await resolve(store, token: token) else { return nil }
        let now = store.now
        return try await store.tenant(org) { tx in
            guard var form = try await form(tx, id: id, now: now, lock: true), let send = try await CheckUpSendRepository.get(tx, id: id)
            else { return nil }
            guard form.state == .open else { return form }
            switch (send.kind, submission) {
            case (.checkUp, .checkUp(let answers)):
                guard let templateID = send.templateID, let template = try await CheckUpTemplateRepository.get(tx, id: templateID) else { return nil }
                let kept = try template.validate(answers: answers)
                _ = try await CheckUpSendRepository.answer(tx, id: id, answers: kept, score: template.score(kept), npsResponse: nil)
            case (.nps, .nps(let score, let comment)):
                guard let score else { throw DomainError(.missing, "please choose a score from 0 to 10", field: "score") }
                guard (0...10).contains(score) else { throw DomainError(.invalid, "please choose a score from 0 to 10", field: "score") }
                let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
                let contact = try await ContactRepository.get(tx, id: send.contactID)
                let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
                let response = NPSResponse(
                    id: .v7(), customerID: send.customerID, contactID: send.contactID, score: score, comment: text?.isEmpty == true ? nil : text,
                    respondent: contact?.erasedAt == nil ? contact?.name : nil, respondedOn: today, channel: .survey, createdAt: now)
                try NPSResponse.validate(response)
                let saved = try await NPSRepository.insert(tx, response)
                _ = try await CheckUpSendRepository.answer(
                    tx, id: id, answers: [], score: Double(score) * 10, npsResponse: saved.id)
                try await TimelineRepository.insertSystem(
                    tx, customer: saved.customerID, kind: "nps", title: "NPS \(saved.score) (\(saved.category.rawValue))", body: saved.comment,
                    at: now, subjectType: "nps_response", subjectID: saved.id)
            default:
                throw DomainError(.invalid, "this answer does not fit the question", field: "answers")
            }
            form.state = .answered
            return form
        }
    }

    /// Counts a POST from `address` against the limit; the seconds to wait when over it, else `nil`.
    public static func admit(_ store: Store, address: String) async throws -> Int? {
        let key = "check_up_link:address:\(address)"
        let (refused, _) = try await store.system { tx in
            try await CredentialRepository.countAttempt(tx, limits: [(key, postsPerWindow)], window: window)
        }
        guard let refused else { return nil }
        let now = store.now
        let retry = (refused.oldest ?? now).addingTimeInterval(TimeInterval(window.components.seconds)).timeIntervalSince(now)
        return max(1, Int(retry.rounded(.up)))
    }

    /// What the unsubscribe page says: whose mail it stops, and whether it has been stopped already.
    public struct Unsubscribe: Sendable {
        public var orgName: String
        public var locale: Organization.Locale
        public var optedOut: Bool
    }

    /// The unsubscribe page behind `token` — valid for as long as the send exists, answered or expired: opting out
    /// must always be possible. `nil` for a link that never existed.
    public static func unsubscribeTarget(_ store: Store, token: String) async throws -> Unsubscribe? {
        guard let (org, id) = try await resolve(store, token: token) else { return nil }
        return try await store.tenant(org) { tx in
            guard let send = try await CheckUpSendRepository.get(tx, id: id), let o = try await OrganizationRepository.current(tx) else { return nil }
            let state = try await ContactMailStateRepository.get(tx, contact: send.contactID)
            return Unsubscribe(orgName: o.name, locale: o.locale, optedOut: state.optedOutAt != nil)
        }
    }

    /// Opts the link's contact out of all further mail (idempotent); the first opt-out is written on the customer's
    /// timeline, so the CSM sees why check-ups stopped.
    public static func unsubscribe(_ store: Store, token: String) async throws -> Unsubscribe? {
        guard let (org, id) = try await resolve(store, token: token) else { return nil }
        let now = store.now
        return try await store.tenant(org) { tx in
            guard let send = try await CheckUpSendRepository.get(tx, id: id), let o = try await OrganizationRepository.current(tx) else { return nil }
            if try await ContactMailStateRepository.optOut(tx, contact: send.contactID) {
                let contact = try await ContactRepository.get(tx, id: send.contactID)
                let who = contact?.erasedAt == nil ? (contact?.name ?? "") : ""
                let title = switch o.locale {
                case .ja: "\(who.isEmpty ? "連絡先" : who + " 様")がメール配信を停止しました"
                case .en: "\(who.isEmpty ? "A contact" : who) unsubscribed from mail"
                }
                try await TimelineRepository.insertSystem(
                    tx, customer: send.customerID, kind: "event", title: title, at: now, subjectType: "contact", subjectID: send.contactID)
            }
            return Unsubscribe(orgName: o.name, locale: o.locale, optedOut: true)
        }
    }
}
