import Domain
import Foundation
import Store
import UseCases

/// A customer as the list shows it.
struct CustomerItemDTO: Codable, Sendable, Versioned {
    var id: UUID
    var name: String
    var nameEn: String?
    var nameKana: String?
    var companyID: UUID
    var teamID: UUID?
    var ownerID: UUID?
    var ownerName: String?
    var salesOwnerID: UUID?
    var segment: String?
    var phase: LifecyclePhase
    var phaseSince: LocalDate
    var riskReasons: [LifecycleRisk]
    var healthGrade: HealthGrade?
    var healthTotal: Double?
    var tags: [String]
    var archived: Bool
    var version: Int

    init(_ c: Customer, ownerName: String?) {
        (id, name, nameEn, nameKana, companyID, teamID) = (c.id, c.name, c.nameEn, c.nameKana, c.companyID, c.teamID)
        (ownerID, self.ownerName, salesOwnerID, segment) = (c.ownerID, ownerName, c.salesOwnerID, c.segment)
        (phase, phaseSince, riskReasons) = (c.phase, c.phaseSince, c.riskReasons)
        (healthGrade, healthTotal, tags, archived, version) = (c.healthGrade, c.healthTotal, c.tags, c.archivedAt != nil, c.version)
    }

    static let schema = Schema.of(CustomerItemDTO.self)
}

/// A customer as its own page shows it: the list's fields and its custom values, churn reason, last touch, the
/// customer it was merged into, and its times.
struct CustomerDTO: Codable, Sendable, Versioned {
    var id: UUID
    var externalID: String?
    var name: String
    var nameEn: String?
    var nameKana: String?
    var companyID: UUID
    var teamID: UUID?
    var ownerID: UUID?
    var ownerName: String?
    var salesOwnerID: UUID?
    var salesOwnerName: String?
    var segment: String?
    var phase: LifecyclePhase
    var phaseSince: LocalDate
    var riskReasons: [LifecycleRisk]
    var churnReason: String?
    var healthGrade: HealthGrade?
    var healthTotal: Double?
    var healthScoredAt: Date?
    var custom: JSONValue
    var tags: [String]
    var lastTouchAt: Date?
    var archived: Bool
    var archivedAt: Date?
    var mergedInto: UUID?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ c: Customer, names: [UUID: String] = [:]) {
        (id, externalID, name, nameEn, nameKana) = (c.id, c.externalID, c.name, c.nameEn, c.nameKana)
        (companyID, teamID, ownerID, salesOwnerID, segment) = (c.companyID, c.teamID, c.ownerID, c.salesOwnerID, c.segment)
        ownerName = c.ownerID.flatMap { names[$0] }
        salesOwnerName = c.salesOwnerID.flatMap { names[$0] }
        (phase, phaseSince, riskReasons, churnReason) = (c.phase, c.phaseSince, c.riskReasons, c.churnReason)
        (healthGrade, healthTotal, healthScoredAt) = (c.healthGrade, c.healthTotal, c.healthScoredAt)
        custom = .object(c.custom.mapValues(JSONValue.init))
        (tags, lastTouchAt, archived, archivedAt, mergedInto) = (c.tags, c.lastTouchAt, c.archivedAt != nil, c.archivedAt, c.mergedInto)
        (createdAt, updatedAt, version) = (c.createdAt, c.updatedAt, c.version)
    }

    init(_ detail: Customers.Detail) { self.init(detail.customer, names: detail.names) }

    static let schema = Schema.of(CustomerDTO.self, refining: ["custom": ["type": "object"]])
}

extension JSONValue {
    init(_ value: CustomFieldValue) {
        switch value {
        case .text(let text): self = .string(text)
        case .number(let number): self = .number(number)
        case .date(let day): self = .string(day.description)
        case .boolean(let flag): self = .bool(flag)
        }
    }

    /// A custom value as a request gives it: `null` removes the key; objects and arrays are no value of a field.
    func customValue(key: String) throws -> CustomFieldValue? {
        switch self {
        case .null: return nil
        case .string(let text): return LocalDate(iso: text).map(CustomFieldValue.date) ?? .text(text)
        case .number(let number): return .number(number)
        case .bool(let flag): return .boolean(flag)
        case .array, .object: throw Problem.invalidField("custom.\(key)", "a custom value is text, a number, a date or true/false")
        }
    }
}

/// The owner and phase histories.
struct CustomerHistoryDTO: Codable, Sendable {
    struct Owner: Codable, Sendable {
        var ownerID: UUID?
        var ownerName: String?
        var fromDate: LocalDate
        var toDate: LocalDate?
        var changedBy: UUID?
        var changedByName: String?
        var transferID: UUID?
    }
    struct Phase: Codable, Sendable {
        var phase: LifecyclePhase
        var fromDate: LocalDate
        var toDate: LocalDate?
        var riskReasons: [LifecycleRisk]
        var churnReason: String?
        var changedBy: UUID?
        var changedByName: String?
    }
    var owners: [Owner]
    var phases: [Phase]

    init(owners: [CustomerHistoryRepository.OwnerPeriod], phases: [CustomerHistoryRepository.PhasePeriod]) {
        self.owners = owners.map {
            Owner(ownerID: $0.ownerID, ownerName: $0.ownerName, fromDate: $0.fromDate, toDate: $0.toDate, changedBy: $0.changedBy,
                  changedByName: $0.changedByName, transferID: $0.transferID)
        }
        self.phases = phases.map {
            Phase(phase: $0.phase, fromDate: $0.fromDate, toDate: $0.toDate, riskReasons: $0.riskReasons, churnReason: $0.churnReason,
                  changedBy: $0.changedBy, changedByName: $0.changedByName)
        }
    }
}

/// What a merge did: the survivor as it is now, the archived duplicate's id, how many rows of each kind moved, and
/// the months both had revenue for (the survivor's kept).
struct MergeResultDTO: Codable, Sendable {
    struct Moved: Codable, Sendable {
        var contacts: Int
        var contracts: Int
        var revenueSnapshots: Int
        var usageMetrics: Int
        var npsResponses: Int
        var tickets: Int
        var timelineEntries: Int
        var healthScores: Int
        var accountabilities: Int
        var problems: Int
        var mergedRecords: Int
        var successRecords: Int
        var programEnrolments: Int
        var surveys: Int
        var processPlacements: Int
    }
    var survivor: CustomerDTO
    var duplicateID: UUID
    var moved: Moved
    var conflictingRevenueMonths: [String]
    var conflictingUsageRows: Int

    init(_ r: Customers.MergeResult, names: [UUID: String]) {
        survivor = CustomerDTO(r.survivor, names: names)
        duplicateID = r.duplicate.id
        let m = r.moved
        moved = Moved(
            contacts: m.contacts, contracts: m.contracts, revenueSnapshots: m.revenueSnapshots, usageMetrics: m.usageMetrics,
            npsResponses: m.npsResponses, tickets: m.tickets, timelineEntries: m.timelineEntries, healthScores: m.healthScores,
            accountabilities: m.accountabilities, problems: m.problems, mergedRecords: m.mergedRecords,
            successRecords: m.successRecords, programEnrolments: m.programEnrolments, surveys: m.surveys,
            processPlacements: m.processPlacements)
        conflictingRevenueMonths = r.conflictingRevenueMonths.map(\.description)
        conflictingUsageRows = r.conflictingUsageRows
    }
}

struct CustomerTagDTO: Codable, Sendable {
    var tag: String
    var count: Int
}

/// A contact. An erased one answers with the placeholder name and `erased_at`.
struct ContactDTO: Codable, Sendable, Versioned {
    var id: UUID
    var customerID: UUID
    var externalID: String?
    var name: String
    var email: String?
    var phone: String?
    var role: String?
    var decisionMaker: Bool
    var erased: Bool
    var erasedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ c: Contact) {
        (id, customerID, externalID, name, email, phone, role) = (c.id, c.customerID, c.externalID, c.name, c.email, c.phone, c.role)
        (decisionMaker, erased, erasedAt, createdAt, updatedAt, version) = (c.decisionMaker, c.erasedAt != nil, c.erasedAt, c.createdAt, c.updatedAt, c.version)
    }

    static let schema = Schema.of(ContactDTO.self)
}

struct CustomerFieldDTO: Codable, Sendable, Versioned {
    var id: UUID
    var key: String
    var labelJa: String
    var labelEn: String
    var type: CustomerField.FieldType
    var choices: [String]
    var position: Int
    var archived: Bool
    var archivedAt: Date?
    var createdAt: Date
    var version: Int

    init(_ f: CustomerField) {
        (id, key, labelJa, labelEn, type, choices) = (f.id, f.key, f.labelJa, f.labelEn, f.type, f.choices)
        (position, archived, archivedAt, createdAt, version) = (f.position, f.archivedAt != nil, f.archivedAt, f.createdAt, f.version)
    }

    static let schema = Schema.of(CustomerFieldDTO.self)
}

struct SavedViewDTO: Codable, Sendable {
    var id: UUID
    var page: String
    var name: String
    var query: String
    var createdAt: Date

    init(_ v: SavedViewRepository.View) {
        (id, page, name, query, createdAt) = (v.id, v.page, v.name, v.query, v.createdAt)
    }

    static let schema = Schema.of(SavedViewDTO.self, refining: ["page": Schema.enumeration(["customers"])])
}
