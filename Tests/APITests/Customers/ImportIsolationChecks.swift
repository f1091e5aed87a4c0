import API
import Settings
import Database
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import Testing

/// Every /v1 route of the import part, called by the second org on the first org's ids: 404, and lists show nothing.
/// Returns the routes it covered ("METHOD /v1/template"), for the test that every route is covered.
func checkImportIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices) async throws -> Set<String> {
    _ = try await a.addCustomer(services.store, name: "アルファだけ", externalID: "ISO-1")
    let uploaded = try await client.upload("kind=customers&dry_run=true", token: a.ownerToken, bytes: Array("external_id,name\nISO-1,x\n".utf8))
    #expect(uploaded.status == .accepted)
    let id = try #require(uploaded.body["id"] as? String)
    #expect(try await client.call(.get, "/v1/imports/\(id)", token: b.ownerToken).status == .notFound)
    #expect(try await client.call(.get, "/v1/imports", token: b.ownerToken).body.items.isEmpty)
    // b's upload naming a's customer: no such customer for b.
    let theirs = try await client.upload("kind=contacts&dry_run=true", token: b.ownerToken,
        bytes: Array("external_id,customer_external_id,name\nP-1,ISO-1,x\n".utf8))
    #expect(theirs.status == .accepted)
    var covered: Set<String> = ["POST /v1/imports", "GET /v1/imports", "GET /v1/imports/{id}"]
    for kind in ["customers", "contacts", "contracts", "revenue", "nps", "tickets"] {
        let export = try await client.download("/v1/exports/\(kind).csv", token: b.ownerToken)
        #expect(export.status == .ok)
        let text = String(decoding: export.bytes, as: UTF8.self)
        #expect(!text.contains("ISO-1") && !text.contains("アルファだけ"))
        covered.insert("GET /v1/exports/\(kind).csv")
    }
    return covered
}
