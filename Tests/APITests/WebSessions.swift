import API
import Credentials
import Domain
import Foundation
import HummingbirdTesting
import Store
import Testing

/// Page sessions of the two test organisations, signed in through the sign-in form: alpha's owner, its SMB
/// manager and CSM (and, when asked, an SMB support engineer it adds), and beta's owner — the readers the page
/// tests hold each page's limits against.
struct WebSessions {
    static let password = "correct horse battery"

    var owner: String
    var manager: String
    var csm: String
    /// Empty unless asked for.
    var support: String
    var other: String

    var trio: (owner: String, csm: String, other: String) { (owner, csm, other) }

    static func signIn(
        _ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, _ services: AppServices, support: Bool = false
    ) async throws -> WebSessions {
        let hash = try await Secrets.hashPassword(password)
        var members = [a.csm, a.smbManager]
        if support {
            members.append(try await a.addMember(services.store, email: "support@smb.example", role: .support, scope: .company(a.smb), team: nil).id)
        }
        try await services.store.tenant(a.orgID) { tx in
            for member in members { try await MemberRepository.setPassword(tx, id: member, hash: hash) }
        }
        func session(_ slug: String, _ email: String) async throws -> String {
            try #require(try await client.signIn(slug, email, password).session)
        }
        return WebSessions(
            owner: try await session(a.slug, "owner@alpha.example"), manager: try await session(a.slug, "manager@smb.example"),
            csm: try await session(a.slug, "csm@smb.example"),
            support: support ? try await session(a.slug, "support@smb.example") : "",
            other: try await session(b.slug, "owner@beta.example"))
    }
}
