import API
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
import UseCases

/// A meeting body in org A's SMB team planned a year ahead ("2nd Tuesday 10:00", Asia/Tokyo: 2026-12-08 first),
/// made through the use case as its owner, and the helpers the calendar feed tests share.
struct CalendarFeedFixture {
    var body: MeetingBody
    /// The planned occurrences, by start.
    var series: [Meeting]

    static let bodyName = "SMB 月次レビュー"
    static let objective = "更新と拡大の判断をする"

    /// `participants`: named members of the body (the planner gives them a participant row per occurrence).
    static func make(_ store: Store, _ org: TenantOrg, facilitator: UUID?, participants: [UUID] = []) async throws -> CalendarFeedFixture {
        let caller = try await Self.caller(store, org.orgID, org.owner)
        let cadence = Recurrence.nthWeekday(n: 2, weekday: 2, at: LocalTime(hour: 10, minute: 0)!, shift: .previous)
        let body = try await store.tenant(org.orgID) { tx in
            try await MeetingBodies(tx, caller).create(.init(
                name: bodyName, purpose: .decide, objective: objective, teamID: org.smbTeam, facilitatorID: facilitator,
                participants: participants.map(MeetingParticipant.member), cadence: cadence, durationMinutes: 60))
        }
        let series = try await store.tenant(org.orgID) { tx in try await MeetingRepository.upcoming(tx, body: body.id, from: .distantPast) }
        return CalendarFeedFixture(body: body, series: series)
    }

    static func caller(_ store: Store, _ org: UUID, _ member: UUID) async throws -> Caller {
        let (grants, structure) = try await store.tenant(org) { tx in
            (try await GrantRepository.forMember(tx, member: member), try await TeamRepository.structure(tx))
        }
        let identity = Identity(
            orgID: org, memberID: member, credential: Credential(kind: .session, id: .v7(), orgID: org, memberID: member, scopes: nil),
            actor: Actor(memberID: member, grants: grants.map(\.grant), tokenScopes: nil), structure: structure, fiscalYearStartMonth: 4)
        return Caller(identity: identity, requestID: "test", now: store.now)
    }

    /// Makes `member` a participant of `meetings` as the planner would.
    static func addParticipant(_ store: Store, _ org: UUID, _ member: UUID, to meetings: [Meeting]) async throws {
        _ = try await store.tenant(org) { tx in
            try await tx.execute(
                """
                INSERT INTO meeting_participant (org_id, meeting_id, member_id)
                SELECT \(org), unnest(\(meetings.map(\.id))::uuid[]), \(member) ON CONFLICT DO NOTHING
                """)
        }
    }
}

/// A fetched feed: status, headers and the text.
struct FetchedFeed {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var eventCount: Int { text.components(separatedBy: "BEGIN:VEVENT\r\n").count - 1 }
    /// The calendar unfolded (RFC 5545 §3.1), so a long line can be searched whole.
    var unfolded: String { text.replacingOccurrences(of: "\r\n ", with: "") }
}

extension TestClientProtocol {
    /// Issues a feed (`body` nil: the caller's own) and answers the whole response.
    func issueFeed(token: String, body bodyID: UUID?) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        let response = try await call(.post, "/v1/me/calendar-feeds", token: token, json: body(["body_id": bodyID?.lower]))
        return (response.status, response.body)
    }

    /// Issues a feed that must be issued, and answers its URL's path.
    func issuedFeedPath(token: String, body bodyID: UUID?, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let issued = try await issueFeed(token: token, body: bodyID)
        #expect(issued.status == .created, "\(issued.body)", sourceLocation: sourceLocation)
        return try feedPath(issued.body, sourceLocation: sourceLocation)
    }

    func fetchFeed(_ path: String, headers: HTTPFields = [:]) async throws -> FetchedFeed {
        try await execute(uri: path, method: .get, headers: headers) { response in
            FetchedFeed(status: response.status, headers: response.headers, text: String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
    }
}

/// The path of an issued feed's `url` (absolute, on the configured public base URL).
func feedPath(_ answer: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let url = try #require(answer["url"] as? String, sourceLocation: sourceLocation)
    #expect(url.hasPrefix("http://localhost:8080/v1/calendar/bso_") && url.hasSuffix(".ics"), "\(url)", sourceLocation: sourceLocation)
    return String(url.dropFirst("http://localhost:8080".count))
}
