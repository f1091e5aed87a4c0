public import Foundation

/// A company's adoption of one published version of a standard process, from a day on. Adoptions are history:
/// adopting another version (or another process) later replaces it from that day, and the earlier row stays, so
/// "which version did SMB run in March" has an answer.
public struct ProcessAdoption: Sendable, Equatable, Codable {
    public var id: UUID
    public var companyID: UUID
    public var processID: UUID
    public var versionID: UUID
    public var versionNumber: Int
    public var adoptedOn: LocalDate
    public var adoptedBy: UUID?

    public init(id: UUID, companyID: UUID, processID: UUID, versionID: UUID, versionNumber: Int, adoptedOn: LocalDate, adoptedBy: UUID?) {
        (self.id, self.companyID, self.processID, self.versionID, self.versionNumber) = (id, companyID, processID, versionID, versionNumber)
        (self.adoptedOn, self.adoptedBy) = (adoptedOn, adoptedBy)
    }

    /// A company adopting `version` on `day`. Only a published version may be adopted (a draft could still
    /// change under the company); adopting what the company already runs on that day is a `conflict`, and so is
    /// backdating before its latest adoption, which would rewrite the history reports were drawn from.
    public static func adopting(
        _ version: ProcessVersion, companyID: UUID, on day: LocalDate, by memberID: UUID?, id: UUID, history: [ProcessAdoption]
    ) throws -> ProcessAdoption {
        guard version.isPublished else {
            throw DomainError(.conflict, "version \(version.number) is a draft; publish it before a company adopts it", field: "version_id")
        }
        let mine = history.filter { $0.companyID == companyID }
        if let latest = mine.max(by: { $0.adoptedOn < $1.adoptedOn }), day < latest.adoptedOn {
            throw DomainError(.conflict, "the company adopted a process on \(latest.adoptedOn); adopt from that day or later", field: "adopted_on")
        }
        if current(companyID: companyID, on: day, among: mine)?.versionID == version.id {
            throw DomainError(.conflict, "the company already runs this version", field: "version_id")
        }
        return ProcessAdoption(id: id, companyID: companyID, processID: version.processID, versionID: version.id,
                               versionNumber: version.number, adoptedOn: day, adoptedBy: memberID)
    }

    /// What `companyID` runs on `day`: its latest adoption on or before it (of two on one day, the later in
    /// `history`, which is the order they were made in).
    public static func current(companyID: UUID, on day: LocalDate, among history: [ProcessAdoption]) -> ProcessAdoption? {
        var found: ProcessAdoption?
        for adoption in history where adoption.companyID == companyID && adoption.adoptedOn <= day {
            if found.map({ $0.adoptedOn <= adoption.adoptedOn }) ?? true { found = adoption }
        }
        return found
    }
}
