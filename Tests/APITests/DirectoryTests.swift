import API
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Database
import Testing

@Suite struct DirectoryTests {
    @Test func idempotentCreateAnswersTheSameAndCreatesOnce() async throws {
        try await withTenants { client, a, _, _ in
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "create-apac-1"]
            let first = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"APAC"}"#, headers: key)
            let second = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"APAC"}"#, headers: key)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(first.body["id"] as? String == second.body["id"] as? String)
            let names = try await client.call(.get, "/v1/companies", token: a.ownerToken).body.items.compactMap { $0["name"] as? String }
            #expect(names.filter { $0 == "APAC" }.count == 1)
            let reused = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"EMEA"}"#, headers: key)
            #expect(reused.status == .unprocessableContent)
            #expect(reused.body["code"] as? String == "idempotency_key_reused")
        }
    }

    @Test func staleIfMatchIs412() async throws {
        try await withTenants { client, a, _, _ in
            let read = try await client.call(.get, "/v1/companies/\(a.smb.lower)", token: a.ownerToken)
            let etag = try #require(read.headers[.eTag])
            let first = try await client.call(
                .patch, "/v1/companies/\(a.smb.lower)", token: a.ownerToken, json: #"{"name":"SMB 中小企業"}"#, headers: [.ifMatch: etag])
            #expect(first.status == .ok)
            #expect(first.headers[.eTag] != etag)
            let stale = try await client.call(
                .patch, "/v1/companies/\(a.smb.lower)", token: a.ownerToken, json: #"{"name":"SMB again"}"#, headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.body["code"] as? String == "precondition_failed")
            try await check(await client.call(.get, "/v1/companies/\(a.smb.lower)", token: a.ownerToken).body["name"] as? String == "SMB 中小企業")
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await withTenants { client, a, _, _ in
            let missing = try await client.call(.post, "/v1/teams", token: a.ownerToken, json: #"{"name":"x"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body["field"] as? String == "company_id")
            let unknownCompany = try await client.call(
                .post, "/v1/teams", token: a.ownerToken, json: #"{"company_id":"\#(UUID().uuidString)","name":"x"}"#)
            #expect(unknownCompany.status == .unprocessableContent)
            #expect(unknownCompany.body["field"] as? String == "company_id")
            let wrongType = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":42}"#)
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.body["field"] as? String == "name")
            let blank = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"   "}"#)
            #expect(blank.status == .unprocessableContent)
            #expect(blank.body["field"] as? String == "name")
            let duplicate = try await client.call(
                .post, "/v1/members", token: a.ownerToken, json: #"{"email":"CSM@smb.example","display_name":"dup"}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.body["code"] as? String == "conflict")
            #expect(duplicate.body["field"] as? String == "email")
            let badEmail = try await client.call(.post, "/v1/members", token: a.ownerToken, json: #"{"email":"nope","display_name":"x"}"#)
            #expect(badEmail.body["field"] as? String == "email")
            let badLimit = try await client.call(.get, "/v1/companies?limit=0", token: a.ownerToken)
            #expect(badLimit.status == .unprocessableContent)
            #expect(badLimit.body["field"] as? String == "limit")
            try await check(await client.call(.get, "/v1/companies/not-a-uuid", token: a.ownerToken).status == .notFound)
            // Nothing half-written: the failed creates left no rows.
            let teams = try await client.call(.get, "/v1/teams", token: a.ownerToken).body.items.count
            #expect(teams == 2)
        }
    }

    @Test func listsPaginateWithKeysetCursors() async throws {
        try await withTenants { client, a, _, _ in
            for i in 0..<5 {
                try await check(await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"Unit \#(i)"}"#).status == .created)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.call(.get, "/v1/companies?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), token: a.ownerToken)
                seen += page.body.items.compactMap { $0["id"] as? String }
                cursor = page.body["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 7)
            #expect(Set(seen).count == 7)
            #expect(seen == seen.sorted())
        }
    }

    @Test func membersAndTeamsFilterByCompanyAndTeam() async throws {
        try await withTenants { client, a, _, _ in
            let smbTeams = try await client.call(.get, "/v1/teams?company_id=\(a.smb.lower)", token: a.ownerToken).body.ids
            #expect(smbTeams == [a.smbTeam.lower])
            let inTeam = try await client.call(.get, "/v1/members?team_id=\(a.smbTeam.lower)", token: a.ownerToken).body.ids
            #expect(inTeam == [a.csm.lower, a.smbManager.lower])
            let inCompany = try await client.call(.get, "/v1/members?company_id=\(a.enterprise.lower)", token: a.ownerToken).body.ids
            #expect(!inCompany.contains(a.csm.lower))
            #expect(inCompany.count == 1)
        }
    }

    @Test func everyChangeIsAudited() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"LATAM"}"#)
            let id = try #require(created.body["id"] as? String)
            _ = try await client.call(.patch, "/v1/companies/\(id)", token: a.ownerToken, json: #"{"name":"LATAM 2"}"#)
            _ = try await client.call(.delete, "/v1/companies/\(id)", token: a.ownerToken)
            let grant = try await client.call(
                .post, "/v1/grants", token: a.ownerToken, json: #"{"member_id":"\#(a.csm.lower)","role":"viewer","scope_type":"org"}"#)
            #expect(grant.status == .created)
            let events = try await client.call(.get, "/v1/audit?resource_id=\(id)", token: a.ownerToken).body.items
            #expect(events.compactMap { $0["action"] as? String } == ["company.delete", "company.update", "company.create"])
            let update = try #require(events.first { $0["action"] as? String == "company.update" })
            #expect((update["before"] as? [String: Any])?["name"] as? String == "LATAM")
            #expect((update["after"] as? [String: Any])?["name"] as? String == "LATAM 2")
            #expect((update["actor_id"] as? String)?.lowercased() == a.owner.lower)
            #expect(update["token_id"] != nil)
            #expect(update["request_id"] != nil)
            let byActor = try await client.call(.get, "/v1/audit?actor_id=\(a.owner.lower)&resource_type=grant", token: a.ownerToken).body.items
            #expect(byActor.contains { $0["action"] as? String == "grant.create" })
        }
    }

    @Test func replayedSecretCreatesDoNotShowTheSecretAgain() async throws {
        try await withTenants { client, a, _, services in
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "token-1"]
            let first = try await client.call(.post, "/v1/tokens", token: a.ownerToken, json: #"{"name":"sync","scopes":["read"]}"#, headers: key)
            let replay = try await client.call(.post, "/v1/tokens", token: a.ownerToken, json: #"{"name":"sync","scopes":["read"]}"#, headers: key)
            let secret = try #require(first.body["token"] as? String)
            #expect(replay.body["id"] as? String == first.body["id"] as? String)
            #expect(replay.body["token"] == nil)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            // Nothing stored holds the secret in clear.
            let stored = try await services.database.query("SELECT count(*) FROM idempotency_key WHERE position(convert_to(\(secret), 'UTF8') in body) > 0")
            #expect(try stored.scalar(Int.self) == 0)
        }
    }
}
