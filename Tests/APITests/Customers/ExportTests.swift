import API
import Domain
import Database
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import Store
import Testing
import UseCases

/// `GET /v1/exports/{kind}.csv`: Excel-ready, formula-safe, only what the caller reads, and re-importable.
@Suite struct ExportTests {
    @Test func customersExportWithBOMFormulaSafeAndRoundTrip() async throws {
        try await withTenants { client, a, b, services in
            let csv = "external_id,name,company,team,owner_email,tags\nR-1,\"=HYPERLINK(\"\"x\"\")\",SMB,SMB 1,csm@smb.example,a;b\nR-2,㈱伴走,SMB,,,\n"
            _ = try await client.upload("kind=customers", token: a.ownerToken, bytes: ImportJobs.utf8(csv))
            try await ImportJobs.run(services)
            _ = try await b.addCustomer(services.store, name: "Beta only", externalID: "B-1")
            let export = try await client.download("/v1/exports/customers.csv", token: a.ownerToken)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(Array(export.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: export.bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("external_id,name,"))
            #expect(text.contains("'=HYPERLINK"))
            #expect(text.contains("㈱伴走"))
            #expect(!text.contains("Beta only"))
            // Japanese headers on request.
            let ja = try await client.download("/v1/exports/customers.csv?headers=ja", token: a.ownerToken)
            #expect(String(decoding: ja.bytes.dropFirst(3), as: UTF8.self).hasPrefix("外部ID,顧客名"))
            // The export re-imports cleanly: every row an update, nothing changed.
            let again = try #require(try await client.upload("kind=customers", token: a.ownerToken, bytes: export.bytes).body["id"] as? String)
            try await ImportJobs.run(services)
            let result = try await client.call(.get, "/v1/imports/\(again)", token: a.ownerToken).body
            #expect(result["state"] as? String == "succeeded", "\(result)")
            #expect(result["updated"] as? Int == 2 && result["inserted"] as? Int == 0)
            let name = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT name FROM customer WHERE org_id = \(tx.org) AND external_id = 'R-1'").scalar(String.self)
            }
            #expect(name == "=HYPERLINK(\"x\")")
        }
    }

    @Test func cp932ExportAndSupportRefusedContracts() async throws {
        try await withTenants { client, a, _, services in
            _ = try await a.addCustomer(services.store, name: "㈱丸①商店", externalID: "S-1")
            let export = try await client.download("/v1/exports/customers.csv?encoding=cp932", token: a.ownerToken)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=Shift_JIS")
            let decoded = try CharacterConverter.cp932Decoder().convert(export.bytes, final: true)
            #expect(String(decoding: decoded, as: UTF8.self).contains("㈱丸①商店"))
            let support = try await a.addMember(services.store, email: "support@a.example", role: .support, scope: .org, team: nil)
            #expect(try await client.download("/v1/exports/contracts.csv", token: support.token).status == .forbidden)
            #expect(try await client.download("/v1/exports/revenue.csv", token: support.token).status == .forbidden)
            #expect(try await client.download("/v1/exports/tickets.csv", token: support.token).status == .ok)
            #expect(try await client.download("/v1/exports/contracts.csv", token: a.ownerToken).status == .ok)
            #expect(try await client.download("/v1/exports/customers.csv?encoding=ebcdic", token: a.ownerToken).status == .unprocessableContent)
        }
    }

    @Test func contractsImportAndExportInMajorUnits() async throws {
        try await withTenants { client, a, _, services in
            _ = try await a.addCustomer(services.store, name: "伴走", externalID: "K-1")
            let csv = "external_id,customer_external_id,arr,currency,start_date,end_date,auto_renews,notice_months\nCT-1,K-1,\"1,200,000\",JPY,2026/4/1,2027/3/31,true,3\nCT-2,K-1,1200.50,USD,2026-04-01,2027-03-31,no,\n"
            let id = try #require(try await client.upload("kind=contracts", token: a.ownerToken, bytes: ImportJobs.utf8(csv)).body["id"] as? String)
            try await ImportJobs.run(services)
            #expect(try await client.call(.get, "/v1/imports/\(id)", token: a.ownerToken).body["inserted"] as? Int == 2)
            let minor = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT arr_minor FROM contract WHERE org_id = \(tx.org) ORDER BY external_id").decodeColumn(Int64.self)
            }
            #expect(minor == [1_200_000, 120_050])
            let text = String(decoding: try await client.download("/v1/exports/contracts.csv", token: a.ownerToken).bytes, as: UTF8.self)
            #expect(text.contains("1200000,JPY") && text.contains("1200.50,USD"))
        }
    }
}
