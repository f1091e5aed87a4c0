public import Domain
public import Foundation
public import Store

/// Check-ins and their reviews: the owner records and submits the period's values; the reviewer (found through
/// the reporting line) accepts or asks for changes. Each use case reads what it needs, checks the caller's right,
/// writes, tells the people concerned, emits the webhook event and audits — in the caller's transaction.
public struct CheckIns: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The values a record sets: `nil` leaves a field alone, `.some(nil)` clears it.
    public struct Values: Sendable {
        public var actual: Double??
        public var confidence: CheckIn.Confidence??
        public var comment: String??
        public var blockers: String??

        public init(actual: Double??, confidence: CheckIn.Confidence??, comment: String??, blockers: String??) {
            (self.actual, self.confidence, self.comment, self.blockers) = (actual, confidence, comment, blockers)
        }
    }

    /// A goal's check-ins, by period.
    public func list(goalID: UUID) async throws -> [CheckIn] {
        let goal = try await readableGoal(goalID)
        return try await CheckInRepository.list(tx, goalID: goal.id)
    }

    /// A check-in with its review history.
    public func get(_ id: UUID) async throws -> (CheckIn, [CheckInRepository.Review]) {
        let (checkIn, _) = try await readable(id)
        return (checkIn, try await CheckInRepository.reviews(tx, checkInID: id))
    }

    /// Records the period's values, opening the check-in first if it is not open yet; submits too when asked.
    public func record(goalID: UUID, period text: String, _ values: Values, submit: Bool, expectedVersion: Int?) async throws -> CheckIn {
        if case .some(.some(let actual)) = values.actual, !actual.isFinite {
            throw DomainError(.invalid, "actual must be a finite number", field: "actual")
        }
        let goal = try await readableGoal(goalID)
        try GoalAccess.requireWrite(identity, goal)
        guard !goal.isArchived else { throw DomainError(.invalid, "the goal is archived; it takes no check-ins", field: "goal_id") }
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        let period = try CheckInRules.period(text, of: goal, today: facts.today)
        let (opened, created) = try await CheckInOpening.open(tx, goal: goal, period: period, facts: facts)
        try CheckInRules.requireEditable(opened)
        guard let recorded = try await CheckInRepository.record(
            tx, id: opened.id, actual: values.actual, confidence: values.confidence, comment: values.comment,
            blockers: values.blockers, expectedVersion: created ? nil : expectedVersion)
        else { throw DomainError.stale }
        var result = recorded
        if submit { result = try await submitting(recorded, goal: goal, facts: facts) }
        try await Audit.record(
            tx, caller, action: created ? "check_in.open" : "check_in.record", resource: "check_in", id: result.id,
            before: created ? nil : opened, after: result)
        return result
    }

    /// Submits for review: a late one is marked late, not refused; the reviewer hears of it.
    public func submit(_ id: UUID) async throws -> CheckIn {
        let (checkIn, goal) = try await readable(id, forUpdate: true)
        try GoalAccess.requireWrite(identity, goal)
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        let submitted = try await submitting(checkIn, goal: goal, facts: facts)
        try await Audit.record(tx, caller, action: "check_in.submit", resource: "check_in", id: id, before: checkIn, after: submitted)
        return submitted
    }

    /// Accepts a submitted check-in or asks for changes — never one's own; the owner hears the decision.
    public func review(_ id: UUID, decision: CheckIn.ReviewDecision, comment: String?) async throws -> (CheckIn, [CheckInRepository.Review]) {
        let (checkIn, goal) = try await readable(id, forUpdate: true)
        guard goal.ownerID != identity.memberID else {
            throw DomainError(.forbidden, "nobody reviews their own check-in", permission: Permission.reviewCheckIns.rawValue)
        }
        if checkIn.reviewerID != identity.memberID {
            try identity.require(.reviewCheckIns, in: goal.permissionScope)
        }
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        try CheckInRules.requireReviewable(checkIn, decision: decision, comment: comment)
        let reviewed = try await CheckInRepository.review(
            tx, id: id, reviewer: identity.memberID, decision: decision, comment: comment?.isEmpty == true ? nil : comment)
        try await WebhookRepository.emit(
            tx,
            .checkInReviewed(
                id: .v7(), at: caller.now, data: Self.eventData(reviewed, goal: goal), goal: goal.title,
                period: reviewed.period.description, accepted: decision == .accept))
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: goal.ownerID)
        if let owner = try await MemberRepository.get(tx, id: goal.ownerID), owner.active {
            try await NotificationRepository.deliver(
                tx, to: goal.ownerID,
                .checkInReviewed(goal: goal.title, period: checkIn.period, accepted: decision == .accept, comment: comment, locale: facts.locale),
                subjectType: "check_in", subjectID: id)
        }
        try await Audit.record(tx, caller, action: "check_in.review", resource: "check_in", id: id, before: checkIn, after: reviewed)
        return (reviewed, try await CheckInRepository.reviews(tx, checkInID: id))
    }

    private func readableGoal(_ id: UUID) async throws -> Goal {
        guard let goal = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, goal) else {
            throw DomainError(.notFound, "goal not found")
        }
        return goal
    }

    /// The check-in and its goal, if the caller may read the goal.
    private func readable(_ id: UUID, forUpdate: Bool = false) async throws -> (CheckIn, Goal) {
        guard let checkIn = try await CheckInRepository.get(tx, id: id, forUpdate: forUpdate),
            let goal = try await GoalRepository.get(tx, id: checkIn.goalID), GoalAccess.canRead(identity, goal)
        else { throw DomainError(.notFound, "check-in not found") }
        return (checkIn, goal)
    }

    /// Late when today (in the org's zone) is after the due day.
    private func submitting(_ checkIn: CheckIn, goal: Goal, facts: OrgFacts) async throws -> CheckIn {
        guard !goal.isArchived else { throw DomainError(.invalid, "the goal is archived; it takes no check-ins", field: "goal_id") }
        try CheckInRules.requireSubmittable(checkIn, goal: goal)
        var reviewer = checkIn.reviewerID
        if reviewer == nil { reviewer = try await ReviewerLookup.reviewer(tx, goal: goal, on: facts.today) }
        let submitted = try await CheckInRepository.submit(tx, id: checkIn.id, late: facts.today > checkIn.dueOn, reviewerID: reviewer)
        try await WebhookRepository.emit(
            tx,
            .checkInSubmitted(
                id: .v7(), at: caller.now, data: Self.eventData(submitted, goal: goal), goal: goal.title,
                period: submitted.period.description, late: submitted.late))
        if let reviewerID = submitted.reviewerID, let reviewerMember = try await MemberRepository.get(tx, id: reviewerID),
            reviewerMember.active
        {
            let owner = try await MemberRepository.get(tx, id: goal.ownerID)
            try await NotificationRepository.deliver(
                tx, to: reviewerID,
                .checkInSubmitted(goal: goal.title, period: submitted.period, by: owner?.displayName ?? "", locale: reviewerMember.locale ?? facts.orgLocale),
                subjectType: "check_in", subjectID: submitted.id)
        }
        return submitted
    }

    /// A check-in as webhook data.
    static func eventData(_ c: CheckIn, goal: Goal) -> String {
        var object: [String: Any] = [
            "check_in_id": c.id.uuidString.lowercased(), "goal_id": goal.id.uuidString.lowercased(), "goal_title": goal.title,
            "period": c.period, "state": c.state.rawValue, "late": c.late, "owner_id": goal.ownerID.uuidString.lowercased(),
        ]
        if let actual = c.actual { object["actual"] = actual }
        if let confidence = c.confidence { object["confidence"] = confidence.rawValue }
        if let decision = c.reviewDecision { object["review_decision"] = decision.rawValue }
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
