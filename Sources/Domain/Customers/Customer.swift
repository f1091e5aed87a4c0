public import Foundation

/// A customer account (DESIGN §2): who owns it, where it sits in the org, its lifecycle phase and current health.
public struct Customer: Sendable, Equatable, Codable {
    public var id: UUID
    public var externalID: String?
    public var name: String
    public var nameEn: String?
    /// The reading (フリガナ) as full-width katakana (``KanaReading``).
    public var nameKana: String?
    public var companyID: UUID
    public var teamID: UUID?
    /// The owning CSM.
    public var ownerID: UUID?
    public var salesOwnerID: UUID?
    public var segment: String?
    public var phase: LifecyclePhase
    public var phaseSince: LocalDate
    public var riskReasons: [LifecycleRisk]
    public var churnReason: String?
    /// Values of the org's custom fields, by field key, as JSON text of an object.
    public var custom: [String: CustomFieldValue]
    public var tags: [String]
    public var healthGrade: HealthGrade?
    public var healthTotal: Double?
    public var healthScoredAt: Date?
    public var lastTouchAt: Date?
    public var archivedAt: Date?
    public var mergedInto: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, externalID: String? = nil, name: String, nameEn: String? = nil, nameKana: String? = nil, companyID: UUID,
        teamID: UUID? = nil, ownerID: UUID? = nil, salesOwnerID: UUID? = nil, segment: String? = nil,
        phase: LifecyclePhase = .onboarding, phaseSince: LocalDate, riskReasons: [LifecycleRisk] = [],
        churnReason: String? = nil, custom: [String: CustomFieldValue] = [:], tags: [String] = [],
        healthGrade: HealthGrade? = nil, healthTotal: Double? = nil, healthScoredAt: Date? = nil, lastTouchAt: Date? = nil,
        archivedAt: Date? = nil, mergedInto: UUID? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.externalID, self.name, self.nameEn, self.nameKana) = (id, externalID, name, nameEn, nameKana)
        (self.companyID, self.teamID, self.ownerID, self.salesOwnerID) = (companyID, teamID, ownerID, salesOwnerID)
        (self.segment, self.phase, self.phaseSince, self.riskReasons) = (segment, phase, phaseSince, riskReasons)
        (self.churnReason, self.custom, self.tags) = (churnReason, custom, tags)
        (self.healthGrade, self.healthTotal, self.healthScoredAt) = (healthGrade, healthTotal, healthScoredAt)
        (self.lastTouchAt, self.archivedAt, self.mergedInto) = (lastTouchAt, archivedAt, mergedInto)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }

    /// Where the customer lives for permissions: its team when it has one, else its company.
    public var scope: Scope { teamID.map(Scope.team) ?? .company(companyID) }

    /// The key the list sorts by (``KanaReading/sortKey(name:reading:)``).
    public var sortKey: String { KanaReading.sortKey(name: name, reading: nameKana) }
}

/// A custom field's value on a customer, typed as the org's field definition says.
public enum CustomFieldValue: Sendable, Equatable, Codable {
    case text(String)
    case number(Double)
    case date(LocalDate)
    case boolean(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .boolean(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            let text = try container.decode(String.self)
            if let day = LocalDate(iso: text) { self = .date(day) } else { self = .text(text) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .date(let day): try container.encode(day.description)
        case .boolean(let flag): try container.encode(flag)
        }
    }
}
