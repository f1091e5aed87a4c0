import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// A success program through the JSON API on the real database: program months counted from a start on the 20th,
/// hours against each month's budget (80 % warning, past 100 % flagged to the CSM's manager once), the goal sheet's
/// agreement undone by an edit, the result moving the customer's phase, and who may do what.
@Suite struct ProgramAPITests {
    @Test func programMonthsAndHourBudgetsAcrossMonthBoundaries() async throws {
        try await withTenants { client, a, _, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            let enrolment = try await client.call(.get, "/v1/enrolments/\(p.enrolment)", token: a.csmToken)
            #expect(enrolment.status == .ok, "\(enrolment.body)")
            let months = enrolment.body["program_months"] as? [[String: Any]] ?? []
            #expect(months.map { "\($0["start"] ?? "")…\($0["end"] ?? "")" }
                == ["2026-10-20…2026-11-19", "2026-11-20…2026-12-19", "2026-12-20…2027-01-19"])
            #expect(enrolment.body["end_date"] as? String == "2027-01-19")
            #expect(enrolment.body["csm_id"] as? String == a.csm.lower, "the customer's owner runs it by default")

            func log(_ day: String, _ minutes: Int) async throws {
                let made = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken, json: body([
                    "kind": "pair_support", "held_on": day, "duration_minutes": minutes, "supported_contact_id": p.owner,
                    "practised": "予算ビューでの月次締め"]))
                #expect(made.status == .created, "\(made.body)")
            }
            func month(_ k: Int) async throws -> [String: Any] {
                let e = try await client.call(.get, "/v1/enrolments/\(p.enrolment)", token: a.csmToken)
                return (e.body["program_months"] as? [[String: Any]] ?? [])[k - 1]
            }
            func overNotices() async throws -> Int {
                try await client.call(.get, "/v1/me/notifications?limit=200", token: a.smbManagerToken).body.items
                    .filter { $0["kind"] as? String == "program.over_budget" }.count
            }
            // The 19th is the last day of month 1, the 20th the first of month 2.
            try await log("2026-11-19", 240)
            try await log("2026-11-20", 60)
            let first = try await month(1), second = try await month(2)
            #expect(first["used_minutes"] as? Int == 240 && first["limit_minutes"] as? Int == 300)
            #expect(first["percent"] as? Double == 80 && first["warning"] as? Bool == true && first["over"] as? Bool == false)
            #expect(second["used_minutes"] as? Int == 60 && second["warning"] as? Bool == false)
            #expect(try await overNotices() == 0)

            // Past 100 %: recorded, never refused, flagged; the manager hears once for the month.
            try await log("2026-11-01", 90)
            let over = try await month(1)
            #expect(over["used_minutes"] as? Int == 330 && over["over"] as? Bool == true && over["state"] as? String == "over")
            #expect(try await overNotices() == 1)
            try await log("2026-11-02", 15)
            #expect(try await overNotices() == 1, "once per program month")

            // The CSM's capacity shows this calendar month's program hours.
            let capacity = try await client.call(.get, "/v1/members/\(a.csm.lower)/capacity", token: a.csmToken)
            #expect(capacity.status == .ok)
            #expect(capacity.body["monthly_minutes"] as? Int == 7200 && capacity.body["is_default"] as? Bool == true)
            #expect((capacity.body["load"] as? [String: Any])?["used_minutes"] as? Int == 240 + 60 + 90 + 15)

            // Hours in the future are refused; a held pair support names the person supported.
            let future = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken, json: body([
                "kind": "other", "held_on": "2026-12-01", "duration_minutes": 30]))
            #expect(future.status == .unprocessableContent && future.body["field"] as? String == "held_on", "\(future.body)")
            let nobody = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken, json: body([
                "kind": "pair_support", "held_on": "2026-11-10", "duration_minutes": 15]))
            #expect(nobody.status == .unprocessableContent && nobody.body["field"] as? String == "supported_contact_id")
            let huge = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken,
                                             json: #"{"kind":"other","held_on":"2026-11-10","duration_minutes":99999999999999999999}"#)
            #expect(huge.status == .badRequest || huge.status == .unprocessableContent, "\(huge.body)")

            // The report: the CSM's hours against capacity this month.
            let report = try await client.call(.get, "/v1/reports/programs?month=2026-11", token: a.ownerToken)
            #expect(report.status == .ok, "\(report.body)")
            let hours = report.body["hours_per_csm"] as? [[String: Any]] ?? []
            #expect(hours.first { $0["csm_id"] as? String == a.csm.lower }.flatMap { ($0["load"] as? [String: Any])?["used_minutes"] as? Int } == 405)
        }
    }

    @Test func anEditAfterAgreementNeedsAgreeingAgain() async throws {
        try await withTenants { client, a, _, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            let written = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken, json: p.sheetJSON())
            #expect(written.status == .ok && written.body["version"] as? Int == 1, "\(written.body)")
            #expect((written.body["content"] as? [String: Any])?["kpi_unit"] as? String == "営業日")
            let agreed = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/goal-sheet/agree", token: a.csmToken, json: #"{"version":1}"#)
            #expect(agreed.status == .ok)
            #expect(agreed.body["pending_parties"] as? [String] == ["client_owner", "decision_maker"])
            // Only the program's CSM agrees as CSM.
            let manager = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/goal-sheet/agree", token: a.smbManagerToken, json: "{}")
            #expect(manager.status == .forbidden)
            // A stale If-Match is refused; a real edit makes version 2 and the CSM's agreement no longer counts.
            let stale = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken,
                                              json: p.sheetJSON(goal: "別の目標"), headers: [.ifMatch: "\"v7\""])
            #expect(stale.status == .preconditionFailed)
            let edited = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken,
                                               json: p.sheetJSON(goal: "月次決算を4営業日早める"), headers: [.ifMatch: "\"v1\""])
            #expect(edited.status == .ok && edited.body["version"] as? Int == 2, "\(edited.body)")
            #expect(edited.body["pending_parties"] as? [String] == ["csm", "client_owner", "decision_maker"])
            #expect((edited.body["agreements"] as? [[String: Any]])?.count == 1, "the old agreement stays as history")
            // Agreeing to the version read before the edit is refused.
            let old = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/goal-sheet/agree", token: a.csmToken, json: #"{"version":1}"#)
            #expect(old.status == .preconditionFailed)
            // Progress is not content: no new version.
            let progress = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet/progress", token: a.csmToken,
                                                 json: #"{"kpi_actual":6.5,"usage_actual":3}"#)
            #expect(progress.status == .ok && progress.body["version"] as? Int == 2 && progress.body["progress"] as? Double == 50)
            // The owner and the decision maker are contacts of this customer.
            let other = try await a.addCustomer(services.store, name: "別会社")
            let stranger = try #require(try await client.call(.post, "/v1/customers/\(other.lower)/contacts", token: a.ownerToken,
                                                              json: #"{"name":"他社の人"}"#).body["id"] as? String)
            var foreign = p
            foreign.owner = stranger
            let refused = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken, json: foreign.sheetJSON())
            #expect(refused.status == .unprocessableContent && refused.body["field"] as? String == "client_owner_id", "\(refused.body)")
        }
    }

    @Test func theResultCompletesTheProgramAndMovesThePhase() async throws {
        try await withTenants { client, a, _, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            let presented = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/presentation", token: a.csmToken,
                                                  json: #"{"held_on":"2026-11-20","audience_size":12,"outcome":"全社展開が決定"}"#)
            #expect(presented.status == .ok, "\(presented.body)")
            let result = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/result", token: a.csmToken,
                                               json: #"{"goal_reached":true,"evidence":"決算が5営業日に短縮","decided_on":"2026-11-21"}"#)
            #expect(result.status == .ok && result.body["state"] as? String == "completed", "\(result.body)")
            let customer = try await client.call(.get, "/v1/customers/\(p.customer.lower)", token: a.csmToken)
            #expect(customer.body["phase"] as? String == "outcome")
            let timeline = try await client.call(.get, "/v1/customers/\(p.customer.lower)/timeline", token: a.csmToken)
            #expect(timeline.body.items.contains { ($0["title"] as? String)?.contains("目標を達成") == true && $0["kind"] as? String == "event" },
                    "Banso's own record, not a note: \(timeline.body)")
            // A completed program is not reopened, and the customer may start another.
            let reopen = try await client.call(.patch, "/v1/enrolments/\(p.enrolment)", token: a.csmToken, json: #"{"state":"active"}"#)
            #expect(reopen.status == .conflict)
            let report = try await client.call(.get, "/v1/reports/programs", token: a.ownerToken)
            #expect((report.body["presentation_success"] as? [String: Any])?["part"] as? Int == 1)
            #expect((report.body["coverage"] as? [String: Any])?["part"] as? Int == 1, "\(report.body)")
        }
    }

    @Test func oneRunningProgramAndWhoMayDoWhat() async throws {
        try await withTenants { client, a, _, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            let again = try await client.call(.post, "/v1/enrolments", token: a.csmToken, json: body([
                "customer_id": p.customer.lower, "template_id": p.template]))
            #expect(again.status == .conflict && again.body["field"] as? String == "customer_id", "\(again.body)")
            // A viewer who reads the customer cannot enrol it or log hours; a CSM cannot write templates.
            let viewer = try await a.addMember(services.store, email: "viewer@smb.example", role: .viewer, scope: .company(a.smb), team: nil)
            #expect(try await client.call(.get, "/v1/enrolments/\(p.enrolment)", token: viewer.token).status == .ok)
            let other = try await a.addCustomer(services.store, name: "南海物産")
            let enrol = try await client.call(.post, "/v1/enrolments", token: viewer.token, json: body([
                "customer_id": other.lower, "template_id": p.template]))
            #expect(enrol.status == .forbidden, "\(enrol.body)")
            let session = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: viewer.token,
                                                json: #"{"kind":"other","planned_on":"2026-12-01"}"#)
            #expect(session.status == .forbidden)
            #expect(try await client.call(.post, "/v1/program-templates", token: a.csmToken, json: #"{"name":"x"}"#).status == .forbidden)
            // A CSM cannot set capacity, not even their own; their manager can.
            let own = try await client.call(.put, "/v1/members/\(a.csm.lower)/capacity", token: a.csmToken, json: #"{"monthly_minutes":6000}"#)
            #expect(own.status == .forbidden)
            let set = try await client.call(.put, "/v1/members/\(a.csm.lower)/capacity", token: a.smbManagerToken, json: #"{"monthly_minutes":6000}"#)
            #expect(set.status == .ok && set.body["monthly_minutes"] as? Int == 6000 && set.body["is_default"] as? Bool == false, "\(set.body)")
            let bad = try await client.call(.put, "/v1/members/\(a.csm.lower)/capacity", token: a.smbManagerToken, json: #"{"monthly_minutes":-1}"#)
            #expect(bad.status == .unprocessableContent && bad.body["field"] as? String == "monthly_minutes")
            // A read-only token reads but does not write.
            #expect(try await client.call(.get, "/v1/enrolments/\(p.enrolment)", token: a.readOnlyOwnerToken).status == .ok)
            #expect(try await client.call(.patch, "/v1/enrolments/\(p.enrolment)", token: a.readOnlyOwnerToken, json: "{}").status == .forbidden)
            // Bad input is a 422 naming the field.
            let months = try await client.call(.post, "/v1/program-templates", token: a.ownerToken, json: #"{"name":"x","months":13}"#)
            #expect(months.status == .unprocessableContent && months.body["field"] as? String == "months")
            let nul = try await client.call(.post, "/v1/program-templates", token: a.ownerToken, json: #"{"name":"a\u0000b"}"#)
            #expect(nul.status.code < 500, "\(nul.body)")
            let state = try await client.call(.get, "/v1/enrolments?state=done", token: a.ownerToken)
            #expect(state.status == .unprocessableContent && state.body["field"] as? String == "state")
        }
    }
}
