import Domain
import Foundation
import Testing

/// Standard processes (seed 000): RACI rules, immutable published versions, adoption by companies, customers'
/// progress, and the reports process owners read.
@Suite struct StandardProcessTests {
    let csmPosition = UUID(), leader = UUID(), sales = UUID(), support = UUID()
    let processID = UUID()

    func raci() -> RACI { RACI(responsible: [csmPosition], accountable: [leader], consulted: [sales], informed: [support]) }

    func step(_ name: String, days: Int) -> ProcessStep {
        ProcessStep(id: UUID(), name: name, expectedDays: days, exitCriterion: "\(name) done", raci: raci())
    }

    func published(_ steps: [ProcessStep], number: Int = 1) throws -> ProcessVersion {
        var version = ProcessVersion(id: UUID(), processID: processID, number: number, steps: steps, createdAt: successInstant())
        try version.publish(at: successInstant(60))
        return version
    }

    func field(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch { return (error as? DomainError)?.field ?? "?" }
    }

    @Test func raciNeedsOneAccountableAndKeepsLettersApart() throws {
        _ = try raci().validated(field: "raci", knownPositions: [csmPosition, leader, sales, support])
        #expect(try RACI(responsible: [leader], accountable: [leader]).validated(field: "r").accountableID == leader, "R and A may coincide")
        #expect(field { try RACI(responsible: [csmPosition], accountable: []).validated(field: "r") } == "r.accountable")
        #expect(field { try RACI(responsible: [csmPosition], accountable: [leader, sales]).validated(field: "r") } == "r.accountable")
        #expect(field { try RACI(responsible: [], accountable: [leader]).validated(field: "r") } == "r.responsible")
        #expect(field { try RACI(responsible: [csmPosition, csmPosition], accountable: [leader]).validated(field: "r") } == "r.responsible")
        #expect(field { try RACI(responsible: [csmPosition], accountable: [leader], consulted: [leader]).validated(field: "r") } == "r.consulted")
        #expect(field { try RACI(responsible: [csmPosition], accountable: [leader], consulted: [sales], informed: [sales]).validated(field: "r") } == "r.informed")
        #expect(field { try RACI(responsible: [csmPosition], accountable: [leader], informed: [csmPosition]).validated(field: "r") } == "r.informed")
        #expect(field { try raci().validated(field: "r", knownPositions: [csmPosition, leader, sales]) } == "r.informed", "an unknown position")
        // Where it sits in a version.
        var bad = step("Kickoff", days: 7)
        bad.raci.accountable = []
        #expect(field { try ProcessVersion.validated([step("Setup", days: 14), bad]) } == "steps[1].raci.accountable")
    }

    @Test func stepsAreValidatedAndNamedOnce() {
        #expect(field { try ProcessVersion.validated([]) } == "steps")
        #expect(field { try ProcessVersion.validated([step("Kickoff", days: 0)]) } == "steps[0].expected_days")
        var noExit = step("Kickoff", days: 7)
        noExit.exitCriterion = " "
        #expect(field { try ProcessVersion.validated([noExit]) } == "steps[0].exit_criterion")
        #expect(field { try ProcessVersion.validated([step("Kickoff", days: 7), step("Kickoff", days: 3)]) } == "steps[1].name")
    }

    @Test func publishedVersionsAreImmutableAndChangeAsTheNextDraft() throws {
        var draft = ProcessVersion(id: UUID(), processID: processID, number: 1, steps: [step("Kickoff", days: 7)], createdAt: successInstant())
        try draft.revise(steps: [step("Kickoff", days: 7), step("Adoption", days: 30)])
        #expect(draft.steps.count == 2 && !draft.isPublished)
        try draft.publish(at: successInstant(100))
        #expect(draft.publishedAt == successInstant(100))
        #expect(throws: DomainError.self) { try draft.revise(steps: [step("Other", days: 1)]) }
        #expect(throws: DomainError.self) { try draft.publish(at: successInstant(200)) }
        #expect(draft.steps.map(\.name) == ["Kickoff", "Adoption"])
        var next = draft.nextDraft(id: UUID(), at: successInstant(300))
        #expect(next.number == 2 && !next.isPublished && next.steps == draft.steps)
        try next.revise(steps: [step("Kickoff", days: 5)])
        #expect(draft.steps.count == 2, "the published version is untouched")
    }

    @Test func companiesAdoptPublishedVersionsAndHistoryStays() throws {
        let smb = UUID()
        let draft = ProcessVersion(id: UUID(), processID: processID, number: 1, steps: [step("Kickoff", days: 7)], createdAt: successInstant())
        #expect(field { try ProcessAdoption.adopting(draft, companyID: smb, on: day("2027-04-01"), by: nil, id: UUID(), history: []) } == "version_id")

        let v1 = try published([step("Kickoff", days: 7)])
        let v2 = try published([step("Kickoff", days: 5)], number: 2)
        let first = try ProcessAdoption.adopting(v1, companyID: smb, on: day("2027-04-01"), by: leader, id: UUID(), history: [])
        #expect(first.versionNumber == 1 && first.processID == processID)
        #expect(field { try ProcessAdoption.adopting(v1, companyID: smb, on: day("2027-05-01"), by: nil, id: UUID(), history: [first]) } == "version_id",
                "already running it")
        let second = try ProcessAdoption.adopting(v2, companyID: smb, on: day("2027-10-01"), by: leader, id: UUID(), history: [first])
        #expect(field { try ProcessAdoption.adopting(v1, companyID: smb, on: day("2027-09-30"), by: nil, id: UUID(), history: [first, second]) }
            == "adopted_on", "no backdating before the latest adoption")
        let history = [first, second]
        #expect(ProcessAdoption.current(companyID: smb, on: day("2027-03-31"), among: history) == nil)
        #expect(ProcessAdoption.current(companyID: smb, on: day("2027-09-30"), among: history)?.versionNumber == 1)
        #expect(ProcessAdoption.current(companyID: smb, on: day("2027-10-01"), among: history)?.versionNumber == 2)
        #expect(ProcessAdoption.current(companyID: UUID(), on: day("2027-10-01"), among: history) == nil)
        // Rolling back to v1 is a new adoption, not an edit of history.
        let back = try ProcessAdoption.adopting(v1, companyID: smb, on: day("2027-10-01"), by: leader, id: UUID(), history: history)
        #expect(ProcessAdoption.current(companyID: smb, on: day("2027-10-02"), among: history + [back])?.versionNumber == 1)
    }

    @Test func customersProgressStepByStepInOrder() throws {
        let kickoff = step("Kickoff", days: 7), setup = step("Setup", days: 14), live = step("Live", days: 30)
        let version = try published([kickoff, setup, live])
        #expect(throws: DomainError.self) {
            try ProcessProgress.placing(customerID: UUID(), on: ProcessVersion(id: UUID(), processID: processID, number: 2, steps: [kickoff], createdAt: successInstant()),
                                        day: day("2027-04-01"))
        }
        var progress = try ProcessProgress.placing(customerID: UUID(), on: version, day: day("2027-04-01"))
        #expect(progress.currentStep(in: version)?.id == kickoff.id)
        #expect(field { try progress.complete(stepID: setup.id, on: day("2027-04-05"), in: version) } == "step_id", "in order")
        #expect(field { try progress.complete(stepID: kickoff.id, on: day("2027-03-31"), in: version) } == "completed_on")
        try progress.complete(stepID: kickoff.id, on: day("2027-04-08"), in: version)
        #expect(progress.currentStepStartedOn == day("2027-04-08"))
        try progress.complete(stepID: setup.id, on: day("2027-04-08"), in: version)
        let spans = progress.spans(in: version)
        #expect(spans.map { $0.days(today: day("2027-05-01")) } == [7, 0, 23])
        try progress.complete(stepID: live.id, on: day("2027-05-10"), in: version)
        #expect(progress.isFinished(in: version) && progress.currentStep(in: version) == nil)
        #expect(field { try progress.complete(stepID: live.id, on: day("2027-05-11"), in: version) } == "step_id")
        let other = try published([kickoff], number: 2)
        #expect(field { try progress.complete(stepID: kickoff.id, on: day("2027-05-11"), in: other) } == "version_id")
    }

    @Test func reportsAdoptionLeadTimesStallsAndHealthByVersion() throws {
        let kickoff = step("Kickoff", days: 10), setup = step("Setup", days: 20)
        let version = try published([kickoff, setup])
        func progress(_ placed: String, _ done: [String]) -> ProcessProgress {
            ProcessProgress(customerID: UUID(), processID: processID, versionID: version.id, placedOn: day(placed),
                            completions: zip([kickoff.id, setup.id], done).map { ProcessProgress.Completion(stepID: $0, completedOn: day($1)) })
        }
        let rows = [
            progress("2027-04-01", ["2027-04-05", "2027-04-20"]),  // kickoff 4, setup 15
            progress("2027-04-01", ["2027-04-09"]),                // kickoff 8, on setup since 04-09
            progress("2027-04-01", ["2027-04-13"]),                // kickoff 12, on setup since 04-13
            progress("2027-04-15", []),                            // on kickoff since 04-15
        ]
        let leads = StepLeadTimes.rows(rows, version: version)
        #expect(leads.map(\.completed) == [3, 1])
        #expect(leads[0].median == 8 && leads[0].p75 == 10)
        #expect(leads[1].median == 15 && leads[1].p75 == 15)

        // On 2027-05-12: setup held 33 and 29 days against 20 × 1.5 = 30; kickoff held 27 against 15.
        let stalls = ProcessStalls.stalls(rows, version: version, today: day("2027-05-12"))
        #expect(stalls.map(\.heldDays) == [33, 27])
        #expect(stalls.map(\.stepID) == [setup.id, kickoff.id])
        #expect(ProcessStalls.countsByStep(stalls) == [setup.id: 1, kickoff.id: 1])
        #expect(ProcessStalls.stalls(rows, version: version, today: day("2027-04-30")).isEmpty, "kickoff held 15 days is exactly 1.5×: not stalled")
        #expect(ProcessStalls.stalls(rows, version: version, today: day("2027-05-01")).map(\.heldDays) == [16])

        let smb = UUID(), enterprise = UUID(), other = UUID()
        let adoption = ProcessAdoptionReport.rows([
            .init(customerID: UUID(), companyID: smb, processID: processID),
            .init(customerID: UUID(), companyID: smb, processID: processID),
            .init(customerID: UUID(), companyID: smb, processID: nil),
            .init(customerID: UUID(), companyID: enterprise, processID: other),
        ], standardProcessID: processID, companyOrder: [enterprise, smb])
        #expect(adoption.map(\.companyID) == [enterprise, smb])
        #expect(adoption.map(\.share) == [0, 2.0 / 3])
        #expect(ProcessAdoptionReport.rows([.init(customerID: UUID(), companyID: smb, processID: processID)], standardProcessID: nil)[0].onStandard == 0)

        let health = HealthByProcess.rows([
            .init(customerID: UUID(), processID: processID, versionNumber: 1, grade: .a),
            .init(customerID: UUID(), processID: processID, versionNumber: 1, grade: .c),
            .init(customerID: UUID(), processID: processID, versionNumber: 2, grade: .b),
            .init(customerID: UUID(), processID: processID, versionNumber: 2, grade: .a),
            .init(customerID: UUID(), processID: processID, versionNumber: 2, grade: nil),
            .init(customerID: UUID(), processID: nil, versionNumber: nil, grade: .d),
            .init(customerID: UUID(), processID: nil, versionNumber: nil, grade: .b),
        ])
        #expect(health.map(\.versionNumber) == [1, 2, nil], "by version, customers on no process last")
        #expect(health.map(\.abShare) == [0.5, 1, 0.5])
        #expect(health[1].unscored == 1 && health[1].scored == 2 && health[1].count(.a) == 1)
        #expect(health[2].processID == nil && health[2].count(.d) == 1)
    }
}
