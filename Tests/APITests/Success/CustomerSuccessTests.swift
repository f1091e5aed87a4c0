import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/v1/customers/{id}/success`: a customer's light and deep status, judged by people measure by measure or from
/// its usage figures; reaching (and losing) a tier is recorded, put on the timeline with the tier and told to the
/// owning CSM. The tests' today is 2026-11-24 in Tokyo.
@Suite struct CustomerSuccessTests {
    @Test func aCustomerReachesLightSuccessThroughAssessments() async throws {
        try await withTenants { client, a, _, services in
            let light = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.lightJSON)
            let definition = try #require(light["id"] as? String)
            let measures = SuccessDefinitionFixture.measureIDs(light)
            let customer = try await a.addCustomer(services.store, name: "朝日物産", owner: a.csm)
            try await SuccessDefinitionFixture.addContract(services.store, a, customer: customer, start: "2026-04-01")
            let path = "/v1/customers/\(customer.lower)/success"

            let before = try await client.call(.get, path, token: a.csmToken)
            #expect(before.status == .ok, "\(before.body)")
            let lightBefore = SuccessDefinitionFixture.tier(before.body, "light")
            #expect(lightBefore["reached"] as? Bool == false && lightBefore["unknown"] as? Int == 3)
            #expect(SuccessDefinitionFixture.tier(before.body, "deep")["definition"] == nil, "no deep definition yet")

            // The manager judges the first measure met in October: not reached, one required measure is still unknown.
            let first = try await client.call(
                .put, "\(path)/\(definition)/measures/\(measures[0])", token: a.smbManagerToken,
                json: #"{"state":"met","evidence":"10月の締めは2営業日（以前は5営業日）","assessed_on":"2026-10-01"}"#)
            #expect(first.status == .ok, "\(first.body)")
            let afterFirst = SuccessDefinitionFixture.tier(first.body, "light")
            #expect(afterFirst["reached"] as? Bool == false && afterFirst["met"] as? Int == 1)
            let judged = try #require(SuccessDefinitionFixture.measures(afterFirst).first)
            #expect(judged["state"] as? String == "met" && judged["assessed_on"] as? String == "2026-10-01")
            #expect(judged["assessed_by"] as? String == a.smbManager.lower && judged["source"] as? String == "manual" && judged["version"] as? Int == 1)

            // Met needs evidence; a judgement cannot be dated ahead; a stale If-Match is refused.
            let bare = try await client.call(.put, "\(path)/\(definition)/measures/\(measures[1])", token: a.csmToken, json: #"{"state":"met"}"#)
            #expect(bare.status == .unprocessableContent && bare.body["field"] as? String == "evidence")
            let ahead = try await client.call(.put, "\(path)/\(definition)/measures/\(measures[1])", token: a.csmToken,
                                              json: #"{"state":"met","evidence":"x","assessed_on":"2026-12-01"}"#)
            #expect(ahead.status == .unprocessableContent && ahead.body["field"] as? String == "assessed_on")
            let badState = try await client.call(.put, "\(path)/\(definition)/measures/\(measures[1])", token: a.csmToken, json: #"{"state":"done"}"#)
            #expect(badState.status == .unprocessableContent)
            let stale = try await client.call(.put, "\(path)/\(definition)/measures/\(measures[0])", token: a.csmToken,
                                              json: #"{"state":"not_met"}"#, headers: [.ifMatch: "\"v0\""])
            #expect(stale.status == .preconditionFailed)
            let unknownMeasure = try await client.call(.put, "\(path)/\(definition)/measures/\(UUID().uuidString)", token: a.csmToken,
                                                       json: #"{"state":"unknown"}"#)
            #expect(unknownMeasure.status == .notFound)

            // The owning CSM judges the second: light success is reached on the 20th, the optional measure not needed.
            let second = try await client.call(
                .put, "\(path)/\(definition)/measures/\(measures[1])", token: a.csmToken,
                json: #"{"state":"met","evidence":"全拠点で毎日ログイン","assessed_on":"2026-11-20"}"#, headers: [.ifMatch: "\"v0\""])
            #expect(second.status == .ok, "\(second.body)")
            let reached = SuccessDefinitionFixture.tier(second.body, "light")
            #expect(reached["reached"] as? Bool == true && reached["reached_on"] as? String == "2026-11-20")
            let periods = try #require(second.body["periods"] as? [[String: Any]])
            #expect(periods.count == 1 && periods[0]["tier"] as? String == "light" && periods[0]["lost_on"] == nil)
            #expect((second.body["history"] as? [[String: Any]])?.count == 2)

            // The timeline carries the tier, on the day it was reached.
            let timeline = try await client.call(.get, "/v1/customers/\(customer.lower)/timeline?tag=light", token: a.csmToken)
            #expect(timeline.body.items.count == 1, "\(timeline.body)")
            #expect(timeline.body.items.first?["title"] as? String == "ライトサクセスに到達しました")
            #expect((timeline.body.items.first?["occurred_at"] as? String)?.hasPrefix("2026-11-20") == true)
            // The CSM made the change themselves, so they are not told; the manager's judgement later would tell them.

            // The report counts it: 233 days from the contract's start on 1 April to 20 November.
            let report = try await client.call(.get, "/v1/reports/success-attainment?group=cohort&cohort=month", token: a.ownerToken)
            #expect(report.status == .ok, "\(report.body)")
            let rows = report.body["rows"] as? [[String: Any]] ?? []
            let april = try #require(rows.first { $0["group"] as? String == "2026-04" && $0["tier"] as? String == "light" })
            #expect(april["customers"] as? Int == 1 && april["reached"] as? Int == 1 && april["share"] as? Double == 1)
            #expect(april["median_days"] as? Double == 233)

            // A measure falling back loses the tier: the period closes today, the timeline says so, the CSM is told.
            let fell = try await client.call(.put, "\(path)/\(definition)/measures/\(measures[1])", token: a.smbManagerToken,
                                             json: #"{"state":"not_met","evidence":"2拠点で利用が止まった"}"#)
            #expect(SuccessDefinitionFixture.tier(fell.body, "light")["reached"] as? Bool == false)
            let closed = try #require((fell.body["periods"] as? [[String: Any]])?.first)
            #expect(closed["reached_on"] as? String == "2026-11-20" && closed["lost_on"] as? String == "2026-11-24")
            let lost = try await client.call(.get, "/v1/customers/\(customer.lower)/timeline?tag=light", token: a.csmToken)
            #expect(lost.body.items.map { $0["title"] as? String } == ["ライトサクセスの条件を満たさなくなりました", "ライトサクセスに到達しました"])
            let inbox = try await client.call(.get, "/v1/me/notifications", token: a.csmToken)
            #expect(inbox.body.items.contains { ($0["title"] as? String)?.contains("朝日物産 がライトサクセスの条件を満たさなくなりました") == true },
                    "\(inbox.body)")
            let afterLoss = try await client.call(.get, "/v1/reports/success-attainment?group=cohort", token: a.ownerToken)
            let aprilAfter = (afterLoss.body["rows"] as? [[String: Any]] ?? []).first { $0["group"] as? String == "2026-04" && $0["tier"] as? String == "light" }
            #expect(aprilAfter?["reached"] as? Int == 0)
        }
    }

    @Test func aBoundMeasureIsMetFromUsageData() async throws {
        try await withTenants { client, a, _, services in
            let deep = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.deepJSON)
            let definition = try #require(deep["id"] as? String)
            let seats = try #require(SuccessDefinitionFixture.measureIDs(deep).first)
            let customer = try await a.addCustomer(services.store, name: "北斗製作所", owner: a.csm)
            let path = "/v1/customers/\(customer.lower)/success"

            let none = SuccessDefinitionFixture.measures(SuccessDefinitionFixture.tier(try await client.call(.get, path, token: a.csmToken).body, "deep"))
            #expect(none.first?["state"] as? String == "unknown", "no figure is unknown, never not met")

            try await SuccessDefinitionFixture.addUsage(services.store, a, customer: customer, metric: "seats", day: "2026-10-31", value: 40)
            let short = SuccessDefinitionFixture.tier(try await client.call(.get, path, token: a.csmToken).body, "deep")
            let shortSeats = try #require(SuccessDefinitionFixture.measures(short).first)
            #expect(shortSeats["state"] as? String == "not_met" && shortSeats["evidence"] as? String == "seats = 40 (>= 50) on 2026-10-31")
            #expect(shortSeats["source"] as? String == "metric" && short["reached"] as? Bool == false)

            // A figure past today does not count yet; the latest one up to today does.
            try await SuccessDefinitionFixture.addUsage(services.store, a, customer: customer, metric: "seats", day: "2026-11-15", value: 52)
            try await SuccessDefinitionFixture.addUsage(services.store, a, customer: customer, metric: "seats", day: "2026-12-15", value: 10)
            let met = SuccessDefinitionFixture.tier(try await client.call(.get, path, token: a.csmToken).body, "deep")
            #expect(met["reached"] as? Bool == true && met["reached_on"] as? String == "2026-11-15")
            #expect(SuccessDefinitionFixture.measures(met).first?["evidence"] as? String == "seats = 52 (>= 50) on 2026-11-15")

            // Nobody overrides a figure by hand.
            let byHand = try await client.call(.put, "\(path)/\(definition)/measures/\(seats)", token: a.ownerToken,
                                               json: #"{"state":"met","evidence":"I say so"}"#)
            #expect(byHand.status == .conflict && byHand.body["field"] as? String == "measure_id")

            // The report counts it as deep success.
            let report = try await client.call(.get, "/v1/reports/success-attainment", token: a.ownerToken)
            let smbDeep = (report.body["rows"] as? [[String: Any]] ?? []).first { $0["group"] as? String == a.smb.lower && $0["tier"] as? String == "deep" }
            #expect(smbDeep?["reached"] as? Int == 1 && smbDeep?["group_name"] as? String == "SMB" && smbDeep?["median_days"] == nil,
                    "no contract: reached, but no days to count")
        }
    }

    @Test func whoMayReadAndJudge() async throws {
        try await withTenants { client, a, _, services in
            let light = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.lightJSON)
            let definition = try #require(light["id"] as? String)
            let measure = try #require(SuccessDefinitionFixture.measureIDs(light).first)
            let owned = try await a.addCustomer(services.store, name: "南海商事", owner: a.csm)
            let other = try await a.addCustomer(services.store, name: "西日本物流")
            let judge = #"{"state":"not_met","evidence":"まだ5日かかる"}"#
            func put(_ customer: UUID, _ token: String) async throws -> HTTPResponse.Status {
                try await client.call(.put, "/v1/customers/\(customer.lower)/success/\(definition)/measures/\(measure)", token: token, json: judge).status
            }
            // A viewer of Enterprise does not see an SMB customer at all.
            #expect(try await client.call(.get, "/v1/customers/\(owned.lower)/success", token: a.viewerToken).status == .notFound)
            #expect(try await put(owned, a.viewerToken) == .notFound)
            // The CSM judges the customer they own, not another in their team, which they only read.
            #expect(try await put(owned, a.csmToken) == .ok)
            #expect(try await client.call(.get, "/v1/customers/\(other.lower)/success", token: a.csmToken).status == .ok)
            #expect(try await put(other, a.csmToken) == .forbidden)
            // CS ops over the org manages success everywhere; support reads but does not judge; a read-only token never writes.
            let ops = try await a.addMember(services.store, email: "ops@alpha.example", role: .ops, scope: .org, team: nil)
            #expect(try await put(other, ops.token) == .ok)
            let support = try await a.addMember(services.store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            #expect(try await put(other, support.token) == .forbidden)
            #expect(try await put(other, a.readOnlyOwnerToken) == .forbidden)
            // A definition that does not apply to the customer (Enterprise's own) cannot be judged for it.
            let enterprise = try await SuccessDefinitionFixture.create(
                client, token: a.ownerToken,
                #"{"tier":"light","company_id":"\#(a.enterprise.lower)","definition":"x","audience":"x","measures":[{"name":"x"}]}"#)
            let foreign = try #require(enterprise["id"] as? String)
            let foreignMeasure = try #require(SuccessDefinitionFixture.measureIDs(enterprise).first)
            let notApplicable = try await client.call(.put, "/v1/customers/\(owned.lower)/success/\(foreign)/measures/\(foreignMeasure)",
                                                      token: a.ownerToken, json: judge)
            #expect(notApplicable.status == .conflict && notApplicable.body["field"] as? String == "definition_id")
        }
    }
}
