import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Input that PostgreSQL or a spreadsheet would misread (issue 10, items 8 and 9).
@Suite struct InputSafetyTests {
    /// U+0000 anywhere a client sends text is a 422 naming the field — never a 500 — and nothing is written.
    @Test func nulCharactersAreRefusedWithTheField() async throws {
        try await withTenants { client, a, _, _ in
            let company = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"a\u0000b"}"#)
            #expect(company.status == .unprocessableContent)
            #expect(company.body["code"] as? String == "invalid_text")
            #expect(company.body["field"] as? String == "name")
            let companies = try await client.call(.get, "/v1/companies", token: a.ownerToken).body.items
            #expect(!companies.contains { ($0["name"] as? String)?.hasPrefix("a") == true }, "nothing half-written")

            // Nested and in arrays: the field is named by its path.
            let prefs = try await client.call(.patch, "/v1/me/notification-preferences", token: a.ownerToken,
                                              json: #"{"muted_kinds":["check_in.due_soon","x\u0000"]}"#)
            #expect(prefs.status == .unprocessableContent)
            #expect(prefs.body["field"] as? String == "muted_kinds[1]")

            // Public routes too: the fuzzer's first find.
            let reset = try await client.call(.post, "/v1/auth/password-reset/request", token: nil,
                                              json: #"{"org":"\#(a.slug)","email":"x\u0000@alpha.example"}"#)
            #expect(reset.status == .unprocessableContent)
            #expect(reset.body["field"] as? String == "email")
            let login = try await client.call(.post, "/v1/auth/login", token: nil, json: #"{"org":"a\u0000","email":"e","password":"p"}"#)
            #expect(login.status == .unprocessableContent)
            #expect(login.body["field"] as? String == "org")

            // Query and path parameters.
            let query = try await client.call(.get, "/v1/audit?resource_type=goal%00", token: a.ownerToken)
            #expect(query.status == .unprocessableContent)
            #expect(query.body["field"] as? String == "resource_type")
            let path = try await client.call(.put, "/v1/org/closures/2026-08-1%00", token: a.ownerToken, json: "{}")
            #expect(path.status == .unprocessableContent)
            #expect(path.body["field"] as? String == "date")

            // An escaped backslash followed by "u0000" is ordinary text.
            let literal = try await client.call(.post, "/v1/companies", token: a.ownerToken, json: #"{"name":"C:\\u0000 folder"}"#)
            #expect(literal.status == .created)
            #expect(literal.body["name"] as? String == #"C:\u0000 folder"#)
        }
    }

    /// A goal titled like a formula is exported as text, in UTF-8 and in CP932; negative numbers stay numbers.
    @Test func csvExportsAreFormulaSafe() async throws {
        try await withTenants { client, a, _, _ in
            // (Titles are trimmed on input, so a leading tab or CR never reaches a cell; SpreadsheetCellTests covers them.)
            let titles = [#"=HYPERLINK("http://evil.example","click")"#, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"]
            for title in titles {
                let created = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                    "kind": "kgi", "title": title, "company_id": a.smb.lower, "period": "FY2026-H2", "owner_id": a.smbManager.lower,
                    "metric": "NRR", "unit": "%", "baseline": -5, "target": 10, "due_date": "2027-03-31"]))
                #expect(created.status == .created, "\(title): \(created.body)")
            }
            for encoding in ["utf-8", "cp932"] {
                let data = try await client.execute(uri: "/v1/goals/export.csv?period=FY2026-H2&encoding=\(encoding)", method: .get,
                                                    headers: [.authorization: "Bearer \(a.ownerToken)"]) { Data($0.body.readableBytesView) }
                let text = try #require(encoding == "cp932" ? String(data: data, encoding: .shiftJIS) : String(data: data.dropFirst(3), encoding: .utf8))
                for title in titles {
                    // A CSV field holding a quote, tab or CR is quoted; either way the apostrophe comes first.
                    let quoted = "\"'" + title.replacingOccurrences(of: "\"", with: "\"\"")
                    #expect(text.contains(",'" + title + ",") || text.contains(quoted), "\(encoding): \(title.debugDescription)")
                    #expect(!text.contains("," + title + ",") && !text.contains(",\"" + title.replacingOccurrences(of: "\"", with: "\"\"")),
                            "\(encoding): \(title.debugDescription) is never written as a live formula")
                }
                #expect(text.contains(",-5,10,"), "\(encoding): a negative baseline stays a number")
            }
        }
    }

    /// The fuzzer's find: deleting a team that goals or accountabilities still name was a 500. It is a 409 saying why.
    @Test func aTeamInUseIsAConflictNotAServerError() async throws {
        try await withTenants { client, a, _, _ in
            try await check(await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "kgi", "title": "Team goal", "company_id": a.smb.lower, "team_id": a.smbTeam.lower, "period": "FY2026-H2",
                "owner_id": a.csm.lower, "metric": "GRR", "unit": "%", "baseline": 90, "target": 95, "due_date": "2027-03-31"])).status == .created)
            let refused = try await client.call(.delete, "/v1/teams/\(a.smbTeam.lower)", token: a.ownerToken)
            #expect(refused.status == .conflict)
            #expect((refused.body["detail"] as? String)?.contains("goal") == true)
            try await check(await client.call(.post, "/v1/accountabilities", token: a.ownerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "duty", "duty": "x", "team_id": a.enterpriseTeam.lower])).status == .created)
            #expect(try await client.call(.delete, "/v1/teams/\(a.enterpriseTeam.lower)", token: a.ownerToken).status == .conflict)
        }
    }
}
