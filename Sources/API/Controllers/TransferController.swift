import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/transfers`: April's 人事異動 — a member's live goals (with their open check-ins), the check-ins waiting for
/// their review, and their open accountabilities move to another member in one transaction, with a record of
/// what moved.
struct TransferController {
    let store: Store

    struct CreateInput: Decodable {
        var fromMemberId: UUID
        var toMemberId: UUID
        var note: String?
    }
    struct TransferDTO: Encodable, Sendable {
        var id: UUID
        var fromMemberID: UUID
        var toMemberID: UUID
        var byMemberID: UUID
        var goalIds: [UUID]
        var checkInIds: [UUID]
        var accountabilityIds: [UUID]
        var note: String?
        var createdAt: Date
        init(_ t: WorkTransferRepository.Record) {
            (id, fromMemberID, toMemberID, byMemberID) = (t.id, t.fromMemberID, t.toMemberID, t.byMemberID)
            (goalIds, checkInIds, accountabilityIds, note, createdAt) = (t.goalIDs, t.checkInIDs, t.accountabilityIDs, t.note, t.createdAt)
        }
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "from_member_id": Schema.uuid, "to_member_id": Schema.uuid, "by_member_id": Schema.uuid,
         "goal_ids": Schema.array(Schema.uuid), "check_in_ids": Schema.array(Schema.uuid),
         "accountability_ids": Schema.array(Schema.uuid), "note": Schema.nullable(Schema.string), "created_at": Schema.dateTime])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("POST", "/v1/transfers", id: "transferWork",
                         summary: "Move a member's goals, open check-ins, pending reviews and accountabilities to another member (Idempotency-Key honoured)",
                         tag: "responsibility",
                         requestBody: Schema.object(["from_member_id": Schema.uuid, "to_member_id": Schema.uuid, "note": Schema.string],
                                                    required: ["from_member_id", "to_member_id"]),
                         responses: [201: ("Transfer", schema)], problems: [403, 422]),
        OpenAPIOperation("GET", "/v1/transfers", id: "listTransfers", summary: "Past transfers", tag: "responsibility",
                         parameters: Schema.paging + [Schema.query("member_id", Schema.uuid, "transfers from or to this member")],
                         responses: [200: ("Transfers", Schema.list(schema))], problems: [422]),
        OpenAPIOperation("GET", "/v1/transfers/{id}", id: "getTransfer", summary: "Read a transfer", tag: "responsibility",
                         parameters: [Schema.pathID()], responses: [200: ("Transfer", schema)], problems: [404]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/transfers") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
            guard input.fromMemberId != input.toMemberId else {
                throw Problem.invalidField("to_member_id", "a transfer goes to another member")
            }
            return try await store.tenant(identity.orgID) { tx in
                guard let from = try await MemberRepository.get(tx, id: input.fromMemberId) else {
                    throw DomainError(.invalid, "no such member in this organisation", field: "from_member_id")
                }
                // A transfer is of a member inside the caller's scope; each thing that moves is checked below as well.
                if !MemberController.covers(identity, .transferWork, member: from) {
                    try identity.require(.transferWork, in: .org)
                }
                try await GoalAccess.requireActiveMember(tx, input.toMemberId, field: "to_member_id")
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    // What moves, checked against the caller's rights before anything is written.
                    let goals = try await GoalRepository.list(
                        tx, filter: .init(ownerID: input.fromMemberId, status: .active), after: nil, limit: 100_000).items
                    for goal in goals { try identity.require(.transferWork, in: goal.permissionScope) }
                    let accountabilities = try await AccountabilityRepository.open(tx, assignee: input.fromMemberId)
                    for item in accountabilities { try identity.require(.transferWork, in: item.scope) }

                    let moved = try await GoalRepository.transferOwnership(tx, from: input.fromMemberId, to: input.toMemberId)
                    let openCheckIns = try await CheckInRepository.openIDs(tx, goalIDs: moved)
                    // Reviews move only where the caller may transfer work: a manager of SMB never hands over the
                    // member's Enterprise reviews.
                    let reviewable = try await CheckInRepository.reviewsWaiting(tx, reviewer: input.fromMemberId)
                        .filter { identity.authorizer.can(identity.actor, .transferWork, in: $0.scope).allowed }.map(\.id)
                    let reviews = try await CheckInRepository.transferReviews(
                        tx, ids: reviewable, from: input.fromMemberId, to: input.toMemberId)
                    var successors: [UUID] = []
                    for item in accountabilities {
                        var successor = item
                        successor.id = .v7()
                        successor.assigneeID = input.toMemberId
                        successor.assignedByID = identity.memberID
                        successor.replacesID = item.id
                        let created = try await AccountabilityRepository.insert(tx, successor)
                        _ = try await AccountabilityRepository.close(tx, id: item.id, as: .reassigned, replacedBy: created.id)
                        successors.append(created.id)
                    }
                    let record = try await WorkTransferRepository.insert(
                        tx,
                        .init(id: .v7(), fromMemberID: input.fromMemberId, toMemberID: input.toMemberId, byMemberID: identity.memberID,
                              goalIDs: moved, checkInIDs: Array(Set(openCheckIns + reviews)).sorted { $0.uuidString < $1.uuidString },
                              accountabilityIDs: successors, note: input.note, createdAt: store.now))
                    let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: input.toMemberId)
                    try await NotificationRepository.deliver(
                        tx, to: input.toMemberId,
                        .workTransferred(from: from.displayName, goals: moved.count, checkIns: record.checkInIDs.count,
                                         accountabilities: successors.count, locale: facts.locale),
                        subjectType: "transfer", subjectID: record.id)
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "work.transfer", resource: "transfer", id: record.id, after: TransferDTO(record))
                    return try .init(TransferDTO(record))
                }
            }
        }
        router.get("/v1/transfers") { request, context in
            let identity = try context.requireIdentity()
            let list = try ListQuery(request)
            let member = try request.uuidQuery("member_id")
            try identity.require(.readGoals, in: .org)
            let page = try await store.tenant(identity.orgID) { tx in
                try await WorkTransferRepository.list(tx, member: member, after: list.cursor, limit: list.limit)
            }
            return try JSONResponse.make(ListResponse(items: page.items.map(TransferDTO.init), nextCursor: page.nextCursor))
        }
        router.get("/v1/transfers/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "transfer")
            let record = try await store.tenant(identity.orgID) { tx in try await WorkTransferRepository.get(tx, id: id) }
            guard let record,
                [record.fromMemberID, record.toMemberID, record.byMemberID].contains(identity.memberID)
                    || identity.authorizer.can(identity.actor, .readGoals, in: .org).allowed
            else { throw Problem.notFound("transfer") }
            return try JSONResponse.make(TransferDTO(record))
        }
    }
}
