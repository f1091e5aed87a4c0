public import Domain
public import Foundation
public import Store

extension CustomerSuccess {
    /// Brings what is recorded in step with where the customer stands: bound measures whose judgement changed are
    /// recorded (source `metric`, so the history shows when the figures crossed the line), a tier newly reached opens
    /// a period and one no longer met closes it — each announced on the timeline (tagged with the tier), to the owning
    /// CSM (unless they made the change themselves) and to the webhooks. Every write here calls it; a job that imports
    /// usage figures can call it too (no caller: `by` is whoever caused it, if anyone). Answers the changes.
    @discardableResult
    public static func reconcile(
        _ tx: TenantTransaction, _ customer: Customer, today: LocalDate, now: Date, by member: UUID?
    ) async throws -> [SuccessTierChange] {
        try await reconcile(tx, customer, inputs: try await inputs(tx, customer, today: today), today: today, now: now, by: member)
    }

    /// ``reconcile(_:_:today:now:by:)`` for many customers (a usage import's): what it reads is read once for all
    /// of them, what it writes is written per customer that changed.
    @discardableResult
    public static func reconcile(
        _ tx: TenantTransaction, customers: [Customer], today: LocalDate, now: Date, by member: UUID?
    ) async throws -> [SuccessTierChange] {
        var unique: [Customer] = []
        var seen = Set<UUID>()
        for customer in customers where seen.insert(customer.id).inserted { unique.append(customer) }
        let inputs = try await inputs(tx, unique, today: today)
        var changes: [SuccessTierChange] = []
        for customer in unique {
            guard let these = inputs[customer.id] else { continue }
            changes += try await reconcile(tx, customer, inputs: these, today: today, now: now, by: member)
        }
        return changes
    }

    private static func reconcile(
        _ tx: TenantTransaction, _ customer: Customer, inputs: Inputs, today: LocalDate, now: Date, by member: UUID?
    ) async throws -> [SuccessTierChange] {
        let tiers = evaluate(companyID: customer.companyID, customerID: customer.id, inputs, today: today)
        for tier in tiers {
            guard let definition = tier.definition else { continue }
            for view in tier.measures where view.source == .metric {
                guard let judged = view.status else { continue }
                let recorded = inputs.stored.first { $0.definitionID == definition.id && $0.status.measureID == view.measure.id && $0.source == .metric }
                if recorded?.status.state == judged.state || (recorded == nil && judged.state == .unknown) { continue }
                _ = try await MeasureStatusRepository.record(
                    tx, customer: customer.id, definition: definition.id, judged, source: .metric, sourceID: nil, expectedVersion: nil)
            }
        }
        var changes: [SuccessTierChange] = []
        for tier in tiers {
            let open = inputs.openPeriods.first { $0.tier == tier.tier }
            if tier.reached, open == nil, let definition = tier.definition, let on = tier.status.reachedOn(definition) {
                guard try await SuccessAttainmentRepository.reach(tx, customer: customer.id, tier: tier.tier, definition: definition.id, on: on) != nil
                else { continue }
                changes.append(SuccessTierChange(
                    customerID: customer.id, customerName: customer.name, tier: tier.tier, reached: true, on: on,
                    measures: tier.measures.filter { $0.measure.required }.map(\.measure.name)))
            } else if !tier.reached, let open {
                guard let closed = try await SuccessAttainmentRepository.lose(tx, id: open.id, on: today), let lostOn = closed.lostOn else { continue }
                changes.append(SuccessTierChange(
                    customerID: customer.id, customerName: customer.name, tier: tier.tier, reached: false, on: lostOn,
                    measures: tier.measures.filter { $0.measure.required && $0.state != .met }.map(\.measure.name)))
            }
        }
        for change in changes {
            try await announce(tx, change, customer: customer, today: today, now: now, by: member)
        }
        return changes
    }

    private static func announce(
        _ tx: TenantTransaction, _ change: SuccessTierChange, customer: Customer, today: LocalDate, now: Date, by member: UUID?
    ) async throws {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        // A reach dated in the past (a judgement written up later) sits on its own day in the timeline.
        var at = now
        if change.on < today, let zone = TimeZone(identifier: facts.timeZone), let nine = LocalTime(hour: 9, minute: 0) {
            at = Recurrence.instant(change.on, nine, in: zone)
        }
        let title = change.timelineTitle(facts.orgLocale)
        let body = change.timelineBody(facts.orgLocale)
        let entry = TimelineEntry(
            id: .v7(), customerID: customer.id, kind: .event, successTag: change.tier.timelineTag, authorID: member, occurredAt: at,
            title: title, body: body, createdAt: now, updatedAt: now)
        _ = try await TimelineRepository.insert(tx, entry, now: now)
        if let owner = customer.ownerID, owner != member {
            let locale = try await GoalSettingsRepository.calendarFacts(tx, reader: owner).locale
            try await NotificationRepository.deliver(tx, to: owner, change.notification(locale), subjectType: "customer", subjectID: customer.id, now: now)
        }
        let data = WebhookData(
            customerID: customer.id, customerName: customer.name, tier: change.tier.rawValue, reached: change.reached, on: change.on.description,
            measures: change.measures)
        try await WebhookRepository.emit(
            tx, change.webhookEvent(id: .v7(), at: now, data: String(decoding: try CanonicalJSONEncoder().encode(data), as: UTF8.self)))
    }

    struct WebhookData: Encodable {
        var customerID: UUID
        var customerName: String
        var tier: String
        var reached: Bool
        var on: String
        var measures: [String]
    }
}
