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

/// `POST /v1/imports` and the job behind it: encodings, all-or-nothing, every bad row, dry runs, upserts,
/// per-row permissions, progress and retries.
@Suite struct ImportTests {
    func names(_ services: AppServices, _ org: TenantOrg) async throws -> [String: String] {
        try await services.store.tenant(org.orgID) { tx in
            var out: [String: String] = [:]
            for row in try await tx.query("SELECT external_id, name FROM customer WHERE org_id = \(tx.org) AND external_id IS NOT NULL") {
                let (key, name) = try row.decode((String, String).self)
                out[key] = name
            }
            return out
        }
    }

    func status(_ client: any TestClientProtocol, _ id: String, _ token: String) async throws -> [String: Any] {
        try await client.call(.get, "/v1/imports/\(id)", token: token).body
    }

    @Test func aCP932FileWithCircledDigitsAndKabushikiImports() async throws {
        try await withTenants { client, a, _, services in
            let csv = "外部ID,顧客名,フリガナ,会社,チーム,担当CSM,タグ\r\nC-1,㈱伴走商事,バンソウショウジ,SMB,SMB 1,csm@smb.example,重要;①期\r\nC-2,株式会社ＡＢＣ,,SMB,,,\r\n"
            let bytes = try ImportJobs.cp932(csv)
            #expect(!CSVEncoding.isUTF8(bytes, allowingCutEnd: false))
            let uploaded = try await client.upload("kind=customers&filename=crm.csv", token: a.ownerToken, bytes: bytes)
            #expect(uploaded.status == .accepted, "\(uploaded.body)")
            let id = try #require(uploaded.body["id"] as? String)
            #expect(uploaded.headers[.location] == "/v1/imports/\(id)")
            #expect(uploaded.body["state"] as? String == "queued")
            try await ImportJobs.run(services)
            let done = try await status(client, id, a.ownerToken)
            #expect(done["state"] as? String == "succeeded", "\(done)")
            #expect(done["inserted"] as? Int == 2)
            let stored = try await names(services, a)
            #expect(stored["C-1"] == "㈱伴走商事")
            #expect(stored["C-2"] == "株式会社ＡＢＣ")
        }
    }

    @Test func aUTF8FileWithBOMImportsAndUpsertsByExternalID() async throws {
        try await withTenants { client, a, _, services in
            let first = ImportJobs.utf8("external_id,name,company\nX-1,Alpha KK,SMB\n", bom: true)
            let one = try #require(try await client.upload("kind=customers", token: a.ownerToken, bytes: first).body["id"] as? String)
            try await ImportJobs.run(services)
            #expect(try await status(client, one, a.ownerToken)["inserted"] as? Int == 1)
            let second = ImportJobs.utf8("external_id,name\nX-1,Alpha Holdings\nX-2,Beta\n", bom: true)
            let two = try #require(try await client.upload("kind=customers", token: a.ownerToken, bytes: second).body["id"] as? String)
            try await ImportJobs.run(services)
            let result = try await status(client, two, a.ownerToken)
            // X-2 is new and names no company: refused, and with it the whole file.
            #expect(result["state"] as? String == "failed")
            let problems = try #require(result["problems"] as? [[String: Any]])
            #expect(problems.count == 1)
            #expect(problems.first?["line"] as? Int == 3)
            #expect(try await names(services, a)["X-1"] == "Alpha KK", "nothing of a failed import is written")
            let third = ImportJobs.utf8("external_id,name\nX-1,Alpha Holdings\n")
            let three = try #require(try await client.upload("kind=customers", token: a.ownerToken, bytes: third).body["id"] as? String)
            try await ImportJobs.run(services)
            let updated = try await status(client, three, a.ownerToken)
            #expect(updated["updated"] as? Int == 1 && updated["inserted"] as? Int == 0, "\(updated)")
            #expect(try await names(services, a)["X-1"] == "Alpha Holdings")
        }
    }

    @Test func aDryRunWritesNothingAndReportsEveryBadRow() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "伴走", externalID: "K-1")
            _ = customer
            let csv = """
                customer_external_id,source,external_id,title,priority,opened_at,csat
                K-1,zendesk,T-1,ログインできない,high,2026/4/1 10:00,5
                K-1,zendesk,T-2,,urgent,2026-04-02,9
                NOPE,zendesk,T-3,請求書,normal,2026-04-03,
                K-1,zendesk,T-4,遅い,critical,yesterday,

                """
            for dryRun in [true, false] {
                let id = try #require(try await client.upload(
                    "kind=tickets&dry_run=\(dryRun)", token: a.ownerToken, bytes: ImportJobs.utf8(csv)).body["id"] as? String)
                try await ImportJobs.run(services)
                let result = try await status(client, id, a.ownerToken)
                #expect(result["state"] as? String == "failed")
                #expect(result["dry_run"] as? Bool == dryRun)
                let problems = try #require(result["problems"] as? [[String: Any]])
                let found = Set(problems.map { "\($0["line"] as? Int ?? 0):\($0["column"] as? String ?? "")" })
                #expect(found == ["3:title", "3:csat", "4:customer_external_id", "5:priority", "5:opened_at"], "\(problems)")
                #expect(result["problem_count"] as? Int == 5)
            }
            let count = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*)::int FROM ticket WHERE org_id = \(tx.org)").scalar(Int.self)
            }
            #expect(count == 0)
            // A clean dry run counts what it would write, and still writes nothing.
            let clean = "customer_external_id,source,external_id,title,opened_at\nK-1,zendesk,T-1,ログインできない,2026-04-01T10:00:00+09:00\n"
            let id = try #require(try await client.upload(
                "kind=tickets&dry_run=true", token: a.ownerToken, bytes: ImportJobs.utf8(clean)).body["id"] as? String)
            try await ImportJobs.run(services)
            let result = try await status(client, id, a.ownerToken)
            #expect(result["state"] as? String == "succeeded" && result["inserted"] as? Int == 1, "\(result)")
            let after = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*)::int FROM ticket WHERE org_id = \(tx.org)").scalar(Int.self)
            }
            #expect(after == 0)
        }
    }

    @Test func aCSMCannotImportIntoAnotherTeamOrForSomeoneElse() async throws {
        try await withTenants { client, a, _, services in
            let csv = """
                external_id,name,company,team,owner_email
                M-1,自分の顧客,SMB,SMB 1,csm@smb.example
                M-2,他チーム,Enterprise,Ent 1,csm@smb.example
                M-3,他人の顧客,SMB,SMB 1,manager@smb.example

                """
            let id = try #require(try await client.upload("kind=customers", token: a.csmToken, bytes: ImportJobs.utf8(csv)).body["id"] as? String)
            try await ImportJobs.run(services)
            let result = try await status(client, id, a.csmToken)
            #expect(result["state"] as? String == "failed")
            let problems = try #require(result["problems"] as? [[String: Any]])
            #expect(problems.map { $0["line"] as? Int } == [3, 4], "\(problems)")
            #expect(problems.first?["column"] as? String == "team")
            #expect(try await names(services, a).isEmpty)
            // Support may not import at all, and never contracts.
            let support = try await a.addMember(services.store, email: "support@a.example", role: .support, scope: .org, team: nil)
            let refused = try await client.upload("kind=contracts", token: support.token, bytes: ImportJobs.utf8("x\n"))
            #expect(refused.status == .forbidden)
            // A read-only token never uploads.
            let readOnly = try await client.upload("kind=customers", token: a.readOnlyOwnerToken, bytes: ImportJobs.utf8("x\n"))
            #expect(readOnly.status == .forbidden)
        }
    }

    @Test func progressAndARetriedJobWritesOnce() async throws {
        try await withTenants { client, a, _, services in
            _ = try await a.addCustomer(services.store, name: "伴走", externalID: "K-1")
            var csv = "customer_external_id,external_id,title,opened_at\n"
            for i in 0..<2500 { csv += "K-1,T-\(i),件名 \(i),2026-04-01\n" }
            let id = try #require(try await client.upload("kind=tickets", token: a.ownerToken, bytes: ImportJobs.utf8(csv)).body["id"] as? String)
            let importID = try #require(UUID(uuidString: id))
            // A worker that died mid-import left the file running; the retried job imports it once.
            _ = try await services.store.tenant(a.orgID) { tx in
                try await tx.execute("UPDATE import_file SET state = 'running', rows_done = 1000 WHERE org_id = \(tx.org) AND id = \(importID)")
            }
            var processor = ImportProcessor(store: services.store, logger: .init(label: "test"))
            processor.progressEvery = 1000
            try await processor.run(org: a.orgID, importID: importID)
            try await processor.run(org: a.orgID, importID: importID)
            try await ImportJobs.run(services)
            let result = try await status(client, id, a.ownerToken)
            #expect(result["state"] as? String == "succeeded")
            #expect(result["rows_done"] as? Int == 2500 && result["inserted"] as? Int == 2500)
            let count = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*)::int FROM ticket WHERE org_id = \(tx.org)").scalar(Int.self)
            }
            #expect(count == 2500)
            // The list: the owner's own import; another member sees none of it.
            try await check(await client.call(.get, "/v1/imports", token: a.ownerToken).body.ids.contains(id))
            try await check(await client.call(.get, "/v1/imports", token: a.csmToken).body.items.isEmpty)
            try await check(await client.call(.get, "/v1/imports/\(id)", token: a.csmToken).status == .notFound)
        }
    }

    @Test func badQueryParametersAre422() async throws {
        try await withTenants { client, a, _, _ in
            for query in ["kind=planets", "kind=customers&encoding=latin1", "kind=customers&dry_run=maybe"] {
                let answer = try await client.upload(query, token: a.ownerToken, bytes: [UInt8]())
                #expect(answer.status == .unprocessableContent, "\(query)")
            }
            // A NUL or other control character in the name is the client's mistake, named as such — not the database's.
            for name in ["a%00.csv", "a%0A.csv", "%1B%5B31m.csv"] {
                let answer = try await client.upload("kind=customers&filename=\(name)", token: a.ownerToken, bytes: Array("name\n".utf8))
                #expect(answer.status == .unprocessableContent, "\(name)")
                #expect(answer.body["field"] as? String == "filename", "\(name)")
            }
        }
    }
}

/// The upload's own 50 MB limit: refused with 413 (from the declared length, or as the body streams in), nothing stored.
@Suite struct ImportLimitTests {
    @Test func aFileOver50MBIsRefusedWithoutBeingStored() async throws {
        try await withTenants { client, a, _, services in
            // The body is counted as it streams in: one byte over the limit and the transaction rolls back.
            var big = Array("external_id,name\n".utf8)
            big += [UInt8](repeating: UInt8(ascii: "a"), count: (50 << 20) + 1 - big.count)
            let tooBig = try await client.upload("kind=customers", token: a.ownerToken, bytes: big)
            #expect(tooBig.status == .contentTooLarge)
            let stored = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*)::int FROM import_file WHERE org_id = \(tx.org)").scalar(Int.self)
            }
            #expect(stored == 0)
            // The 1 MB limit of other routes does not apply to the upload: a 2 MB file is accepted.
            var csv = "external_id,name,company\n"
            var i = 0
            while i < 70_000 {
                csv += "E-\(i),名前,SMB\n"
                i += 1
            }
            #expect(csv.utf8.count > 1 << 20)
            let accepted = try await client.upload("kind=customers&dry_run=true", token: a.ownerToken, bytes: Array(csv.utf8))
            #expect(accepted.status == .accepted)
            #expect(accepted.body["size_bytes"] as? Int == csv.utf8.count)
        }
    }

    @Test func theMiddlewareExemptsOnlyTheUploadRoute() {
        #expect(BodyLimitMiddleware.streamingUploads == [.init(method: .post, path: "/v1/imports", limit: 50 << 20)])
    }
}
