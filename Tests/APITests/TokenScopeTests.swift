import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// A `read` token never changes anything (issue 10, item 5): one check for every route that is not a safe method,
/// before any handler runs — including the routes that act on the caller's own things, which never asked the
/// permission function (notification preferences, own tokens, acknowledging an accountability, reviewing as the
/// assigned reviewer…).
@Suite struct TokenScopeTests {
    @Test func aReadTokenChangesNothingOnAnyRoute() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await client.call(.post, "/v1/tokens", token: a.csmToken, json: #"{"name":"dashboard","scopes":["read"]}"#)
            let readToken = try #require(created.body["token"] as? String)
            let writes = APIRoutes.operations.filter { $0.requiresAuth && !["GET", "HEAD"].contains($0.method) }
            #expect(writes.count > 40, "every documented write route is tried")
            for operation in writes {
                let path = operation.path.replacingOccurrences(of: #"\{[a-z_]+\}"#, with: UUID().uuidString.lowercased(), options: .regularExpression)
                let response = try await client.call(HTTPRequest.Method(operation.method)!, path, token: readToken, json: "{}")
                #expect(response.status == .forbidden, "\(operation.method) \(operation.path)")
                #expect(response.body["missing_permission"] as? String == "write", "\(operation.method) \(operation.path)")
            }
            // Reads still work with it.
            #expect(try await client.call(.get, "/v1/me", token: readToken).status == .ok)
        }
    }

    @Test func theReproducedCaseChangesNothingAndAWriteTokenStillDoes() async throws {
        try await withTenants { client, a, _, _ in
            let before = try await client.call(.get, "/v1/me/notification-preferences", token: a.readOnlyOwnerToken)
            let refused = try await client.call(.patch, "/v1/me/notification-preferences", token: a.readOnlyOwnerToken,
                                                json: #"{"muted_kinds":["check_in.due_soon"]}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.body["code"] as? String == "forbidden")
            let after = try await client.call(.get, "/v1/me/notification-preferences", token: a.readOnlyOwnerToken)
            #expect((after.body["muted_kinds"] as? [String]) == (before.body["muted_kinds"] as? [String]))
            let allowed = try await client.call(.patch, "/v1/me/notification-preferences", token: a.ownerToken,
                                                json: #"{"muted_kinds":["check_in.due_soon"]}"#)
            #expect(allowed.status == .ok)
            // Revoking one's own token is a change too.
            let tokens = try await client.call(.get, "/v1/tokens", token: a.readOnlyOwnerToken).body.items
            let own = try #require(tokens.first { $0["name"] as? String == "read only" }?["id"] as? String)
            #expect(try await client.call(.delete, "/v1/tokens/\(own)", token: a.readOnlyOwnerToken).status == .forbidden)
            #expect(try await client.call(.get, "/v1/me", token: a.readOnlyOwnerToken).status == .ok, "still valid")
        }
    }
}
