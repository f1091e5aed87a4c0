import Credentials
public import Domain
public import Foundation
public import Store

/// Sending check-ups and NPS surveys: each send gets its own link (32 random bytes; only the SHA-256 is kept) and a
/// mail through the outbox in the org's language, carrying the link and an unsubscribe link. The daily run sends
/// the plans that are due and reminds, once, the contacts who have not answered after the org's reminder days.
public enum CheckUpMailing {
    /// The public form a link opens, and the page that opts its contact out.
    public static let formPath = "/c/"
    public static let unsubscribePath = "/u/"

    /// What every send of one transaction shares: the org, its settings and time zone, the links' base, the instant.
    public struct Context: Sendable {
        public var org: Organization
        public var settings: CheckUpSettings
        public var zone: TimeZone
        public var publicURL: String
        public var now: Date

        var month: YearMonth { YearMonth(Recurrence.localDate(of: now, in: zone)) }
    }

    public static func context(_ tx: TenantTransaction, publicURL: String, now: Date) async throws -> Context {
        guard let org = try await OrganizationRepository.current(tx) else { throw DomainError(.notFound, "organisation not found") }
        let settings = try await CheckUpSettingsRepository.get(tx).settings
        return Context(org: org, settings: settings, zone: Organization.zone(org.timeZone), publicURL: publicURL, now: now)
    }

    /// What is being sent: a check-up questionnaire (from a team's plan or by hand) or an NPS campaign's question.
    public enum Survey: Sendable {
        case checkUp(template: UUID, planTeam: UUID?)
        case nps(NPSCampaign)
    }

    /// Issues one send to `recipient` and queues its mail; `nil` when the plan or campaign already sent it.
    public static func issue(
        _ tx: TenantTransaction, _ context: Context, _ survey: Survey, customer: CheckUpAudienceRepository.Member,
        recipient: ContactMailStateRepository.Recipient, sentBy: UUID?
    ) async throws -> CheckUpSendRecord? {
        let token = SecretToken.new()
        var record = CheckUpSendRecord(
            id: .v7(), kind: .checkUp, planTeamID: nil, campaignID: nil, templateID: nil, customerID: customer.id,
            contactID: recipient.contactID, csmID: customer.ownerID, companyID: customer.companyID, month: context.month, sentBy: sentBy,
            sentAt: context.now, expiresAt: context.now.addingTimeInterval(TimeInterval(context.settings.linkValidDays) * 86_400))
        var question: String?
        switch survey {
        case .checkUp(let template, let planTeam):
            (record.templateID, record.planTeamID) = (template, planTeam)
        case .nps(let campaign):
            (record.kind, record.campaignID) = (.nps, campaign.id)
            question = npsQuestion(campaign, org: context.org.name, locale: context.org.locale)
        }
        guard let saved = try await CheckUpSendRepository.insert(tx, record, tokenHash: SecretToken.hash(token)) else { return nil }
        try await queueMail(
            tx, context, token: token, customerName: customer.name, recipient: recipient, expiresAt: saved.expiresAt, npsQuestion: question,
            reminder: false)
        return saved
    }

    /// The campaign's question in `locale`, the org's name in place of `{org}`.
    public static func npsQuestion(_ campaign: NPSCampaign, org: String, locale: Organization.Locale) -> String {
        campaign.question.text(locale).replacingOccurrences(of: "{org}", with: org)
    }

    static func queueMail(
        _ tx: TenantTransaction, _ context: Context, token: String, customerName: String, recipient: ContactMailStateRepository.Recipient,
        expiresAt: Date, npsQuestion: String?, reminder: Bool
    ) async throws {
        let locale = context.org.locale
        let mail = CheckUpMailText.mail(
            .init(
                orgName: context.org.name, customerName: customerName, contactName: recipient.name,
                link: context.publicURL + formPath + token, unsubscribe: context.publicURL + unsubscribePath + token,
                // The last day the link still opens, in the org's zone.
                expiresOn: Recurrence.localDate(of: expiresAt.addingTimeInterval(-1), in: context.zone), npsQuestion: npsQuestion,
                reminder: reminder),
            to: recipient.email, locale: locale)
        try await MailOutboxRepository.enqueue(tx, mail, now: context.now)
    }

    /// What one daily run did.
    public struct Outcome: Sendable, Equatable {
        public var sent: Int
        public var reminded: Int

        public init(sent: Int = 0, reminded: Int = 0) { (self.sent, self.reminded) = (sent, reminded) }
    }

    /// The daily run for one org at `now`: every enabled team plan whose sending day has come (on a business day)
    /// sends its check-up to each of its customers not yet sent one this month; then every open send past the
    /// reminder days whose contact can still be mailed is reminded, once, with a fresh link of its own (the first
    /// stays valid: only hashes are kept, so the first link cannot be mailed again).
    public static func runDaily(_ tx: TenantTransaction, now: Date, publicURL: String) async throws -> Outcome {
        let context = try await context(tx, publicURL: publicURL, now: now)
        let calendar = try await GoalSettingsRepository.businessCalendar(tx)
        let today = Recurrence.localDate(of: now, in: context.zone)
        var outcome = Outcome(sent: 0, reminded: 0)
        for plan in try await CheckUpPlanRepository.enabled(tx) where plan.isDue(today: today, calendar: calendar) {
            guard let templateID = plan.templateID, let template = try await CheckUpTemplateRepository.get(tx, id: templateID),
                  template.archivedAt == nil else { continue }
            let already = try await CheckUpSendRepository.customersSent(tx, planTeam: plan.teamID, month: context.month)
            let customers = try await CheckUpAudienceRepository.customers(tx, company: nil, team: plan.teamID, segment: plan.segment)
                .filter { !already.contains($0.id) }
            let byID = Dictionary(uniqueKeysWithValues: customers.map { ($0.id, $0) })
            for recipient in try await ContactMailStateRepository.recipients(tx, customers: customers.map(\.id), rule: plan.recipients) {
                guard let customer = byID[recipient.customerID] else { continue }
                if try await issue(tx, context, .checkUp(template: template.id, planTeam: plan.teamID), customer: customer, recipient: recipient,
                                   sentBy: nil) != nil {
                    outcome.sent += 1
                }
            }
        }
        // The reminders' recipients, customers and campaigns are read once for all of them; each reminder then
        // writes its own mark and mail.
        let due = try await CheckUpSendRepository.dueReminders(tx, now: now, afterDays: context.settings.reminderAfterDays)
            .filter { $0.send.reminderIsDue(at: now, settings: context.settings, reachable: true) }
        let customerIDs = Array(Set(due.map(\.customerID)))
        let reachable = Dictionary(
            try await ContactMailStateRepository.recipients(tx, customers: customerIDs, rule: .allContacts).map { ($0.contactID, $0) },
            uniquingKeysWith: { first, _ in first })
        let customerNames = try await CustomerRepository.names(tx, customerIDs)
        var questions: [UUID: String?] = [:]
        for send in due {
            guard let recipient = reachable[send.contactID], recipient.customerID == send.customerID,
                  let customerName = customerNames[send.customerID] else { continue }
            let token = SecretToken.new()
            guard try await CheckUpSendRepository.markReminded(tx, id: send.id, tokenHash: SecretToken.hash(token), at: now) else { continue }
            var question: String?
            if let id = send.campaignID {
                if questions[id] == nil {
                    questions[id] = .some(try await NPSCampaignRepository.get(tx, id: id).map {
                        npsQuestion($0, org: context.org.name, locale: context.org.locale)
                    })
                }
                question = questions[id] ?? nil
            }
            try await queueMail(
                tx, context, token: token, customerName: customerName, recipient: recipient, expiresAt: send.expiresAt, npsQuestion: question,
                reminder: true)
            outcome.reminded += 1
        }
        return outcome
    }
}

