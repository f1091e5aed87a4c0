public import Domain
public import Foundation
public import Store

/// The member's week, the first page they see: what they must submit, review, acknowledge or finish, what is
/// overdue, their unread notifications — and, for someone who reviews check-ins, their teams' completion this month.
/// Everything here is the caller's own, so nothing needs a permission beyond being signed in, except the
/// completion, which shows only the teams the caller may read goals of.
public struct MyWeek: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct Summary: Sendable {
        public var today: LocalDate
        public var checkIns: [MyWeekRepository.CheckInItem]
        public var reviews: [MyWeekRepository.CheckInItem]
        /// Waiting for the caller's acknowledgement (or decline).
        public var toAcknowledge: [MyWeekRepository.AccountabilityItem]
        /// Open check-ins and accountabilities whose due day has passed.
        public var overdueCheckIns: [MyWeekRepository.CheckInItem]
        public var overdueAccountabilities: [MyWeekRepository.AccountabilityItem]
        public var notifications: [NotificationRepository.Item]
        public var unread: Int
        /// This month's check-in completion of the teams the caller may read, when the caller reviews check-ins.
        public var completion: Dashboards.Completion?
        /// Names of the teams in `completion`.
        public var teamNames: [UUID: String]
    }

    /// `today` is the caller's calendar day (their time zone).
    public func load(today: LocalDate) async throws -> Summary {
        let me = identity.memberID
        let checkIns = try await MyWeekRepository.checkInsToSubmit(tx, member: me, today: today)
        let reviews = try await MyWeekRepository.reviewsWaiting(tx, member: me)
        let accountabilities = try await MyWeekRepository.openAccountabilities(tx, member: me)
        let inbox = try await Notifications(tx, caller).list(unreadOnly: true, before: nil, limit: 5)
        var completion: Dashboards.Completion?
        var teamNames: [UUID: String] = [:]
        if identity.actor.grants.contains(where: { $0.role.permissions.contains(.reviewCheckIns) }) {
            let month = FiscalPeriod.month(containing: today, startMonth: identity.fiscalYearStartMonth)
            completion = try await Dashboards(tx, caller).completion(
                try Dashboards.select(identity, company: nil), period: month.description)
            let teams = try await TeamRepository.list(
                tx, companyID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500)
            for team in teams.items { teamNames[team.id] = team.name }
        }
        return Summary(
            today: today,
            checkIns: checkIns.filter { $0.dueOn >= today },
            reviews: reviews,
            toAcknowledge: accountabilities.filter { $0.state == "pending" },
            overdueCheckIns: checkIns.filter { $0.dueOn < today },
            overdueAccountabilities: accountabilities.filter { item in item.dueDate.map { $0 < today } ?? false },
            notifications: inbox.page.items,
            unread: inbox.unread,
            completion: completion, teamNames: teamNames)
    }
}
