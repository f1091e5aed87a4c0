public import Domain
public import Foundation
public import Store

/// Renewal alerts (issue 13): 90, 60 and 30 days before each active contract's cancellation-notice deadline
/// (解約予告期限; the end date when it does not auto-renew), to the owning CSM, the sales owner and the CSM's
/// reviewer — each once — with what must be settled before the notice goes out (seed 004): the open urgent/high
/// tickets, current health and NPS. Also the `renewal.alert` webhook event. Run daily by the scheduler.
public enum RenewalAlerting {
    /// A run catches up at most this many days (a worker down for longer does not flood people with stale alerts).
    public static let maximumCatchUpDays = 31

    /// Sends every alert due after `lastRun` (the day before `today` when nil) through `today` that was not sent
    /// yet. Returns how many alerts were sent (each to up to three people).
    @discardableResult
    public static func run(_ tx: TenantTransaction, today: LocalDate, lastRun: LocalDate?, now: Date) async throws -> Int {
        let start = max(lastRun ?? today.adding(days: -1), today.adding(days: -maximumCatchUpDays))
        guard start < today else { return 0 }
        let earliestOffset = RenewalSchedule.alertOffsets.min() ?? 30
        let latestOffset = RenewalSchedule.alertOffsets.max() ?? 90
        // An alert on day x is due for a deadline x + offset; a deadline is at most 24 months (731 days) before the end.
        let candidates = try await RenewalAlertRepository.candidates(
            tx, endFrom: start.adding(days: 1 + earliestOffset), endThrough: today.adding(days: latestOffset + 731))
        var due: [(RenewalAlertRepository.Candidate, RenewalSchedule.Alert, RenewalSchedule)] = []
        for candidate in candidates {
            guard let schedule = try? RenewalSchedule(endDate: candidate.endDate, autoRenews: candidate.autoRenews, notice: candidate.notice)
            else { continue }
            for alert in schedule.alertsDue(after: start, through: today) { due.append((candidate, alert, schedule)) }
        }
        guard !due.isEmpty else { return 0 }
        let sent = try await RenewalAlertRepository.sent(tx, contracts: Array(Set(due.map(\.0.contractID))))
        let pending = due.filter { !sent.contains(RenewalAlertRepository.key($0.0.contractID, $0.1.deadline, $0.1.daysBefore)) }
        guard !pending.isEmpty else { return 0 }
        let contexts = try await RenewalAlertRepository.contexts(tx, customers: Array(Set(pending.map(\.0.customerID))), today: today)
        var locales: [UUID: Organization.Locale] = [:]
        var count = 0
        var people = Recipients()
        for (candidate, alert, _) in pending {
            // The row first: a second worker or a rerun finds it and sends nothing.
            guard try await RenewalAlertRepository.record(
                tx, contract: candidate.contractID, deadline: alert.deadline, daysBefore: alert.daysBefore, at: now)
            else { continue }
            let context = contexts[candidate.customerID] ?? RenewalAlertRepository.Context()
            let daysLeft = today.days(to: alert.deadline)
            for recipient in try await recipients(tx, candidate, on: today, known: &people) {
                let locale: Organization.Locale
                if let known = locales[recipient] {
                    locale = known
                } else {
                    locale = try await GoalSettingsRepository.calendarFacts(tx, reader: recipient).locale
                    locales[recipient] = locale
                }
                try await NotificationRepository.deliver(
                    tx, to: recipient,
                    .renewalAlert(
                        customer: candidate.customerName, deadline: alert.deadline, daysLeft: daysLeft, endDate: candidate.endDate,
                        grade: candidate.healthGrade, total: candidate.healthTotal, nps: context.nps, npsResponses: context.npsResponses,
                        latestAnswer: context.latestAnswer, tickets: context.ticketTitles, ticketCount: context.ticketCount,
                        locale: locale),
                    subjectType: "customer", subjectID: candidate.customerID, now: now)
            }
            var data: [String: Any] = [
                "customer_id": candidate.customerID.uuidString.lowercased(), "customer_name": candidate.customerName,
                "contract_id": candidate.contractID.uuidString.lowercased(), "deadline": alert.deadline.description,
                "end_date": candidate.endDate.description, "days_before": alert.daysBefore, "days_left": daysLeft,
                "auto_renews": candidate.autoRenews, "open_high_priority_tickets": context.ticketCount,
                "open_high_priority_ticket_titles": context.ticketTitles, "nps_responses": context.npsResponses,
            ]
            if let grade = candidate.healthGrade { data["health_grade"] = grade.rawValue }
            if let total = candidate.healthTotal { data["health_total"] = total }
            if let nps = context.nps { data["nps"] = nps }
            if let latest = context.latestAnswer { data["latest_nps_answer"] = latest }
            if let name = candidate.contractName { data["contract_name"] = name }
            try await WebhookRepository.emit(
                tx,
                .renewalAlert(
                    id: .v7(), at: now, data: HealthFormat.json(data), customer: candidate.customerName,
                    deadline: alert.deadline.description, daysLeft: daysLeft, openTickets: context.ticketCount))
            count += 1
        }
        return count
    }

    /// What one run has learnt about people: a CSM's reviewer for a team, whether a member is active. One CSM owns
    /// many renewing customers, so each is looked up once per run rather than once per alert.
    struct Recipients {
        struct ReviewerKey: Hashable {
            let owner: UUID
            let teamID: UUID?
            let companyID: UUID
        }
        var reviewers: [ReviewerKey: UUID?] = [:]
        var active: [UUID: Bool] = [:]
    }

    /// The owning CSM, the sales owner and the CSM's reviewer (the reporting line: the holder of the position
    /// above the CSM's, else a manager of the customer's team or company), each once, active members only.
    static func recipients(
        _ tx: TenantTransaction, _ c: RenewalAlertRepository.Candidate, on day: LocalDate, known: inout Recipients
    ) async throws -> [UUID] {
        var people: [UUID] = []
        if let owner = c.ownerID { people.append(owner) }
        if let sales = c.salesOwnerID { people.append(sales) }
        if let owner = c.ownerID {
            let key = Recipients.ReviewerKey(owner: owner, teamID: c.teamID, companyID: c.companyID)
            var reviewer: UUID?
            if let cached = known.reviewers[key] {
                reviewer = cached
            } else {
                if let position = try await PositionRepository.primaryPosition(tx, member: owner, on: day) {
                    let line = try await PositionRepository.chain(tx, from: position, on: day)
                    reviewer = PositionRules.reviewer(owner: owner, line: line.map { ($0.position.id, $0.holders) })
                }
                if reviewer == nil {
                    reviewer = try await PositionRepository.manager(tx, teamID: c.teamID, companyID: c.companyID, excluding: owner)
                }
                known.reviewers[key] = .some(reviewer)
            }
            if let reviewer { people.append(reviewer) }
        }
        var seen: Set<UUID> = []
        var active: [UUID] = []
        for person in people where seen.insert(person).inserted {
            let isActive: Bool
            if let cached = known.active[person] {
                isActive = cached
            } else {
                isActive = try await MemberRepository.get(tx, id: person)?.active == true
                known.active[person] = isActive
            }
            if isActive { active.append(person) }
        }
        return active
    }
}
