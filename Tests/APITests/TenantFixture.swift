import API
import UseCases
import Credentials
import Settings
import Database
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// Two organisations, each with Enterprise and SMB companies, a team in each, and members holding typical roles —
/// built through the real provisioning and stores, with a bearer token per member.
struct TenantOrg {
    var orgID: UUID
    var slug: String
    var owner: UUID
    var ownerToken: String
    var enterprise: UUID
    var smb: UUID
    var enterpriseTeam: UUID
    var smbTeam: UUID
    var smbManager: UUID
    var smbManagerToken: String
    var csm: UUID
    var csmToken: String
    var viewerToken: String
    var readOnlyOwnerToken: String

    static func make(_ store: Store, name: String, password: String = "correct horse battery") async throws -> TenantOrg {
        let created = try await OrgProvisioning.create(
            .init(name: name, ownerEmail: "owner@\(name.lowercased().filter(\.isLetter)).example", ownerPassword: password),
            store: store)
        let org = created.orgId
        return try await store.tenant(org) { tx in
            let enterprise = try await CompanyRepository.insert(tx, id: .v7(), name: "Enterprise").id
            let smb = try await CompanyRepository.insert(tx, id: .v7(), name: "SMB").id
            let entTeam = try await TeamRepository.insert(tx, id: .v7(), companyID: enterprise, name: "Ent 1").id
            let smbTeam = try await TeamRepository.insert(tx, id: .v7(), companyID: smb, name: "SMB 1").id
            func member(_ email: String, _ role: Role, _ scope: Scope, team: UUID?, scopes: [TokenScope] = [.read, .write, .admin])
                async throws -> (UUID, String)
            {
                let id = UUID.v7()
                _ = try await MemberRepository.insert(
                    tx, id: id, email: email, displayName: "\(role.rawValue) さん", locale: .ja, timeZone: nil,
                    passwordHash: nil)
                if let team { _ = try await MemberRepository.addToTeam(tx, member: id, team: team) }
                _ = try await GrantRepository.insert(tx, id: .v7(), member: id, grant: Grant(role: role, scope: scope), by: nil)
                let token = Secrets.newToken()
                _ = try await CredentialRepository.createToken(
                    tx, id: .v7(), member: id, name: "test", scopes: scopes, tokenHash: Secrets.hash(token: token),
                    expiresAt: nil, createdBy: id)
                return (id, token)
            }
            let (manager, managerToken) = try await member("manager@smb.example", .manager, .company(smb), team: smbTeam)
            let (csm, csmToken) = try await member("csm@smb.example", .csm, .team(smbTeam), team: smbTeam)
            let (_, viewerToken) = try await member("viewer@ent.example", .viewer, .company(enterprise), team: entTeam)
            let readOnly = Secrets.newToken()
            _ = try await CredentialRepository.createToken(
                tx, id: .v7(), member: created.ownerId, name: "read only", scopes: [.read],
                tokenHash: Secrets.hash(token: readOnly), expiresAt: nil, createdBy: created.ownerId)
            return TenantOrg(
                orgID: org, slug: created.slug, owner: created.ownerId, ownerToken: created.token, enterprise: enterprise,
                smb: smb, enterpriseTeam: entTeam, smbTeam: smbTeam, smbManager: manager, smbManagerToken: managerToken,
                csm: csm, csmToken: csmToken, viewerToken: viewerToken, readOnlyOwnerToken: readOnly)
        }
    }
}

/// Runs `body` with the app and two provisioned organisations.
func withTenants(
    configure: (inout AppConfiguration) -> Void = { _ in }, extensions: [RouteExtension] = [],
    _ body: @escaping @Sendable (any TestClientProtocol, TenantOrg, TenantOrg, AppServices) async throws -> Void
) async throws {
    try await withApp(configure: configure, extensions: extensions) { client, services in
        let store = services.store
        let a = try await TenantOrg.make(store, name: "Alpha")
        let b = try await TenantOrg.make(store, name: "Beta")
        try await body(client, a, b, services)
    }
}

extension TestClientProtocol {
    /// Sends a JSON request with a bearer token; returns the status, headers and decoded JSON (or nil).
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: [String: Any]) {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            let data = Data(response.body.readableBytesView)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return (response.status, response.headers, object)
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    var items: [[String: Any]] { self["items"] as? [[String: Any]] ?? [] }
    var ids: Set<String> { Set(items.compactMap { ($0["id"] as? String)?.lowercased() }) }
}

extension UUID {
    var lower: String { uuidString.lowercased() }
}

/// `#expect` over an awaited, throwing condition (the macro cannot hold `try await` inside these closures).
func check(
    _ condition: @autoclosure () async throws -> Bool, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let value = try await condition()
    #expect(value, comment, sourceLocation: sourceLocation)
}
