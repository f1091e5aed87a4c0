public import Foundation

/// Writes an occurrence's agenda from data: each section of the template asks its generator for items, in the order
/// the body's purpose gives the sections. Pure: the same facts give the same agenda.
public enum AgendaGeneration {
    /// A section as generated: its items in order.
    public struct Section: Sendable, Hashable {
        public var section: AgendaSection
        public var items: [AgendaDraftItem]
    }

    public static func generate(_ template: AgendaTemplate, purpose: MeetingPurpose, facts: AgendaFacts) -> [Section] {
        template.ordered(for: purpose).map { section in
            switch section.content {
            case .generator(let generator):
                return Section(section: section, items: items(generator, facts))
            case .fixed(let texts):
                return Section(section: section, items: texts.enumerated().map { index, text in
                    AgendaDraftItem(
                        subject: nil, title: text, reason: AgendaReason("fixed"), visibility: .everyone,
                        fingerprint: "fixed:\(section.key):\(index)")
                })
            }
        }
    }

    /// One generator's items, most pressing first.
    /// Ties are broken by the subject's id (UUIDs compare by their bytes, the order of their text, without spelling
    /// each one out: sorting 2,000 goals by `uuidString` showed in the meetings bench's profile).
    public static func items(_ generator: AgendaGenerator, _ facts: AgendaFacts) -> [AgendaDraftItem] {
        switch generator {
        case .goalsOffTrack(let includeAtRisk):
            return facts.goals
                .filter { $0.confidence == .offTrack || (includeAtRisk && $0.confidence == .atRisk) }
                .sorted { a, b in
                    let (ra, rb) = (a.confidence == .offTrack ? 0 : 1, b.confidence == .offTrack ? 0 : 1)
                    if ra != rb { return ra < rb }
                    return textOrder(a.title, b.title) ?? (a.goalID < b.goalID)
                }
                .map { goal in
                    AgendaDraftItem(
                        subject: AgendaSubject(.goal, goal.goalID), title: goal.title,
                        reason: AgendaReason(goal.confidence == .offTrack ? "goal_off_track" : "goal_at_risk", ["owner": goal.ownerName, "period": goal.period]),
                        visibility: .goals(scope: goal.placement.scope, people: [goal.ownerID]), fingerprint: "goal:\(goal.goalID.lower)")
                }
        case .checkInsMissing:
            return facts.checkInGaps
                .sorted { ($0.dueDate, $0.ownerName, $0.title) < ($1.dueDate, $1.ownerName, $1.title) }
                .map { gap in
                    let late = gap.dueDate < facts.today
                    return AgendaDraftItem(
                        subject: AgendaSubject(.goal, gap.goalID), title: gap.title,
                        reason: AgendaReason(
                            late ? "check_in_late" : (gap.drafted ? "check_in_draft" : "check_in_missing"),
                            ["owner": gap.ownerName, "period": gap.period, "due": gap.dueDate.description,
                             "days_late": late ? String(gap.dueDate.days(to: facts.today)) : "0"]),
                        visibility: .goals(scope: gap.placement.scope, people: [gap.ownerID]),
                        fingerprint: "check_in:\(gap.goalID.lower):\(gap.period)")
                }
        case .reviewsPending:
            return facts.pendingReviews
                .sorted { ($0.submittedOn, $0.title) < ($1.submittedOn, $1.title) }
                .map { review in
                    var values = ["submitted": review.submittedOn.description, "days": String(review.submittedOn.days(to: facts.today))]
                    if let reviewer = review.reviewerName { values["reviewer"] = reviewer }
                    return AgendaDraftItem(
                        subject: AgendaSubject(.goal, review.goalID), title: review.title, reason: AgendaReason("review_pending", values),
                        visibility: .goals(scope: review.placement.scope, people: [review.ownerID]),
                        fingerprint: "review:\(review.checkInID.lower)")
                }
        case .healthDropped:
            // Each drop once: only drops since the previous occurrence; a customer that fell twice shows its latest.
            var latest: [UUID: AgendaFacts.HealthDrop] = [:]
            for drop in facts.healthDrops where drop.at > facts.since && drop.at <= facts.meetingAt {
                if let seen = latest[drop.customerID], seen.at >= drop.at { continue }
                latest[drop.customerID] = drop
            }
            return latest.values
                .sorted { ($0.to.rank, $0.name, $0.customerID) < ($1.to.rank, $1.name, $1.customerID) }
                .map { drop in
                    AgendaDraftItem(
                        subject: AgendaSubject(.customer, drop.customerID), title: drop.name,
                        reason: AgendaReason("health_dropped", ["from": drop.from.rawValue, "to": drop.to.rawValue, "causes": drop.causes.joined(separator: "\n")]),
                        visibility: .customers(scope: drop.placement.scope, people: drop.people),
                        fingerprint: "health_drop:\(drop.scoreID.lower)")
                }
        case .renewalsDue(let days):
            let horizon = facts.today.adding(days: days)
            return facts.renewals
                .filter { $0.deadline >= facts.today && $0.deadline <= horizon }
                .sorted { ($0.deadline, $0.name, $0.contractID) < ($1.deadline, $1.name, $1.contractID) }
                .map { renewal in
                    var values = ["deadline": renewal.deadline.description, "end": renewal.endDate.description,
                                  "days_left": String(facts.today.days(to: renewal.deadline)), "tickets": renewal.urgentTickets.joined(separator: "\n"),
                                  "ticket_count": String(renewal.urgentTickets.count)]
                    if let grade = renewal.grade { values["grade"] = grade.rawValue }
                    return AgendaDraftItem(
                        subject: AgendaSubject(.customer, renewal.customerID), title: renewal.name, reason: AgendaReason("renewal_due", values),
                        visibility: .customers(scope: renewal.placement.scope, people: renewal.people),
                        fingerprint: "renewal:\(renewal.contractID.lower):\(renewal.deadline)")
                }
        case .accountabilitiesOpen(let unacknowledgedDays):
            // An open action item of the series is an accountability too; it is raised once, as an action.
            let actions = Set(facts.previousActions.compactMap(\.accountabilityID))
            return facts.accountabilities
                .filter { !actions.contains($0.id) }
                .compactMap { item -> (Int, AgendaAccountability)? in
                    if let due = item.dueDate, due < facts.today, !item.state.isClosed, item.state != .declined {
                        return (0, AgendaAccountability(item, code: "accountability_overdue", values: ["due": due.description, "days_late": String(due.days(to: facts.today))]))
                    }
                    if item.state == .pending, item.assignedOn.days(to: facts.today) >= unacknowledgedDays {
                        return (1, AgendaAccountability(item, code: "accountability_unacknowledged", values: ["assigned": item.assignedOn.description, "days": String(item.assignedOn.days(to: facts.today))]))
                    }
                    return nil
                }
                .sorted { ($0.0, $0.1.item.assigneeName, $0.1.item.title) < ($1.0, $1.1.item.assigneeName, $1.1.item.title) }
                .map { _, entry in
                    var values = entry.values
                    values["assignee"] = entry.item.assigneeName
                    return AgendaDraftItem(
                        subject: AgendaSubject(.accountability, entry.item.id), title: entry.item.title, reason: AgendaReason(entry.code, values),
                        visibility: .goals(scope: entry.item.placement.scope, people: [entry.item.assigneeID]),
                        fingerprint: "accountability:\(entry.item.id.lower)")
                }
        case .expansionSignals:
            return facts.expansionSignals
                .filter { $0.at > facts.since && $0.at <= facts.meetingAt }
                .sorted { ($0.at, $0.ticketID) < ($1.at, $1.ticketID) }
                .map { signal in
                    AgendaDraftItem(
                        subject: AgendaSubject(.ticket, signal.ticketID), title: signal.customerName,
                        reason: AgendaReason("expansion_signal", ["note": signal.note]),
                        visibility: .customers(scope: signal.placement.scope, people: signal.people),
                        fingerprint: "signal:\(signal.ticketID.lower)")
                }
        case .previousActions:
            return facts.previousActions
                .sorted { ($0.dueDate ?? .distant, $0.ownerName, $0.title) < ($1.dueDate ?? .distant, $1.ownerName, $1.title) }
                .map { action in
                    var values = ["owner": action.ownerName]
                    if let due = action.dueDate {
                        values["due"] = due.description
                        if due < facts.today { values["days_late"] = String(due.days(to: facts.today)) }
                    }
                    return AgendaDraftItem(
                        subject: AgendaSubject(.actionItem, action.id), title: action.title,
                        reason: AgendaReason(action.dueDate.map { $0 < facts.today } == true ? "action_overdue" : "action_open", values),
                        visibility: .everyone, fingerprint: "action:\(action.id.lower)")
                }
        case .extension(let name):
            return facts.extensions[name] ?? []
        }
    }

    /// Titles in the order of their UTF-8 bytes (code-point order: the same as `<` on the NFC text people and
    /// databases hold, without its Unicode machinery — sorting a company's 600 goals by title showed in the
    /// meetings bench's profile); `nil` when equal.
    static func textOrder(_ a: String, _ b: String) -> Bool? {
        if a.utf8.elementsEqual(b.utf8) { return nil }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private struct AgendaAccountability {
        let item: AgendaFacts.OpenAccountability
        let code: String
        let values: [String: String]
        init(_ item: AgendaFacts.OpenAccountability, code: String, values: [String: String]) {
            (self.item, self.code, self.values) = (item, code, values)
        }
    }
}

extension UUID {
    var lower: String { uuidString.lowercased() }
}

extension LocalDate {
    /// Sorts after every real date (an action without a due day comes last).
    static let distant = LocalDate(checkedYear: 9999, month: 12, day: 31)
}
