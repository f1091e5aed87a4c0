import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// UUIDs are written in lower case (RFC 9562) everywhere the API answers, and read in either case.
@Suite struct JSONConventionsTests {
    static var upperCaseUUID: Regex<AnyRegexOutput> { try! Regex(#"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"#) }
    static var anyUUID: Regex<AnyRegexOutput> { try! Regex(#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#) }

    func raw(_ client: any TestClientProtocol, _ uri: String, token: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            (response.status, String(buffer: response.body))
        }
    }

    @Test func answersWriteUUIDsInLowerCase() async throws {
        try await withTenants { client, a, _, _ in
            for uri in ["/v1/me", "/v1/members", "/v1/companies", "/v1/teams", "/v1/tokens", "/v1/audit"] {
                let (status, body) = try await raw(client, uri, token: a.ownerToken)
                #expect(status == .ok, "\(uri)")
                #expect(body.contains(Self.anyUUID), "\(uri) answers with ids")
                #expect(!body.contains(Self.upperCaseUUID), "\(uri): \(body.prefix(300))")
            }
        }
    }

    @Test func idsAreReadInEitherCase() async throws {
        try await withTenants { client, a, _, _ in
            let member = a.owner.uuidString
            let (upper, _) = try await raw(client, "/v1/members/\(member.uppercased())", token: a.ownerToken)
            let (lower, _) = try await raw(client, "/v1/members/\(member.lowercased())", token: a.ownerToken)
            #expect(upper == .ok && lower == .ok)
        }
    }
}
