import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Standard processes through the router on PostgreSQL: versions frozen once published, adoption history, placing
/// by the company's adopted version, steps in order, and who may do what. Today is 2026-11-24 (TestClock).
@Suite struct ProcessAPITests {
    @Test func aPublishedVersionIsFrozenAndTheNextDraftStartsFromIt() async throws {
        try await withTenants { client, a, b, _ in
            let csm = try await ProcessFixture.position(client, a, "CSM")
            let owner = a.ownerToken
            let created = try await client.call(
                .post, "/v1/processes", token: owner, json: #"{"name":"統一プロセス","steps":\#(ProcessFixture.stepsJSON(ProcessFixture.twoSteps(csm)))}"#)
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.body["id"] as? String)
            let draft = try #require(created.body["draft"] as? [String: Any])
            #expect(draft["status"] as? String == "draft" && draft["number"] as? Int == 1)

            // A stale If-Match is refused; the current one is taken.
            let v1 = "/v1/processes/\(id)/versions/1"
            let steps = ProcessFixture.stepsJSON([.init(name: "キックオフ", days: 7, responsible: csm, accountable: csm)])
            let stale = try await client.call(.put, v1, token: owner, json: #"{"steps":\#(steps)}"#, headers: [.ifMatch: "\"v99\""])
            #expect(stale.status == .preconditionFailed)
            let revised = try await client.call(.put, v1, token: owner, json: #"{"steps":\#(steps),"notes":"短縮"}"#)
            #expect(revised.status == .ok && (revised.body["steps"] as? [Any])?.count == 1, "\(revised.body)")

            // RACI names positions of this org only, and exactly one accountable.
            let other = try await ProcessFixture.position(client, b, "B の CSM")
            for (position, accountable, field) in [
                (UUID().uuidString.lowercased(), csm, "steps[0].raci.responsible"), (other, csm, "steps[0].raci.responsible"),
                (csm, "\(csm)\",\"\(other)", "steps[0].raci.accountable"),
            ] {
                let bad = try await client.call(
                    .put, v1, token: owner,
                    json: #"{"steps":[{"name":"x","expected_days":3,"exit_criterion":"x","raci":{"responsible":["\#(position)"],"accountable":["\#(accountable)"]}}]}"#)
                #expect(bad.status == .unprocessableContent && bad.body["field"] as? String == field, "\(bad.body)")
            }
            let badDays = try await client.call(
                .put, v1, token: owner,
                json: #"{"steps":[{"name":"x","expected_days":99999999999,"exit_criterion":"x","raci":{"responsible":["\#(csm)"],"accountable":["\#(csm)"]}}]}"#)
            #expect(badDays.status == .unprocessableContent, "\(badDays.body)")

            // A CSM cannot publish; the owner can, and then the version never changes.
            #expect(try await client.call(.post, "\(v1)/publish", token: a.csmToken).status == .forbidden)
            let published = try await client.call(.post, "\(v1)/publish", token: owner)
            #expect(published.status == .ok && published.body["status"] as? String == "published", "\(published.body)")
            let frozen = try await client.call(.put, v1, token: owner, json: #"{"steps":\#(steps)}"#)
            #expect(frozen.status == .conflict && frozen.body["field"] as? String == "steps", "\(frozen.body)")
            #expect(try await client.call(.post, "\(v1)/publish", token: owner).status == .conflict)

            // The next draft is number 2 with version 1's steps (same step ids); only one draft at a time.
            let next = try await client.call(.post, "/v1/processes/\(id)/versions", token: owner)
            #expect(next.status == .created && next.body["number"] as? Int == 2, "\(next.body)")
            let ids = { (body: [String: Any]) in (body["steps"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
            #expect(ids(next.body) == ids(published.body) && !ids(next.body).isEmpty)
            #expect(try await client.call(.post, "/v1/processes/\(id)/versions", token: owner).status == .conflict)
            let list = try await client.call(.get, "/v1/processes/\(id)/versions", token: a.csmToken)
            #expect(list.body.items.map { $0["status"] as? String } == ["published", "draft"])
            #expect(try await client.call(.get, "/v1/processes/\(id)/versions/3", token: owner).status == .notFound)
            #expect(try await client.call(.get, "/v1/processes/\(id)/versions/abc", token: owner).status == .notFound)
        }
    }

    @Test func theOrgStandardIsOneAndCannotBeArchived() async throws {
        try await withTenants { client, a, _, _ in
            let csm = try await ProcessFixture.position(client, a, "CSM")
            let first = try await ProcessFixture.published(client, a, name: "Enterprise 流", steps: ProcessFixture.twoSteps(csm), standard: true)
            let second = try await ProcessFixture.published(client, a, name: "統一プロセス", steps: ProcessFixture.twoSteps(csm))
            // The SMB manager manages success in SMB only: the org's standard is not theirs to move.
            let denied = try await client.call(.patch, "/v1/processes/\(second.process)", token: a.smbManagerToken, json: #"{"is_org_standard":true}"#)
            #expect(denied.status == .forbidden)
            let moved = try await client.call(.patch, "/v1/processes/\(second.process)", token: a.ownerToken, json: #"{"is_org_standard":true}"#)
            #expect(moved.status == .ok && moved.body["is_org_standard"] as? Bool == true)
            #expect(try await client.call(.get, "/v1/processes/\(first.process)", token: a.ownerToken).body["is_org_standard"] as? Bool == false)
            let duplicate = try await client.call(.post, "/v1/processes", token: a.ownerToken, json: #"{"name":"統一プロセス"}"#)
            #expect(duplicate.status == .conflict && duplicate.body["field"] as? String == "name")
            #expect(try await client.call(.delete, "/v1/processes/\(second.process)", token: a.ownerToken).status == .conflict)
            #expect(try await client.call(.delete, "/v1/processes/\(first.process)", token: a.ownerToken).status == .noContent)
            let live = try await client.call(.get, "/v1/processes", token: a.viewerToken)
            #expect(live.status == .ok && live.body.ids == [second.process])
        }
    }

    @Test func adoptionKeepsHistoryAndKnowsWhatRunsToday() async throws {
        try await withTenants { client, a, _, _ in
            let csm = try await ProcessFixture.position(client, a, "CSM")
            let p = try await ProcessFixture.published(client, a, name: "統一プロセス", steps: ProcessFixture.twoSteps(csm))
            _ = try await client.call(.post, "/v1/processes/\(p.process)/versions", token: a.ownerToken)
            let v2 = try #require(try await client.call(.post, "/v1/processes/\(p.process)/versions/2/publish", token: a.ownerToken).body["id"] as? String)
            let url = "/v1/companies/\(a.smb.lower)/process"

            let draft = try await client.call(.post, "/v1/processes/\(p.process)/versions", token: a.ownerToken)
            let draftID = try #require(draft.body["id"] as? String)
            let refused = try await client.call(.put, url, token: a.smbManagerToken, json: #"{"version_id":"\#(draftID)","adopted_on":"2026-04-01"}"#)
            #expect(refused.status == .conflict && refused.body["field"] as? String == "version_id", "\(refused.body)")

            #expect(try await client.call(.put, url, token: a.smbManagerToken, json: #"{"version_id":"\#(p.version)","adopted_on":"2026-04-01"}"#).status == .ok)
            let later = try await client.call(.put, url, token: a.smbManagerToken, json: #"{"version_id":"\#(v2)","adopted_on":"2026-10-01"}"#)
            #expect(later.status == .ok, "\(later.body)")
            let current = try #require(later.body["current"] as? [String: Any])
            #expect(current["version_id"] as? String == v2 && current["version_number"] as? Int == 2 && current["process_name"] as? String == "統一プロセス")
            let history = later.body["history"] as? [[String: Any]] ?? []
            #expect(history.map { $0["adopted_on"] as? String } == ["2026-10-01", "2026-04-01"])
            // Backdating before the latest adoption would rewrite history; adopting what runs is a no-op refused.
            let backdated = try await client.call(.put, url, token: a.smbManagerToken, json: #"{"version_id":"\#(p.version)","adopted_on":"2026-09-01"}"#)
            #expect(backdated.status == .conflict && backdated.body["field"] as? String == "adopted_on")
            #expect(try await client.call(.put, url, token: a.smbManagerToken, json: #"{"version_id":"\#(v2)","adopted_on":"2026-11-01"}"#).status == .conflict)
            // A planned roll-out shows as upcoming while today's stays current.
            let planned = try await client.call(.put, url, token: a.ownerToken, json: #"{"version_id":"\#(p.version)","adopted_on":"2027-04-01"}"#)
            #expect((planned.body["current"] as? [String: Any])?["version_id"] as? String == v2)
            #expect((planned.body["upcoming"] as? [String: Any])?["adopted_on"] as? String == "2027-04-01")
            let tooFar = try await client.call(.put, url, token: a.ownerToken, json: #"{"version_id":"\#(v2)","adopted_on":"2030-01-01"}"#)
            #expect(tooFar.status == .unprocessableContent && tooFar.body["field"] as? String == "adopted_on")

            // Adoption in a company needs success.manage there: not the SMB manager in Enterprise, never a CSM.
            let enterprise = "/v1/companies/\(a.enterprise.lower)/process"
            #expect(try await client.call(.put, enterprise, token: a.smbManagerToken, json: #"{"version_id":"\#(v2)"}"#).status == .forbidden)
            #expect(try await client.call(.put, url, token: a.csmToken, json: #"{"version_id":"\#(v2)","adopted_on":"2027-05-01"}"#).status == .forbidden)
            #expect(try await client.call(.get, url, token: a.csmToken).status == .ok)
        }
    }

    @Test func placingDefaultsToTheAdoptedVersionAndStepsCompleteInOrder() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let csmPosition = try await ProcessFixture.position(client, a, "CSM")
            let p = try await ProcessFixture.published(client, a, name: "統一プロセス", steps: ProcessFixture.twoSteps(csmPosition))
            let customer = try await a.addCustomer(store, name: "アルファ商事", owner: a.csm)
            let url = "/v1/customers/\(customer.lower)/process"

            // No adoption yet: the version must be named.
            let none = try await client.call(.put, url, token: a.csmToken, json: #"{"placed_on":"2026-10-01"}"#)
            #expect(none.status == .unprocessableContent && none.body["field"] as? String == "version_id", "\(none.body)")
            _ = try await client.call(.put, "/v1/companies/\(a.smb.lower)/process", token: a.ownerToken, json: #"{"version_id":"\#(p.version)","adopted_on":"2026-04-01"}"#)

            // A viewer of SMB reads the customer but cannot place it.
            let viewer = try await a.addMember(store, email: "viewer@smb.example", role: .viewer, scope: .company(a.smb), team: nil)
            #expect(try await client.call(.put, url, token: viewer.token, json: #"{"placed_on":"2026-10-01"}"#).status == .forbidden)
            let future = try await client.call(.put, url, token: a.csmToken, json: #"{"placed_on":"2026-12-01"}"#)
            #expect(future.status == .unprocessableContent && future.body["field"] as? String == "placed_on")

            let placed = try await client.call(.put, url, token: a.csmToken, json: #"{"placed_on":"2026-10-01"}"#)
            #expect(placed.status == .ok, "\(placed.body)")
            #expect((placed.body["current"] as? [String: Any])?["version_id"] as? String == p.version)
            #expect(placed.body["current_step_id"] as? String == p.steps[0])
            #expect(try await client.call(.get, url, token: viewer.token).status == .ok)
            #expect(try await client.call(.get, url, token: a.viewerToken).status == .notFound, "an Enterprise viewer does not read an SMB customer")

            // Steps go in order, not before they started, not in the future.
            let skip = try await client.call(.post, "\(url)/steps/\(p.steps[1])/complete", token: a.csmToken, json: #"{"completed_on":"2026-10-05"}"#)
            #expect(skip.status == .conflict && skip.body["field"] as? String == "step_id")
            let early = try await client.call(.post, "\(url)/steps/\(p.steps[0])/complete", token: a.csmToken, json: #"{"completed_on":"2026-09-30"}"#)
            #expect(early.status == .unprocessableContent && early.body["field"] as? String == "completed_on")
            #expect(try await client.call(.post, "\(url)/steps/\(p.steps[0])/complete", token: viewer.token, json: #"{"completed_on":"2026-10-11"}"#).status == .forbidden)
            let done = try await client.call(.post, "\(url)/steps/\(p.steps[0])/complete", token: a.csmToken, json: #"{"completed_on":"2026-10-11"}"#)
            #expect(done.status == .ok, "\(done.body)")
            // On step 2 since 10-11: 44 days by 11-24, past 1.5 × 20.
            #expect(done.body["current_step_id"] as? String == p.steps[1])
            #expect(done.body["days_in_step"] as? Int == 44 && done.body["stalled"] as? Bool == true)
            let steps = done.body["steps"] as? [[String: Any]] ?? []
            #expect(steps.map { $0["state"] as? String } == ["done", "current"])
            #expect(steps.first?["days"] as? Int == 10 && steps.first?["completed_by"] as? String == a.csm.lower)

            // A support engineer completes a step only while holding its responsible position.
            let support = try await a.addMember(store, email: "support@smb.example", role: .support, scope: .team(a.smbTeam), team: a.smbTeam)
            let last = "\(url)/steps/\(p.steps[1])/complete"
            #expect(try await client.call(.post, last, token: support.token).status == .forbidden)
            let hold = try await client.call(
                .post, "/v1/positions/\(csmPosition)/holders", token: a.ownerToken, json: #"{"member_id":"\#(support.id.lower)","start_date":"2026-01-01"}"#)
            #expect(hold.status == .created, "\(hold.body)")
            let finished = try await client.call(.post, last, token: support.token)
            #expect(finished.status == .ok && finished.body["finished"] as? Bool == true, "\(finished.body)")
            #expect(try await client.call(.post, last, token: a.csmToken).status == .conflict)

            // A new placement ends this one, which stays as history.
            _ = try await client.call(.post, "/v1/processes/\(p.process)/versions", token: a.ownerToken)
            let v2 = try #require(try await client.call(.post, "/v1/processes/\(p.process)/versions/2/publish", token: a.ownerToken).body["id"] as? String)
            let again = try await client.call(.put, url, token: a.csmToken, json: #"{"version_id":"\#(v2)"}"#)
            #expect(again.status == .ok, "\(again.body)")
            let history = again.body["history"] as? [[String: Any]] ?? []
            #expect(history.count == 1 && history.first?["ended_on"] as? String == "2026-11-24" && history.first?["completed_steps"] as? Int == 2)
            #expect(try await client.call(.put, url, token: a.csmToken, json: #"{"version_id":"\#(v2)"}"#).status == .conflict)
        }
    }
}
