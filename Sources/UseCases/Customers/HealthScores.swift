public import Domain
public import Foundation
public import Store

/// Scoring: every customer of the org (the monthly run, a rescore) or one (on demand), with the current model,
/// read set-based and written in one statement; a grade drop tells the owning CSM, the org's webhooks and the
/// customer's timeline. Used by the requests below and by the scheduler's jobs, which act for no member.
public enum HealthScoreRun {
    /// The on-demand rescoring of all customers (`POST /v1/health/rescore`).
    public static let rescoreJobKind = "health.rescore"

    public struct Summary: Sendable, Equatable {
        public var modelVersion: Int
        public var month: LocalDate
        public var scored: Int
        public var dropped: Int
    }

    /// Scores the live customers (or only `only`) as of `now` for `month` (the month of `now` in the org's zone when
    /// nil), stores every score and moves the customers' current grade. `author` is the member who asked, if one did.
    @discardableResult
    public static func run(
        _ tx: TenantTransaction, only: UUID? = nil, month: LocalDate? = nil, source: HealthScoreRepository.Source, now: Date,
        author: UUID? = nil
    ) async throws -> Summary {
        let version = try await HealthModelRepository.current(tx)
        let model = version.model
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let today = facts.today
        let month = month ?? today.firstOfMonth
        let subjects = try await HealthInputsRepository.subjects(tx, only: only)
        guard !subjects.isEmpty else { return Summary(modelVersion: model.version, month: month, scored: 0, dropped: 0) }
        let inputs = try await HealthInputsRepository.inputs(tx, model: model, only: only, now: now, today: today)
        let previous = try await HealthScoreRepository.latestGrades(tx, only: only)
        var scores: [HealthScoreRepository.NewScore] = []
        scores.reserveCapacity(subjects.count)
        for subject in subjects {
            let score = try model.score(inputs[subject.id] ?? [:])
            scores.append(HealthScoreRepository.NewScore(id: .v7(), customerID: subject.id, score: score))
        }
        try await HealthScoreRepository.insertAll(tx, scores, month: month, scoredAt: now, source: source)

        let bySubject = Dictionary(subjects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let drops = scores.filter { new in previous[new.customerID].map { new.score.grade < $0.grade } ?? false }
        let before = try await HealthScoreRepository.get(tx, ids: drops.compactMap { previous[$0.customerID]?.id })
        // A CSM owns many customers: their language (nil when they are not active) is looked up once per run.
        var ownerLocales: [UUID: Organization.Locale?] = [:]
        for drop in drops {
            guard let subject = bySubject[drop.customerID], let previousID = previous[drop.customerID]?.id,
                  let prior = before[previousID] else { continue }
            var ownerLocale: Organization.Locale?
            if let owner = subject.ownerID {
                if let known = ownerLocales[owner] {
                    ownerLocale = known
                } else {
                    let active = try await MemberRepository.get(tx, id: owner)?.active == true
                    ownerLocale = active ? try await GoalSettingsRepository.calendarFacts(tx, reader: owner).locale : nil
                    ownerLocales[owner] = .some(ownerLocale)
                }
            }
            try await announceDrop(
                tx, subject: subject, ownerLocale: ownerLocale, scoreID: drop.id, change: HealthScore.compare(prior.score, drop.score),
                now: now, orgLocale: facts.orgLocale, author: author)
        }
        return Summary(modelVersion: model.version, month: month, scored: scores.count, dropped: drops.count)
    }

    /// The signals that lost the most points, worst first (at most three).
    static func causes(_ change: HealthChange) -> [HealthChange.SignalChange] {
        Array(change.signals.filter { $0.delta < 0 }.sorted { $0.delta < $1.delta }.prefix(3))
    }

    private static func announceDrop(
        _ tx: TenantTransaction, subject: HealthInputsRepository.Subject, ownerLocale: Organization.Locale?, scoreID: UUID,
        change: HealthChange, now: Date, orgLocale: Organization.Locale, author: UUID?
    ) async throws {
        let causes = causes(change)
        func worded(_ locale: Organization.Locale) -> [String] {
            causes.map { "\($0.kind.label(locale)) \(HealthFormat.signed($0.delta))" }
        }
        if let owner = subject.ownerID, let locale = ownerLocale {
            try await NotificationRepository.deliver(
                tx, to: owner,
                .customerHealthDropped(
                    customer: subject.name, from: change.previousGrade, to: change.currentGrade, previousTotal: change.previousTotal,
                    total: change.currentTotal, causes: worded(locale), locale: locale),
                subjectType: "customer", subjectID: subject.id, now: now)
        }
        let data: [String: Any] = [
            "customer_id": subject.id.uuidString.lowercased(), "customer_name": subject.name, "score_id": scoreID.uuidString.lowercased(),
            "from": change.previousGrade.rawValue, "to": change.currentGrade.rawValue,
            "previous_total": change.previousTotal, "total": change.currentTotal, "same_model_version": change.sameModelVersion,
            "signals": causes.map { c -> [String: Any] in
                var entry: [String: Any] = ["kind": c.kind.description, "delta": c.delta]
                if let p = c.previous { entry["previous_contribution"] = p.contribution; entry["previous_raw"] = p.raw ?? NSNull() }
                if let n = c.current { entry["current_contribution"] = n.contribution; entry["current_raw"] = n.raw ?? NSNull() }
                return entry
            },
        ]
        try await WebhookRepository.emit(
            tx,
            .customerHealthDropped(
                id: .v7(), at: now, data: HealthFormat.json(data), customer: subject.name, from: change.previousGrade.rawValue,
                to: change.currentGrade.rawValue))
        let title = orgLocale == .ja
            ? "ヘルスグレードが \(change.previousGrade.rawValue) から \(change.currentGrade.rawValue) に下がりました"
            : "Health grade dropped from \(change.previousGrade.rawValue) to \(change.currentGrade.rawValue)"
        let words = worded(orgLocale)
        let body = words.isEmpty ? nil : (orgLocale == .ja ? "主な要因: " + words.joined(separator: "、") : "Main causes: " + words.joined(separator: ", "))
        try await TimelineRepository.insertSystem(
            tx, customer: subject.id, kind: "health_change", title: title, body: body, author: author, at: now,
            subjectType: "health_score", subjectID: scoreID)
    }
}

/// Small formatting for health notices and webhook data.
enum HealthFormat {
    /// "+3.5" / "−8.0" points.
    static func signed(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        return (value < 0 ? "−" : "+") + "\(tenths / 10).\(tenths % 10)"
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A customer's health through the API: "why this grade?", its history, scoring now.
public struct HealthScores: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The answer to "why C?": the latest score with every contribution, the model's thresholds, and what changed
    /// since the latest score of an earlier month.
    public struct Explanation: Sendable {
        public var customer: Customer
        public var latest: HealthScoreRepository.Stored?
        public var thresholds: GradeThresholds?
        public var previous: HealthScoreRepository.Stored?
        public var change: HealthChange?
    }

    /// The customer, if the caller may read it; otherwise not found (never 403, which would confirm it exists).
    func readable(_ id: UUID) async throws -> Customer {
        try await Customers.readable(tx, identity, id)
    }

    public func explain(_ id: UUID) async throws -> Explanation {
        let customer = try await readable(id)
        guard let latest = try await HealthScoreRepository.latest(tx, customer: id) else {
            return Explanation(customer: customer, latest: nil, thresholds: nil, previous: nil, change: nil)
        }
        let model = try await HealthModelRepository.get(tx, version: latest.score.modelVersion)
        let previous = try await HealthScoreRepository.latestBefore(tx, customer: id, month: latest.month)
        return Explanation(
            customer: customer, latest: latest, thresholds: model?.model.thresholds, previous: previous,
            change: previous.map { HealthScore.compare($0.score, latest.score) })
    }

    /// Scores the customer now with the current model: whoever may edit it, and CS operations.
    public func scoreNow(_ id: UUID) async throws -> Explanation {
        let customer = try await readable(id)
        guard CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer)
            || identity.authorizer.can(identity.actor, .manageHealthModels, in: customer.scope).allowed
        else {
            throw DomainError(
                .forbidden, "scoring a customer needs the right to edit it",
                permission: CustomerAccessRules.editPermission(identity.actor, customer).rawValue)
        }
        guard customer.archivedAt == nil, customer.mergedInto == nil else {
            throw DomainError(.conflict, "an archived or merged customer is not scored")
        }
        try await HealthScoreRun.run(tx, only: id, source: .onDemand, now: caller.now, author: identity.memberID)
        return try await explain(id)
    }

    /// The latest score of each of the last `months` months (this one included), oldest first.
    public func history(_ id: UUID, months: Int) async throws -> [HealthScoreRepository.MonthGrade] {
        _ = try await readable(id)
        guard (1...120).contains(months) else { throw DomainError(.invalid, "months is a number from 1 to 120", field: "months") }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        return try await HealthScoreRepository.history(tx, customer: id, from: today.firstOfMonth.adding(months: -(months - 1)))
    }

    /// Queues the rescoring of every customer with the current model; returns the job's id.
    public func requestRescore() async throws -> UUID {
        try identity.require(.manageHealthModels, in: .org)
        let id = UUID.v7()
        _ = try await JobRepository.enqueue(
            tx, NewJob(kind: HealthScoreRun.rescoreJobKind, payload: "{}", orgID: tx.org, maxAttempts: 5, id: id), now: caller.now)
        try await Audit.record(tx, caller, action: "health.rescore", resource: "job", id: id)
        return id
    }
}
