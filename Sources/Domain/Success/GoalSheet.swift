public import Foundation

/// An enrolment's goal sheet (seed 002): the business goal in the client's words linked to a KPI, a separate
/// usage goal, the decision maker's comment — and the agreement of the CSM, the client's owner and the decision
/// maker.
///
/// `version` counts content versions: it starts at 1 and goes up by one on every edit that changes the content
/// (``edit(_:at:)``). An agreement records the version it was given to, and only agreements to the current
/// version count, so editing an agreed sheet needs all three parties to agree again while the earlier
/// agreements stay in `agreements` as history.
public struct GoalSheet: Sendable, Equatable, Codable {
    public var id: UUID
    public var enrolmentID: UUID
    public private(set) var content: GoalSheetContent
    public private(set) var version: Int
    public private(set) var agreements: [GoalSheetAgreement]
    /// The business KPI's latest value and the usage metric's: progress, not content (editing them changes no
    /// version and undoes no agreement).
    public var kpiActual: Double?
    public var usageActual: Double?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, enrolmentID: UUID, content: GoalSheetContent, version: Int = 1, agreements: [GoalSheetAgreement] = [],
        kpiActual: Double? = nil, usageActual: Double? = nil, createdAt: Date, updatedAt: Date
    ) {
        (self.id, self.enrolmentID, self.content, self.version, self.agreements) = (id, enrolmentID, content, version, agreements)
        (self.kpiActual, self.usageActual, self.createdAt, self.updatedAt) = (kpiActual, usageActual, createdAt, updatedAt)
    }

    /// Replaces the content with `new` (validated). Returns whether anything changed: an identical save is not an
    /// edit, so it neither bumps the version nor undoes agreements.
    @discardableResult
    public mutating func edit(_ new: GoalSheetContent, at now: Date) throws -> Bool {
        let checked = try new.validated()
        guard checked != content else { return false }
        content = checked
        version += 1
        updatedAt = now
        return true
    }

    /// Records `party`'s agreement, given by `personID` to `sheetVersion` — the version the person was shown.
    /// Refused with `precondition_failed` when the sheet changed since (they must read it again), and with
    /// `forbidden` when `personID` is not who the sheet names for that party (`csmID` is the enrolment's CSM).
    /// Agreeing twice to the same version records nothing new and returns `false`.
    @discardableResult
    public mutating func agree(_ party: GoalSheetParty, by personID: UUID, toVersion sheetVersion: Int, csmID: UUID, at now: Date) throws -> Bool {
        guard sheetVersion == version else {
            throw DomainError(.preconditionFailed, "the goal sheet changed since you read it; read version \(version) and agree to that",
                              field: "version")
        }
        let expected: UUID = switch party {
        case .csm: csmID
        case .clientOwner: content.clientOwnerID
        case .decisionMaker: content.decisionMakerID
        }
        guard personID == expected else {
            throw DomainError(.forbidden, "only the person the sheet names agrees as \(party.rawValue)", field: "party")
        }
        guard current(party) == nil else { return false }
        agreements.append(GoalSheetAgreement(party: party, personID: personID, agreedAt: now, sheetVersion: version))
        updatedAt = now
        return true
    }

    /// `party`'s agreement to the current version, if given.
    public func current(_ party: GoalSheetParty) -> GoalSheetAgreement? {
        agreements.first { $0.party == party && $0.sheetVersion == version }
    }

    /// Whether all three parties agreed the current version.
    public var isAgreed: Bool { pendingParties.isEmpty }

    /// The parties yet to agree the current version, in ``GoalSheetParty`` order.
    public var pendingParties: [GoalSheetParty] { GoalSheetParty.allCases.filter { current($0) == nil } }

    /// When the current version became agreed: the last of the three agreements.
    public var agreedAt: Date? { isAgreed ? GoalSheetParty.allCases.compactMap { current($0)?.agreedAt }.max() : nil }

    /// Progress towards the sheet's goals, 0–100 (``GoalSheetProgress``).
    public var progress: Double? { GoalSheetProgress.percent(content: content, kpiActual: kpiActual, usageActual: usageActual) }
}
