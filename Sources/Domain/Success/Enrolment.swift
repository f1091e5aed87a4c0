public import Foundation

/// One customer in a success program: when it started, the CSM who runs it, the client's people taking part,
/// the months and hour budget copied from the template at enrolment, the success presentation and the result.
public struct Enrolment: Sendable, Equatable, Codable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case active
        /// Ended with a result (``ProgramResult``).
        case completed
        /// Stopped without a result; counts in no success rate.
        case cancelled
    }

    public var id: UUID
    public var customerID: UUID
    public var templateID: UUID
    public var startDate: LocalDate
    public var months: Int
    public var monthlyBudgetMinutes: Int
    public var csmID: UUID
    /// The client's contacts taking part (ids of the customer's contacts).
    public var participantIDs: [UUID]
    public var state: State
    public var presentation: SuccessPresentation?
    public var result: ProgramResult?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, customerID: UUID, templateID: UUID, startDate: LocalDate, months: Int, monthlyBudgetMinutes: Int, csmID: UUID,
        participantIDs: [UUID], state: State = .active, presentation: SuccessPresentation? = nil, result: ProgramResult? = nil,
        createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.customerID, self.templateID, self.startDate, self.months) = (id, customerID, templateID, startDate, months)
        (self.monthlyBudgetMinutes, self.csmID, self.participantIDs, self.state) = (monthlyBudgetMinutes, csmID, participantIDs, state)
        (self.presentation, self.result, self.createdAt, self.updatedAt, self.version) = (presentation, result, createdAt, updatedAt, version)
    }

    /// Enrols a customer in `template`: its months and budget are copied, so later template edits leave this
    /// program as it was agreed.
    public init(
        id: UUID, customerID: UUID, template: ProgramTemplate, startDate: LocalDate, csmID: UUID, participantIDs: [UUID],
        createdAt: Date
    ) {
        self.init(id: id, customerID: customerID, templateID: template.id, startDate: startDate, months: template.months,
                  monthlyBudgetMinutes: template.monthlyBudgetMinutes, csmID: csmID, participantIDs: participantIDs,
                  createdAt: createdAt, updatedAt: createdAt)
    }

    /// Valid only after ``validated()`` (months ≥ 1).
    public var calendar: ProgramCalendar { ProgramCalendar(start: startDate, months: months) }

    /// Whether the program has begun and not yet ended on `day` — the enrolment is `active` and `day` falls in one
    /// of its months.
    public func isRunning(on day: LocalDate) -> Bool { state == .active && calendar.programMonth(of: day) != nil }

    /// Checks what a person typed, naming the first offending field. A completed program carries its result; an
    /// active or cancelled one does not (a result means the program ended).
    public func validated() throws -> Enrolment {
        guard (1...12).contains(months) else { throw DomainError(.invalid, "a program runs 1 to 12 months", field: "months") }
        guard (15...(40 * 60)).contains(monthlyBudgetMinutes) else {
            throw DomainError(.invalid, "the monthly budget is 0.25 to 40 hours", field: "monthly_budget_minutes")
        }
        guard participantIDs.count <= 100, Set(participantIDs).count == participantIDs.count else {
            throw DomainError(.invalid, "participants are up to 100 distinct contacts", field: "participant_ids")
        }
        var copy = self
        copy.presentation = try presentation?.validated()
        copy.result = try result?.validated()
        switch (state, copy.result) {
        case (.completed, nil): throw DomainError(.missing, "a completed program records its result", field: "result")
        case (.active, _?), (.cancelled, _?): throw DomainError(.invalid, "only a completed program has a result", field: "result")
        default: break
        }
        if let held = copy.presentation?.heldOn, held < startDate {
            throw DomainError(.invalid, "the presentation is held after the program starts", field: "presentation.held_on")
        }
        return copy
    }
}
