public import Foundation

/// A customer placed on one published version of a standard process and its way through the steps, in order:
/// each step starts the day the one before it was completed (the first on the day of placing), so a step's lead
/// time is the days from one completion to the next. Moving the customer to another version is a new placement;
/// this one stays as history.
public struct ProcessProgress: Sendable, Equatable, Codable {
    /// One completed step.
    public struct Completion: Sendable, Equatable, Codable {
        public var stepID: UUID
        public var completedOn: LocalDate

        public init(stepID: UUID, completedOn: LocalDate) { (self.stepID, self.completedOn) = (stepID, completedOn) }
    }

    /// A step as this customer lived it: when it started and, if done, when it was completed.
    public struct Span: Sendable, Equatable {
        public var step: ProcessStep
        public var startedOn: LocalDate
        public var completedOn: LocalDate?

        /// Days the step took, or — while it is the current step — has taken up to `today`.
        public func days(today: LocalDate) -> Int { startedOn.days(to: completedOn ?? today) }
    }

    public var customerID: UUID
    public var processID: UUID
    public var versionID: UUID
    public var placedOn: LocalDate
    public private(set) var completions: [Completion]

    public init(customerID: UUID, processID: UUID, versionID: UUID, placedOn: LocalDate, completions: [Completion] = []) {
        (self.customerID, self.processID, self.versionID, self.placedOn, self.completions) = (customerID, processID, versionID, placedOn, completions)
    }

    /// Places a customer on `version` on `day`; only a published version takes customers.
    public static func placing(customerID: UUID, on version: ProcessVersion, day: LocalDate) throws -> ProcessProgress {
        guard version.isPublished else {
            throw DomainError(.conflict, "version \(version.number) is a draft; publish it before placing customers on it", field: "version_id")
        }
        return ProcessProgress(customerID: customerID, processID: version.processID, versionID: version.id, placedOn: day)
    }

    /// The step the customer is on; `nil` once every step is done.
    public func currentStep(in version: ProcessVersion) -> ProcessStep? {
        completions.count < version.steps.count ? version.steps[completions.count] : nil
    }

    /// When the current step started.
    public var currentStepStartedOn: LocalDate { completions.last?.completedOn ?? placedOn }

    public func isFinished(in version: ProcessVersion) -> Bool { completions.count >= version.steps.count }

    /// Completes the current step on `day`. Steps go in order: completing any other is a `conflict` (field
    /// `step_id`), and a completion before the step started is `invalid` (field `completed_on`).
    public mutating func complete(stepID: UUID, on day: LocalDate, in version: ProcessVersion) throws {
        guard version.id == versionID else { throw DomainError(.conflict, "the customer is on another version of the process", field: "version_id") }
        guard let current = currentStep(in: version) else { throw DomainError(.conflict, "every step is already complete", field: "step_id") }
        guard current.id == stepID else {
            throw DomainError(.conflict, "the customer is on step “\(current.name)”; steps are completed in order", field: "step_id")
        }
        guard day >= currentStepStartedOn else {
            throw DomainError(.invalid, "the step started on \(currentStepStartedOn); it cannot be completed before", field: "completed_on")
        }
        completions.append(Completion(stepID: stepID, completedOn: day))
    }

    /// The steps reached so far — completed ones and the current one — with their days.
    public func spans(in version: ProcessVersion) -> [Span] {
        var spans: [Span] = []
        var start = placedOn
        for (index, step) in version.steps.enumerated() {
            if index < completions.count {
                spans.append(Span(step: step, startedOn: start, completedOn: completions[index].completedOn))
                start = completions[index].completedOn
            } else {
                spans.append(Span(step: step, startedOn: start, completedOn: nil))
                break
            }
        }
        return spans
    }
}
