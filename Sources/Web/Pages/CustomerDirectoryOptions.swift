import Domain
import Foundation
import Store
import UseCases

/// The companies, teams and members the customer forms and filters offer, as the reader may see them.
struct CustomerDirectoryOptions: Sendable {
    let companies: [(id: UUID, name: String)]
    let teams: [(id: UUID, companyID: UUID, name: String)]
    let members: [(id: UUID, name: String)]

    static func load(_ tx: TenantTransaction, _ identity: Identity) async throws -> CustomerDirectoryOptions {
        let companies = try await CompanyRepository.list(tx, after: nil, limit: 500).items
        let teams = try await TeamRepository.list(tx, companyID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 1000).items
        let members = try await MemberRepository.list(
            tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 1000
        ).items.filter(\.active)
        return CustomerDirectoryOptions(
            companies: companies.map { ($0.id, $0.name) },
            teams: teams.map { ($0.id, $0.companyID, $0.name) },
            members: members.map { ($0.id, $0.displayName) }.sorted { $0.1 < $1.1 })
    }

    func companyName(_ id: UUID) -> String? { companies.first { $0.id == id }?.name }
    func teamName(_ id: UUID) -> String? { teams.first { $0.id == id }?.name }

    func companyOptions(selected: String?, blank: String) -> [FormOption] {
        [FormOption(value: "", label: blank, selected: (selected ?? "").isEmpty)]
            + companies.map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: selected == $0.id.uuidString.lowercased()) }
    }

    /// Teams labelled with their company, so two "Team 1"s are told apart.
    func teamOptions(selected: String?, blank: String) -> [FormOption] {
        [FormOption(value: "", label: blank, selected: (selected ?? "").isEmpty)]
            + teams.map { team in
                FormOption(
                    value: team.id.uuidString.lowercased(), label: [companyName(team.companyID), team.name].compactMap { $0 }.joined(separator: " / "),
                    selected: selected == team.id.uuidString.lowercased())
            }
    }

    func memberOptions(selected: String?, blank: String, extra: [FormOption] = []) -> [FormOption] {
        [FormOption(value: "", label: blank, selected: (selected ?? "").isEmpty)] + extra
            + members.map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: selected == $0.id.uuidString.lowercased()) }
    }
}
