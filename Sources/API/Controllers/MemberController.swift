import Logging
import Database
import HTTPTypes
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/members`: people in the organisation. Managers add and edit members within their scope; a member is
/// never deleted (their history stays) but deactivated, which ends their sessions and tokens at once.
struct MemberController {
    let store: Store
    let passwords: PasswordWork

    struct MemberDTO: Codable, Sendable {
        var id: UUID
        var email: String
        var displayName: String
        var locale: String?
        var timeZone: String?
        var active: Bool
        var teamIds: [UUID]
        var createdAt: Date
        var updatedAt: Date
        var version: Int
        init(_ m: Member) {
            id = m.id
            email = m.email
            displayName = m.displayName
            locale = m.locale?.rawValue
            timeZone = m.timeZone
            active = m.active
            teamIds = m.teamIDs
            createdAt = m.createdAt
            updatedAt = m.updatedAt
            version = m.version
        }
    }
    struct CreateInput: Decodable {
        var email: String
        var displayName: String
        var locale: String?
        var timeZone: String?
        var password: String?
        var teamIds: [UUID]?
    }
    struct UpdateInput: Decodable {
        var displayName: String?
        var locale: String?
        var timeZone: String?
        var active: Bool?
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "email": Schema.string, "display_name": Schema.string,
         "locale": Schema.nullable(Schema.enumeration(["ja", "en"])), "time_zone": Schema.nullable(Schema.string),
         "active": Schema.boolean, "team_ids": Schema.array(Schema.uuid), "created_at": Schema.dateTime,
         "updated_at": Schema.dateTime, "version": Schema.integer],
        required: ["id", "email", "display_name", "active", "team_ids", "version"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/members", id: "listMembers", summary: "List members", tag: "directory",
                         parameters: Schema.paging + [Schema.query("company_id", Schema.uuid, "members of this company's teams"),
                                                      Schema.query("team_id", Schema.uuid, "members of this team")],
                         responses: [200: ("Members", Schema.list(schema))], problems: [422]),
        OpenAPIOperation("POST", "/v1/members", id: "createMember", summary: "Add a member, optionally into teams (Idempotency-Key honoured)",
                         tag: "directory",
                         requestBody: Schema.object(["email": Schema.string, "display_name": Schema.string, "locale": Schema.string,
                                                     "time_zone": Schema.string, "password": Schema.string,
                                                     "team_ids": Schema.array(Schema.uuid)], required: ["email", "display_name"]),
                         responses: [201: ("Created", schema)], problems: [409]),
        OpenAPIOperation("GET", "/v1/members/{id}", id: "getMember", summary: "Read a member", tag: "directory",
                         parameters: [Schema.pathID()], responses: [200: ("Member", schema)], problems: [404]),
        OpenAPIOperation("PATCH", "/v1/members/{id}", id: "updateMember", summary: "Edit or deactivate a member (If-Match honoured)",
                         tag: "directory", parameters: [Schema.pathID()],
                         requestBody: Schema.object(["display_name": Schema.string, "locale": Schema.string,
                                                     "time_zone": Schema.string, "active": Schema.boolean]),
                         responses: [200: ("Member", schema)], problems: [404, 412]),
    ]

    /// The scope a member lives in for permission checks: their teams (any one that the actor covers).
    static func covers(_ identity: Identity, _ permission: Permission, member: Member) -> Bool {
        if identity.authorizer.can(identity.actor, permission, in: .org).allowed { return true }
        if member.id == identity.memberID, permission == .readDirectory { return true }
        return member.teamIDs.contains { identity.authorizer.can(identity.actor, permission, in: .team($0)).allowed }
    }

    /// Refuses (403) unless the caller may grant every role `member` holds (``Authorizer/canActOn(_:holderOf:)``).
    static func requireReach(_ identity: Identity, over member: UUID, tx: TenantTransaction) async throws {
        let grants = try await GrantRepository.forMember(tx, member: member).map(\.grant)
        try Identity.enforce(identity.authorizer.canActOn(identity.actor, holderOf: grants))
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/members") { request, context in
            let identity = try context.requireIdentity()
            let list = try ListQuery(request)
            let company = try request.uuidQuery("company_id")
            let team = try request.uuidQuery("team_id")
            let page = try await store.tenant(identity.orgID) { tx in
                try await VisiblePage.fill(limit: list.limit, after: list.cursor, id: \.id, visible: { Self.covers(identity, .readDirectory, member: $0) }) {
                    try await MemberRepository.list(tx, companyID: company, teamID: team, after: $0, limit: $1)
                }
            }
            return try JSONResponse.make(ListResponse(items: page.items.map(MemberDTO.init), nextCursor: page.nextCursor))
        }
        router.post("/v1/members") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
            let email = try TenancyRules.email(input.email)
            let name = try TenancyRules.name(input.displayName, field: "display_name")
            let locale = try input.locale.map { try TenancyRules.locale($0) }
            let timeZone = try input.timeZone.map { try TenancyRules.timeZone($0) }
            let teams = input.teamIds ?? []
            // Adding someone straight into teams needs rights over each; adding to no team needs them org-wide.
            if teams.isEmpty {
                try identity.require(.manageMembers, in: .org)
            } else {
                for team in teams { try identity.require(.manageMembers, in: .team(team)) }
            }
            let hash = try await input.password.map { try TenancyRules.password($0) }.asyncMap(passwords.hash)
            return try await store.tenant(identity.orgID) { tx in
                try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    let id = UUID.v7()
                    _ = try await MemberRepository.insert(
                        tx, id: id, email: email, displayName: name, locale: locale,
                        timeZone: timeZone, passwordHash: hash)
                    for team in teams {
                        guard try await TeamRepository.get(tx, id: team) != nil else {
                            throw DomainError(.invalid, "no such team in this organisation", field: "team_ids")
                        }
                        _ = try await MemberRepository.addToTeam(tx, member: id, team: team)
                    }
                    let member = try await MemberRepository.get(tx, id: id)!
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "member.create", resource: "member", id: id,
                        after: MemberDTO(member))
                    return try .init(MemberDTO(member), version: member.version)
                }
            }
        }
        router.get("/v1/members/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "member")
            let member = try await store.tenant(identity.orgID) { tx in try await MemberRepository.get(tx, id: id) }
            guard let member, Self.covers(identity, .readDirectory, member: member) else { throw Problem.notFound("member") }
            return try JSONResponse.make(MemberDTO(member), version: member.version)
        }
        router.patch("/v1/members/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "member")
            let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
            let expected = try ETag.expectedVersion(request)
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await MemberRepository.get(tx, id: id) else {
                    throw Problem.notFound("member")
                }
                let isSelf = id == identity.memberID
                // Members edit their own name, language and zone; deactivating anyone takes management rights.
                if !(isSelf && input.active == nil) {
                    if !Self.covers(identity, .manageMembers, member: before) {
                        try Identity.enforce(identity.authorizer.can(identity.actor, .manageMembers, in: .org))
                    }
                    // Nobody reaches a person of higher rank: the right to grant each of the member's roles is needed.
                    try await Self.requireReach(identity, over: id, tx: tx)
                }
                let name = try input.displayName.map { try TenancyRules.name($0, field: "display_name") } ?? before.displayName
                let locale = try input.locale.map { try TenancyRules.locale($0) } ?? before.locale
                let timeZone = try input.timeZone.map { try TenancyRules.timeZone($0) } ?? before.timeZone
                if isSelf, input.active == false {
                    throw DomainError(.invalid, "you cannot deactivate yourself", field: "active")
                }
                if input.active == false, before.active, try await GrantRepository.activeOrgOwners(tx) == [id] {
                    throw DomainError(.conflict, "the organisation's last active owner cannot be deactivated", field: "active")
                }
                guard let after = try await MemberRepository.update(
                    tx, id: id, displayName: name, locale: locale, timeZone: timeZone,
                    active: input.active ?? before.active, expectedVersion: expected)
                else { throw ETag.stale }
                try await AuditTrail.record(
                    tx, identity, context: context, action: "member.update", resource: "member", id: id,
                    before: MemberDTO(before), after: MemberDTO(after))
                return try JSONResponse.make(MemberDTO(after), version: after.version)
            }
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
