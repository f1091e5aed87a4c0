import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/v1/success-definitions`: defining light and deep success for the org and for a company, editing with If-Match,
/// archiving, one live definition per tier and scope, refusals that name their field, and who may do what.
@Suite struct SuccessDefinitionTests {
    @Test func definingEditingAndArchivingSuccess() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await client.call(.post, "/v1/success-definitions", token: a.ownerToken, json: SuccessDefinitionFixture.lightJSON)
            #expect(created.status == .created, "\(created.body)")
            #expect(created.headers[.eTag] == "\"v1\"")
            let light = created.body
            let id = try #require(light["id"] as? String)
            #expect(light["tier"] as? String == "light" && light["company_id"] == nil)
            #expect(light["aims"] as? [String] == ["締め作業を3日短縮"])
            let measures = try #require(light["measures"] as? [[String: Any]])
            #expect(measures.map { $0["kind"] as? String } == ["manual", "manual", "manual"], "kind defaults to manual")
            #expect(measures.map { $0["required"] as? Bool } == [true, true, false])

            let read = try await client.call(.get, "/v1/success-definitions/\(id)", token: a.csmToken)
            #expect(read.status == .ok && read.body["definition"] as? String == "現場の予算回収が早くなる")
            #expect(try await client.call(.get, "/v1/success-definitions?tier=light", token: a.viewerToken).body.ids == [id])
            #expect(try await client.call(.get, "/v1/success-definitions?tier=deep", token: a.ownerToken).body.ids.isEmpty)

            // A second live light definition for the org is a conflict; one for SMB is SMB's own.
            let twin = try await client.call(.post, "/v1/success-definitions", token: a.ownerToken, json: SuccessDefinitionFixture.lightJSON)
            #expect(twin.status == .conflict && twin.body["field"] as? String == "tier", "\(twin.body)")
            let smb = try await client.call(
                .post, "/v1/success-definitions", token: a.smbManagerToken,
                json: #"{"tier":"light","company_id":"\#(a.smb.lower)","definition":"SMB の現場で定着","audience":"現場","measures":[{"name":"週次で利用"}],"responsible_team_id":"\#(a.smbTeam.lower)"}"#)
            #expect(smb.status == .created, "\(smb.body)")
            #expect(try await client.call(.get, "/v1/success-definitions?company_id=\(a.smb.lower)", token: a.ownerToken).body.ids
                == [try #require(smb.body["id"] as? String)])
            #expect(try await client.call(.get, "/v1/success-definitions?scope=org", token: a.ownerToken).body.ids == [id])

            // An edit keeps the measures named by id and adds the new one; a stale If-Match is refused.
            let kept = measures[0]["id"] as? String ?? ""
            let patch = #"{"audience":"経理部","measures":[{"id":"\#(kept)","name":"締めが3日早まった"},{"name":"請求書の差し戻しが半減"}]}"#
            let edited = try await client.call(.patch, "/v1/success-definitions/\(id)", token: a.ownerToken, json: patch,
                                               headers: [.ifMatch: "\"v1\""])
            #expect(edited.status == .ok, "\(edited.body)")
            #expect(edited.body["version"] as? Int == 2 && edited.body["audience"] as? String == "経理部")
            let after = SuccessDefinitionFixture.measureIDs(edited.body)
            #expect(after.count == 2 && after[0] == kept && after[1] != kept)
            let stale = try await client.call(.patch, "/v1/success-definitions/\(id)", token: a.ownerToken, json: #"{"method":"x"}"#,
                                              headers: [.ifMatch: "\"v1\""])
            #expect(stale.status == .preconditionFailed)
            let unknownMeasure = try await client.call(
                .patch, "/v1/success-definitions/\(id)", token: a.ownerToken,
                json: #"{"measures":[{"id":"\#(UUID().uuidString.lowercased())","name":"x"}]}"#)
            #expect(unknownMeasure.status == .unprocessableContent && unknownMeasure.body["field"] as? String == "measures[0].id")

            // Archived: out of the live list, in the archived one, and the tier is free for a new definition.
            #expect(try await client.call(.delete, "/v1/success-definitions/\(id)", token: a.ownerToken, headers: [.ifMatch: "\"v2\""]).status == .noContent)
            #expect(try await client.call(.get, "/v1/success-definitions?scope=org", token: a.ownerToken).body.ids.isEmpty)
            #expect(try await client.call(.get, "/v1/success-definitions?archived=true", token: a.ownerToken).body.ids == [id])
            let onArchived = try await client.call(.patch, "/v1/success-definitions/\(id)", token: a.ownerToken, json: #"{"method":"x"}"#)
            #expect(onArchived.status == .conflict)
            #expect(try await client.call(.post, "/v1/success-definitions", token: a.ownerToken, json: SuccessDefinitionFixture.lightJSON).status == .created)
        }
    }

    @Test func badInputIsRefusedNamingTheField() async throws {
        try await withTenants { client, a, _, _ in
            func refused(_ json: String) async throws -> String? {
                let response = try await client.call(.post, "/v1/success-definitions", token: a.ownerToken, json: json)
                #expect(response.status == .unprocessableContent, "\(json) → \(response.status) \(response.body)")
                return response.body["field"] as? String
            }
            let base = #""tier":"deep","definition":"経営で使われる","audience":"取締役会""#
            #expect(try await refused(#"{\#(base),"measures":[{"name":"watch","required":false}]}"#) == "measures")
            #expect(try await refused(#"{\#(base),"measures":[]}"#) == "measures")
            #expect(try await refused(#"{\#(base),"measures":[{"name":"seats","kind":"metric","metric":"seats","comparison":">="}]}"#)
                == "measures[0].threshold")
            #expect(try await refused(#"{\#(base),"measures":[{"name":"x","kind":"metric","metric":"Seats!","comparison":">=","threshold":5}]}"#)
                == "measures[0].metric")
            #expect(try await refused(#"{\#(base),"measures":[{"name":"x","kind":"gut"}]}"#) == "measures[0].kind")
            #expect(try await refused(#"{\#(base),"measures":[{"name":"  "}]}"#) == "measures[0].name")
            #expect(try await refused(#"{"tier":"deep","definition":" ","audience":"x","measures":[{"name":"x"}]}"#) == "definition")
            #expect(try await refused(#"{\#(base),"company_id":"\#(UUID().uuidString)","measures":[{"name":"x"}]}"#) == "company_id")
            #expect(try await refused(
                #"{\#(base),"company_id":"\#(a.enterprise.lower)","responsible_team_id":"\#(a.smbTeam.lower)","measures":[{"name":"x"}]}"#)
                == "responsible_team_id")
            let badTier = try await client.call(.post, "/v1/success-definitions", token: a.ownerToken,
                                                json: #"{"tier":"medium","definition":"x","audience":"x","measures":[{"name":"x"}]}"#)
            #expect(badTier.status == .unprocessableContent)
            let badQuery = try await client.call(.get, "/v1/success-definitions?tier=medium", token: a.ownerToken)
            #expect(badQuery.status == .unprocessableContent && badQuery.body["field"] as? String == "tier")
        }
    }

    @Test func onlyThoseWhoManageSuccessWhereItLivesDefineIt() async throws {
        try await withTenants { client, a, _, _ in
            let orgWide = SuccessDefinitionFixture.deepJSON
            // A CSM, and SMB's manager, may not define the org's success; the manager may define SMB's, not Enterprise's.
            let csm = try await client.call(.post, "/v1/success-definitions", token: a.csmToken, json: orgWide)
            #expect(csm.status == .forbidden && csm.body["missing_permission"] as? String == "success.manage", "\(csm.body)")
            #expect(try await client.call(.post, "/v1/success-definitions", token: a.smbManagerToken, json: orgWide).status == .forbidden)
            let enterprise = #"{"tier":"deep","company_id":"\#(a.enterprise.lower)","definition":"x","audience":"x","measures":[{"name":"x"}]}"#
            #expect(try await client.call(.post, "/v1/success-definitions", token: a.smbManagerToken, json: enterprise).status == .forbidden)
            // A read-only token changes nothing, whoever holds it.
            let readOnly = try await client.call(.post, "/v1/success-definitions", token: a.readOnlyOwnerToken, json: orgWide)
            #expect(readOnly.status == .forbidden && readOnly.body["missing_permission"] as? String == "write")

            let deep = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, orgWide)
            let id = try #require(deep["id"] as? String)
            #expect(try await client.call(.patch, "/v1/success-definitions/\(id)", token: a.smbManagerToken, json: #"{"method":"x"}"#).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/success-definitions/\(id)", token: a.csmToken).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/success-definitions/\(id)", token: a.readOnlyOwnerToken).status == .forbidden)

            // SMB's own definition is not shown to a viewer of Enterprise; the org's is.
            let smb = try await SuccessDefinitionFixture.create(
                client, token: a.smbManagerToken,
                #"{"tier":"deep","company_id":"\#(a.smb.lower)","definition":"x","audience":"x","measures":[{"name":"x"}]}"#)
            let smbID = try #require(smb["id"] as? String)
            #expect(try await client.call(.get, "/v1/success-definitions/\(smbID)", token: a.viewerToken).status == .notFound)
            #expect(try await client.call(.get, "/v1/success-definitions", token: a.viewerToken).body.ids == [id])
            #expect(try await client.call(.get, "/v1/success-definitions", token: a.csmToken).body.ids == [id, smbID])
        }
    }
}
