public import Foundation

/// Who does what on one step of a standard process, by position (seed 000: responsibilities follow positions, not
/// people, so a new holder inherits them): Responsible does the work, Accountable answers for it — exactly one —,
/// Consulted are asked before, Informed are told after.
public struct RACI: Sendable, Equatable, Codable {
    public var responsible: [UUID]
    /// A list so the API's four letters share one shape; ``validated(field:knownPositions:)`` holds it to one.
    public var accountable: [UUID]
    public var consulted: [UUID]
    public var informed: [UUID]

    public init(responsible: [UUID], accountable: [UUID], consulted: [UUID] = [], informed: [UUID] = []) {
        (self.responsible, self.accountable, self.consulted, self.informed) = (responsible, accountable, consulted, informed)
    }

    /// The one accountable position (valid RACIs only).
    public var accountableID: UUID? { accountable.count == 1 ? accountable[0] : nil }

    /// Checks the letters at `field` (`steps[2].raci`): at least one responsible, exactly one accountable, no
    /// position twice in a letter. The accountable position may also be responsible (the one who does the work
    /// often answers for it), but a position consulted or informed takes no other letter: someone who does or
    /// answers for the work is more than asked or told. `knownPositions`, when given, are the org's positions;
    /// any other id is refused.
    public func validated(field: String, knownPositions: Set<UUID>? = nil) throws -> RACI {
        let letters: [(String, [UUID])] = [("responsible", responsible), ("accountable", accountable), ("consulted", consulted), ("informed", informed)]
        for (name, ids) in letters {
            guard ids.count <= 20 else { throw DomainError(.invalid, "at most 20 positions per letter", field: "\(field).\(name)") }
            guard Set(ids).count == ids.count else { throw DomainError(.invalid, "a position appears once in a letter", field: "\(field).\(name)") }
            if let known = knownPositions, let unknown = ids.first(where: { !known.contains($0) }) {
                throw DomainError(.invalid, "no such position: \(unknown.uuidString.lowercased())", field: "\(field).\(name)")
            }
        }
        guard !responsible.isEmpty else { throw DomainError(.missing, "a step needs a responsible position", field: "\(field).responsible") }
        guard accountable.count == 1 else {
            throw DomainError(.invalid, "a step has exactly one accountable position", field: "\(field).accountable")
        }
        let doers = Set(responsible + accountable)
        guard doers.isDisjoint(with: consulted) else {
            throw DomainError(.invalid, "a responsible or accountable position is not also consulted", field: "\(field).consulted")
        }
        guard doers.isDisjoint(with: informed), Set(consulted).isDisjoint(with: informed) else {
            throw DomainError(.invalid, "an informed position has no other letter on the step", field: "\(field).informed")
        }
        return self
    }
}
