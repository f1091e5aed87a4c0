import Credentials
import Database
import UseCases
import Domain
public import Foundation
import Logging
import Scheduler
public import Store

/// The demo organisation a newcomer sees on first `scripts/run`: a Japanese CS organisation with Enterprise and
/// SMB companies, teams, managers, CSMs, support engineers and ops, in both languages, living in the present of the
/// store's clock (see ``DemoGoals``). Later issues grow it with customers, meetings and programs.
public enum DemoOrganization {
    public struct Person: Codable, Sendable {
        public var email: String
        public var displayName: String
        public var role: String
        public var scope: String
        public var locale: String
        public var password: String
    }

    public struct Result: Codable, Sendable {
        public var orgId: UUID
        public var slug: String
        public var ownerId: UUID
        public var token: String
        public var signIn: String
        public var members: [Person]
        /// Pages of the customer's side (no sign-in) to try, by name: a check-up to answer, a goal sheet to agree.
        public var links: [String: String]
    }

    /// Everyone's demo password; the demo is for a local machine only.
    public static let password = "banso-demo-2026"

    public static func create(store: Store, slug: String = "demo") async throws -> Result {
        let org = try await OrgProvisioning.create(
            .init(
                name: "伴走デモ株式会社 (Banso Demo Inc.)", slug: slug, ownerEmail: "owner@demo.banso.example",
                ownerPassword: password, ownerName: "山田 花子 (Hanako Yamada)"),
            store: store)
        let hash = try await Secrets.hashPassword(password)
        var people: [Person] = [
            Person(email: "owner@demo.banso.example", displayName: "山田 花子 (Hanako Yamada)", role: "owner", scope: "org",
                   locale: "ja", password: password)
        ]
        let links = try await store.tenant(org.orgId) { tx in
            let id = org.orgId
            let enterprise = try await CompanyRepository.insert(tx, id: .v7(), name: "エンタープライズ (Enterprise)").id
            let smb = try await CompanyRepository.insert(tx, id: .v7(), name: "SMB (中小企業)").id
            let teams: [(String, UUID)] = [
                ("オンボーディング (Onboarding)", enterprise), ("アダプション (Adoption)", enterprise),
                ("SMB サクセス (SMB Success)", smb), ("サポート (Support)", smb),
            ]
            var teamIDs: [UUID] = []
            for (name, company) in teams {
                teamIDs.append(try await TeamRepository.insert(tx, id: .v7(), companyID: company, name: name).id)
            }
            let roster: [(String, String, Role, Scope, Int?, Organization.Locale)] = [
                ("sato@demo.banso.example", "佐藤 健 (Ken Sato)", .manager, .company(enterprise), 0, .ja),
                ("suzuki@demo.banso.example", "鈴木 愛 (Ai Suzuki)", .csm, .team(teamIDs[0]), 0, .ja),
                ("takahashi@demo.banso.example", "高橋 翔 (Sho Takahashi)", .csm, .team(teamIDs[1]), 1, .ja),
                ("emily@demo.banso.example", "Emily Clark", .csm, .team(teamIDs[1]), 1, .en),
                ("tanaka@demo.banso.example", "田中 美咲 (Misaki Tanaka)", .manager, .company(smb), 2, .ja),
                ("ito@demo.banso.example", "伊藤 蓮 (Ren Ito)", .csm, .team(teamIDs[2]), 2, .ja),
                ("watanabe@demo.banso.example", "渡辺 陽菜 (Hina Watanabe)", .support, .company(smb), 3, .ja),
                ("david@demo.banso.example", "David Lee", .support, .company(enterprise), 3, .en),
                ("kobayashi@demo.banso.example", "小林 誠 (Makoto Kobayashi)", .ops, .org, nil, .ja),
                ("exec@demo.banso.example", "中村 社長 (CEO Nakamura)", .viewer, .org, nil, .ja),
            ]
            var ids: [String: UUID] = ["owner": org.ownerId]
            for (email, name, role, scope, team, locale) in roster {
                let member = UUID.v7()
                ids[String(email.prefix { $0 != "@" })] = member
                _ = try await MemberRepository.insert(
                    tx, id: member, email: email, displayName: name, locale: locale, timeZone: nil, passwordHash: hash)
                if let team { _ = try await MemberRepository.addToTeam(tx, member: member, team: teamIDs[team]) }
                _ = try await GrantRepository.insert(tx, id: .v7(), member: member, grant: Grant(role: role, scope: scope), by: org.ownerId)
                people.append(
                    Person(email: email, displayName: name, role: role.rawValue, scope: scope.kind, locale: locale.rawValue,
                           password: password))
            }
            let bound = try await DemoGoals.seed(
                tx, people: ids, enterprise: enterprise, smb: smb, teams: teamIDs, now: store.now)
            try await DemoCustomers.seed(
                tx, people: ids, enterprise: enterprise, smb: smb, teams: teamIDs, now: store.now)
            try await DemoMeetings.seed(
                tx, people: ids, enterprise: enterprise, smb: smb, teams: teamIDs, now: store.now)
            // Success after the customers it is about, in the order each part needs the one before.
            var links: [String: String] = [:]
            for seed in [DemoSuccessDefinitions.seed, DemoProcesses.seed, DemoPrograms.seed, DemoCheckUps.seed] {
                links.merge(try await seed(tx, ids, enterprise, smb, teamIDs, store.now)) { first, _ in first }
            }
            try await DemoGoals.checkInBound(tx, bound)
            return links
        }
        // Its cadence at once, as a worker would give it within a minute: the check-in, review and digest schedules.
        try await BuiltInSchedules.ensure(store)
        return Result(
            orgId: org.orgId, slug: org.slug, ownerId: org.ownerId, token: org.token,
            signIn: #"POST /v1/auth/login {"org": "\#(org.slug)", "email": "<member e-mail>", "password": "\#(password)"}"#,
            members: people, links: links)
    }
}
