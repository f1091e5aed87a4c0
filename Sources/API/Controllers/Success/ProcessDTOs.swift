import Domain
import Foundation
import Store
import UseCases

extension StandardProcess: Versioned {}

/// A step as a request writes it: the id is kept from the version it was drafted from, or given a new one.
struct ProcessStepInput: Codable, Sendable {
    struct Letters: Codable, Sendable {
        var responsible: [UUID]
        var accountable: [UUID]
        var consulted: [UUID]?
        var informed: [UUID]?
    }
    var id: UUID?
    var name: String
    var expectedDays: Int
    var exitCriterion: String
    var raci: Letters

    var step: ProcessStep {
        ProcessStep(
            id: id ?? .v7(), name: name, expectedDays: expectedDays, exitCriterion: exitCriterion,
            raci: RACI(responsible: raci.responsible, accountable: raci.accountable, consulted: raci.consulted ?? [], informed: raci.informed ?? []))
    }

    static let schema: JSONValue = {
        let ids = Schema.array(Schema.uuid)
        return Schema.object(
            ["id": Schema.uuid, "name": Schema.string, "expected_days": Schema.integer, "exit_criterion": Schema.string,
             "raci": Schema.object(["responsible": ids, "accountable": ids, "consulted": ids, "informed": ids], required: ["responsible", "accountable"])],
            required: ["name", "expected_days", "exit_criterion", "raci"])
    }()
}

struct ProcessVersionDTO: Codable, Sendable, Versioned {
    var id: UUID
    var processId: UUID
    var number: Int
    /// `draft` (editable) or `published` (frozen).
    var status: String
    var steps: [ProcessStep]
    var notes: String?
    var publishedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ stored: ProcessVersionRepository.Stored) {
        let v = stored.version
        (id, processId, number, status, steps, notes) = (v.id, v.processID, v.number, v.isPublished ? "published" : "draft", v.steps, v.notes)
        (publishedAt, createdAt, updatedAt, version) = (v.publishedAt, v.createdAt, stored.updatedAt, stored.revision)
    }

    static let schema = Schema.of(ProcessVersionDTO.self, refining: ["status": Schema.enumeration(["draft", "published"])])
}

/// A process with its first draft, as a create answers.
struct CreatedProcessDTO: Codable, Sendable, Versioned {
    var id: UUID
    var name: String
    var summary: String
    var isOrgStandard: Bool
    var archivedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int
    var draft: ProcessVersionDTO

    init(_ p: StandardProcess, draft: ProcessVersionRepository.Stored) {
        (id, name, summary, isOrgStandard, archivedAt) = (p.id, p.name, p.summary, p.isOrgStandard, p.archivedAt)
        (createdAt, updatedAt, version, self.draft) = (p.createdAt, p.updatedAt, p.version, ProcessVersionDTO(draft))
    }

    static let schema = Schema.of(CreatedProcessDTO.self, refining: ["draft": ProcessVersionDTO.schema])
}

struct ProcessAdoptionDTO: Codable, Sendable {
    var id: UUID
    var companyId: UUID
    var processId: UUID
    var processName: String?
    var versionId: UUID
    var versionNumber: Int
    var adoptedOn: LocalDate
    var adoptedBy: UUID?

    init(_ a: ProcessAdoption, names: [UUID: String]) {
        (id, companyId, processId, processName, versionId) = (a.id, a.companyID, a.processID, names[a.processID], a.versionID)
        (versionNumber, adoptedOn, adoptedBy) = (a.versionNumber, a.adoptedOn, a.adoptedBy)
    }
}

struct CompanyProcessDTO: Codable, Sendable {
    var companyId: UUID
    var today: LocalDate
    var current: ProcessAdoptionDTO?
    /// An adoption dated after today: what the company will run.
    var upcoming: ProcessAdoptionDTO?
    /// Every adoption, latest first.
    var history: [ProcessAdoptionDTO]

    init(_ v: ProcessAdoptions.View) {
        (companyId, today) = (v.companyID, v.today)
        current = v.current.map { ProcessAdoptionDTO($0, names: v.processNames) }
        upcoming = v.upcoming.map { ProcessAdoptionDTO($0, names: v.processNames) }
        history = v.history.map { ProcessAdoptionDTO($0, names: v.processNames) }
    }

    static let schema = Schema.of(CompanyProcessDTO.self)
}

struct CustomerProcessDTO: Codable, Sendable {
    struct Step: Codable, Sendable {
        var stepId: UUID
        var name: String
        var expectedDays: Int
        var exitCriterion: String
        var raci: RACI
        /// `done`, `current` or `upcoming`.
        var state: String
        var startedOn: LocalDate?
        var completedOn: LocalDate?
        var completedBy: UUID?
        /// Days the step took, or has taken so far while current.
        var days: Int?
    }
    struct Placement: Codable, Sendable {
        var id: UUID
        var processId: UUID
        var processName: String?
        var versionId: UUID
        var versionNumber: Int?
        var placedOn: LocalDate
        var placedBy: UUID?
        var endedOn: LocalDate?
        var completedSteps: Int
    }
    var customerId: UUID
    var today: LocalDate
    var current: Placement?
    var steps: [Step]
    var currentStepId: UUID?
    var daysInStep: Int?
    /// Held on the current step longer than 1.5× its expected days.
    var stalled: Bool
    var finished: Bool
    /// Earlier placements, latest first.
    var history: [Placement]

    init(_ p: ProcessPlacements.Progress) {
        func placement(_ x: ProcessPlacementRepository.Placement) -> Placement {
            Placement(
                id: x.id, processId: x.progress.processID, processName: p.processNames[x.progress.processID], versionId: x.progress.versionID,
                versionNumber: p.versionNumbers[x.progress.versionID], placedOn: x.progress.placedOn, placedBy: x.placedBy, endedOn: x.endedOn,
                completedSteps: x.progress.completions.count)
        }
        (customerId, today, stalled, finished, daysInStep) = (p.customerID, p.today, p.stalled, p.finished, p.daysInStep)
        current = p.current.map(placement)
        currentStepId = p.currentStep?.id
        history = p.past.map(placement)
        let spans = Dictionary(p.spans.map { ($0.step.id, $0) }, uniquingKeysWith: { a, _ in a })
        steps = (p.version?.steps ?? []).map { step in
            let span = spans[step.id]
            let state = span == nil ? "upcoming" : span?.completedOn == nil ? "current" : "done"
            return Step(
                stepId: step.id, name: step.name, expectedDays: step.expectedDays, exitCriterion: step.exitCriterion, raci: step.raci,
                state: state, startedOn: span?.startedOn, completedOn: span?.completedOn, completedBy: p.current?.completedBy[step.id],
                days: span?.days(today: p.today))
        }
    }

    static let schema = Schema.of(
        CustomerProcessDTO.self,
        refining: ["steps": Schema.array(Schema.of(Step.self, refining: ["state": Schema.enumeration(["done", "current", "upcoming"])]))])
}

struct ProcessAdoptionReportDTO: Codable, Sendable {
    struct Row: Codable, Sendable {
        var companyId: UUID
        var companyName: String?
        var customers: Int
        var onStandard: Int
        /// On the org's standard among the company's customers (0–1); absent for a company without customers.
        var share: Double?
        var adoptedProcessId: UUID?
        var adoptedProcessName: String?
        var adoptedVersionNumber: Int?
    }
    var standardProcessId: UUID?
    var standardProcessName: String?
    var items: [Row]

    init(_ r: ProcessReports.Adoption) {
        (standardProcessId, standardProcessName) = (r.standard?.id, r.standard?.name)
        items = r.rows.map { row in
            let adopted = r.adopted[row.companyID]
            return Row(
                companyId: row.companyID, companyName: r.companyNames[row.companyID], customers: row.customers, onStandard: row.onStandard,
                share: row.share, adoptedProcessId: adopted?.processID, adoptedProcessName: adopted.flatMap { r.processNames[$0.processID] },
                adoptedVersionNumber: adopted?.versionNumber)
        }
    }

    static let schema = Schema.of(ProcessAdoptionReportDTO.self)
}

struct ProcessLeadTimesDTO: Codable, Sendable {
    struct Row: Codable, Sendable {
        var stepId: UUID
        var name: String
        var expectedDays: Int
        /// Placements that completed the step.
        var completed: Int
        var medianDays: Double?
        var p75Days: Double?
        var p90Days: Double?
    }
    var processId: UUID
    var versionNumber: Int
    var items: [Row]

    static let schema = Schema.of(ProcessLeadTimesDTO.self)
}

struct ProcessStallsDTO: Codable, Sendable {
    struct StepRow: Codable, Sendable {
        var versionNumber: Int
        var stepId: UUID
        var name: String
        var expectedDays: Int
        /// Customers on the step now.
        var current: Int
        var stalled: Int
    }
    struct Stall: Codable, Sendable {
        var customerId: UUID
        var customerName: String?
        var versionNumber: Int?
        var stepId: UUID
        var startedOn: LocalDate
        var heldDays: Int
        var expectedDays: Int
    }
    var processId: UUID
    var today: LocalDate
    /// Stalled: held longer than this many times the step's expected days.
    var factor: Double
    var byStep: [StepRow]
    var customers: [Stall]

    init(_ s: ProcessReports.Stalls) {
        (processId, today, factor) = (s.process.id, s.today, 1.5)
        byStep = s.byStep.map {
            StepRow(versionNumber: $0.versionNumber, stepId: $0.step.id, name: $0.step.name, expectedDays: $0.step.expectedDays, current: $0.current,
                    stalled: $0.stalled)
        }
        customers = s.stalls.map {
            Stall(customerId: $0.customerID, customerName: s.customerNames[$0.customerID],
                  versionNumber: s.customerVersions[$0.customerID].flatMap { s.versionNumbers[$0] }, stepId: $0.stepID,
                  startedOn: $0.startedOn, heldDays: $0.heldDays, expectedDays: $0.expectedDays)
        }
    }

    static let schema = Schema.of(ProcessStallsDTO.self)
}

struct HealthByProcessDTO: Codable, Sendable {
    struct Row: Codable, Sendable {
        /// Absent with `version_number`: customers on no process, the baseline.
        var processId: UUID?
        var processName: String?
        var versionNumber: Int?
        var a: Int
        var b: Int
        var c: Int
        var d: Int
        var unscored: Int
        var scored: Int
        /// A and B among the scored (0–1); absent when none was scored.
        var abShare: Double?
    }
    var items: [Row]

    init(rows: [HealthByProcess.Row], names: [UUID: String]) {
        items = rows.map {
            Row(processId: $0.processID, processName: $0.processID.flatMap { names[$0] }, versionNumber: $0.versionNumber, a: $0.a, b: $0.b,
                c: $0.c, d: $0.d, unscored: $0.unscored, scored: $0.scored, abShare: $0.abShare)
        }
    }

    static let schema = Schema.of(HealthByProcessDTO.self)
}
