import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Who takes part: "everyone holding position X" resolves to the position's holders on each occurrence's day (a
/// holding that starts in January joins from January's meeting on), and a deactivated member leaves the meetings to
/// come.
@Suite struct MeetingParticipantTests {
    @Test func positionsResolveOnEachDayAndDeactivationLeavesTheFuture() async throws {
        try await withTenants { client, a, _, _ in
            let position = try #require(try await client.call(.post, "/v1/positions", token: a.ownerToken, json: """
                {"name":"SMB リーダー","scope_type":"company","scope_id":"\(a.smb.lower)"}
                """).body["id"] as? String)
            // The CSM holds the position from 2027-01-01: not in December's meeting, in January's.
            let holding = try await client.call(.post, "/v1/positions/\(position)/holders", token: a.ownerToken,
                                                json: #"{"member_id":"\#(a.csm.lower)","start_date":"2027-01-01"}"#)
            #expect(holding.status == .created, "\(holding.body)")
            let body = try await client.call(.post, "/v1/meeting-bodies", token: a.smbManagerToken, json: """
                {"name":"リーダー会","purpose":"share","objective":"数字を共有する","company_id":"\(a.smb.lower)",
                 "facilitator_id":"\(a.smbManager.lower)","participants":[{"position_id":"\(position)"}],
                 "cadence":\(MeetingAPITests.secondTuesday)}
                """)
            #expect(body.status == .created, "\(body.body)")
            let bodyID = try #require(body.body["id"] as? String)
            func participants(_ index: Int) async throws -> Set<String> {
                let series = try await client.call(.get, "/v1/meeting-bodies/\(bodyID)/meetings?limit=3", token: a.smbManagerToken)
                let id = try #require(series.body.items[index]["id"] as? String)
                let meeting = try await client.call(.get, "/v1/meetings/\(id)", token: a.smbManagerToken)
                return Set((meeting.body["participants"] as? [[String: Any]] ?? []).compactMap { ($0["member_id"] as? String)?.lowercased() })
            }
            #expect(try await participants(0) == [a.smbManager.lower], "December: the facilitator only")
            #expect(try await participants(1) == [a.smbManager.lower, a.csm.lower], "January: the new holder joins")
            // The CSM sees January's meeting among theirs, not December's.
            let mine = try await client.call(.get, "/v1/meetings?from=2026-12-01T00:00:00Z&to=2027-02-01T00:00:00Z", token: a.csmToken)
            #expect(mine.body.items.count == 1)

            // Deactivated: out of every meeting to come.
            let deactivated = try await client.call(.patch, "/v1/members/\(a.csm.lower)", token: a.ownerToken, json: #"{"active":false}"#)
            #expect(deactivated.status == .ok, "\(deactivated.body)")
            #expect(try await participants(1) == [a.smbManager.lower])
            #expect(try await participants(2) == [a.smbManager.lower])
        }
    }
}
