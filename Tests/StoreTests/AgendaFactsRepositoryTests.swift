import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// The facts an agenda is generated from, read from PostgreSQL for a body's scope: per generator, rows in scope
/// come back and rows of another team, another company or another organisation do not; a company takes in its
/// teams; a generator the template does not use reads nothing.
///
/// The occurrence is Tuesday 8 December 2026, 10:00 in Tokyo; the previous one was on 10 November. December's
/// 5th business day, when November's check-ins are due, is Monday the 7th.
@Suite struct AgendaFactsRepositoryTests {
    static let since = TestClock.instant("2026-11-10T10:00:00+09:00")
    static let meetingAt = TestClock.instant("2026-12-08T10:00:00+09:00")
    static let today = day("2026-12-08")

    /// An organisation's shape beyond the fixture's: a second team in the company, a second company with a team of
    /// its own, and a second member (the sales owner, the assignee).
    struct World {
        let store: Store
        let org: UUID
        let owner: UUID
        let sales: UUID
        let company: UUID
        let east: UUID
        let west: UUID
        let otherCompany: UUID
        let north: UUID

        static func make(_ store: Store, _ fixture: StoreFixture.Org) async throws -> World {
            let world = World(
                store: store, org: fixture.id, owner: fixture.member, sales: .v7(), company: fixture.company, east: fixture.team,
                west: .v7(), otherCompany: .v7(), north: .v7())
            try await world.run(
                """
                INSERT INTO member (org_id, id, email, display_name, locale)
                VALUES (\(world.org), \(world.sales), \("sales-" + world.org.uuidString.prefix(8).lowercased() + "@example.com"), '佐藤', 'ja')
                """,
                "INSERT INTO team (org_id, id, company_id, name) VALUES (\(world.org), \(world.west), \(world.company), 'West')",
                "INSERT INTO company (org_id, id, name) VALUES (\(world.org), \(world.otherCompany), 'SMB')",
                "INSERT INTO team (org_id, id, company_id, name) VALUES (\(world.org), \(world.north), \(world.otherCompany), 'North')",
                "INSERT INTO health_model (org_id, version, definition) VALUES (\(world.org), 1, '{}')")
            return world
        }

        func run(_ statements: SQLQuery...) async throws {
            try await store.system { tx in
                for statement in statements { try await tx.execute(statement) }
            }
        }

        @discardableResult
        func goal(
            _ title: String, company: UUID?, team: UUID?, cadence: String = "monthly", period: String = "FY2026-H2",
            from: String = "2026-10-01", through: String = "2027-03-31", status: String = "active"
        ) async throws -> UUID {
            let id = UUID.v7()
            let scope = team != nil ? "team" : company != nil ? "company" : "org"
            try await run(
                """
                INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, team_id, period, period_start, period_end,
                    cadence, status, archived_at)
                VALUES (\(org), \(id), 'ksf', \(title), \(owner), \(scope), \(company), \(team), \(period), \(day(from)), \(day(through)),
                    \(cadence), \(status), \(status == "archived" ? at("2026-11-30T10:00:00+09:00") : nil))
                """)
            return id
        }

        @discardableResult
        func checkIn(
            _ goal: UUID, period: String = "2026-11", from: String = "2026-11-01", through: String = "2026-11-30", state: String,
            confidence: String?, comment: String? = nil, due: String = "2026-12-07", submittedAt: Date? = nil, reviewer: UUID? = nil
        ) async throws -> UUID {
            let id = UUID.v7()
            try await run(
                """
                INSERT INTO check_in (org_id, id, goal_id, period, period_start, period_end, state, confidence, comment, opens_on, due_on,
                    review_by, submitted_at, reviewer_id)
                VALUES (\(org), \(id), \(goal), \(period), \(day(from)), \(day(through)), \(state), \(confidence), \(comment),
                    \(day(from).adding(months: 1)), \(day(due)), \(day(due).adding(days: 5)), \(submittedAt), \(reviewer))
                """)
            return id
        }

        @discardableResult
        func customer(
            _ name: String, company: UUID, team: UUID?, sales: UUID? = nil, grade: String? = nil, archived: Bool = false
        ) async throws -> UUID {
            let id = UUID.v7()
            try await run(
                """
                INSERT INTO customer (org_id, id, name, sort_key, company_id, team_id, owner_id, sales_owner_id, phase_since, health_grade,
                    archived_at)
                VALUES (\(org), \(id), \(name), \(name), \(company), \(team), \(owner), \(sales), '2026-04-01', \(grade),
                    \(archived ? at("2026-11-30T10:00:00+09:00") : nil))
                """)
            return id
        }

        /// A score whose NPS and last-touch signals contribute `nps` and `touch` points.
        func score(_ customer: UUID, _ when: String, _ grade: String, nps: Double, touch: Double) async throws {
            let contributions = """
                [{"kind": "nps", "raw": 30, "normalised": 0.5, "weight": 0.5, "share": 0.5, "contribution": \(nps)},
                 {"kind": "days_since_last_touch", "raw": 10, "normalised": 0.5, "weight": 0.5, "share": 0.5, "contribution": \(touch)}]
                """
            try await run(
                """
                INSERT INTO health_score (org_id, id, customer_id, model_version, month, scored_at, total, grade, contributions)
                VALUES (\(org), \(UUID.v7()), \(customer), 1, date_trunc('month', \(at(when)) AT TIME ZONE 'Asia/Tokyo')::date, \(at(when)),
                    \(nps + touch), \(grade), \(contributions)::jsonb)
                """)
        }

        @discardableResult
        func contract(
            _ customer: UUID, ends: String, autoRenews: Bool, noticeDays: Int? = nil, noticeMonths: Int? = nil, status: String = "active"
        ) async throws -> UUID {
            let id = UUID.v7()
            try await run(
                """
                INSERT INTO contract (org_id, id, customer_id, arr_minor, currency, start_date, end_date, auto_renews, notice_days,
                    notice_months, status)
                VALUES (\(org), \(id), \(customer), 1200000, 'JPY', '2026-01-01', \(day(ends)), \(autoRenews), \(noticeDays), \(noticeMonths),
                    \(status))
                """)
            return id
        }

        @discardableResult
        func ticket(
            _ customer: UUID, _ title: String, priority: String = "normal", status: String = "open", opened: String = "2026-11-01T10:00:00+09:00",
            signal: String? = nil, handoff: UUID? = nil
        ) async throws -> UUID {
            let id = UUID.v7()
            try await run(
                """
                INSERT INTO ticket (org_id, id, customer_id, title, priority, status, opened_at, phase_at_open, expansion_signal,
                    expansion_note, handoff_id)
                VALUES (\(org), \(id), \(customer), \(title), \(priority), \(status), \(at(opened)), 'embedded', \(signal != nil), \(signal),
                    \(handoff))
                """)
            return id
        }

        @discardableResult
        func accountability(
            subjectType: String, subject: UUID? = nil, duty: String? = nil, company: UUID?, team: UUID?, state: String,
            due: String? = nil, created: String = "2026-11-20T10:00:00+09:00", assignee: UUID? = nil
        ) async throws -> UUID {
            let id = UUID.v7()
            try await run(
                """
                INSERT INTO accountability (org_id, id, assignee_id, assigned_by, subject_type, subject_id, duty, company_id, team_id,
                    due_date, state, created_at)
                VALUES (\(org), \(id), \(assignee ?? sales), \(owner), \(subjectType), \(subject), \(duty), \(company), \(team), \(due.map(day)),
                    \(state), \(at(created)))
                """)
            return id
        }

        func facts(_ scope: Scope, _ generators: [AgendaGenerator], previous: UUID? = nil) async throws -> AgendaFacts {
            try await store.tenant(org) { tx in
                let facts = try await OrgFacts.load(tx, reader: nil)
                return try await AgendaFactsRepository.load(
                    tx,
                    .init(
                        scope: scope, generators: generators, since: AgendaFactsRepositoryTests.since,
                        meetingAt: AgendaFactsRepositoryTests.meetingAt, today: AgendaFactsRepositoryTests.today, previousMeetingID: previous,
                        org: facts))
            }
        }
    }

    /// Both organisations shaped alike, so that every kind of row also exists in the other one.
    func worlds(_ body: (World, World) async throws -> Void) async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            try await body(try await World.make(store, fixture.a), try await World.make(store, fixture.b))
        }
    }

    @Test func goalsCarryTheirLatestReportedConfidence() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> (off: UUID, risk: UUID, on: UUID, elsewhere: UUID) {
                let off = try await w.goal("East 解約率", company: w.company, team: w.east)
                try await w.checkIn(off, period: "2026-10", from: "2026-10-01", through: "2026-10-31", state: "reviewed", confidence: "on_track")
                try await w.checkIn(off, state: "submitted", confidence: "off_track", submittedAt: at("2026-12-02T10:00:00+09:00"))
                let risk = try await w.goal("Enterprise NRR", company: w.company, team: nil)
                try await w.checkIn(risk, state: "reviewed", confidence: "at_risk", submittedAt: at("2026-12-01T10:00:00+09:00"))
                let on = try await w.goal("West 定着", company: w.company, team: w.west)
                try await w.checkIn(on, state: "submitted", confidence: "on_track", submittedAt: at("2026-12-01T10:00:00+09:00"))
                let archived = try await w.goal("旧目標", company: w.company, team: w.east, status: "archived")
                try await w.checkIn(archived, state: "submitted", confidence: "off_track", submittedAt: at("2026-12-01T10:00:00+09:00"))
                // A draft says nothing yet: its off_track is not reported.
                let draft = try await w.goal("East 下書き", company: w.company, team: w.east)
                try await w.checkIn(draft, state: "open", confidence: "off_track")
                let elsewhere = try await w.goal("SMB 獲得", company: w.otherCompany, team: w.north)
                try await w.checkIn(elsewhere, state: "submitted", confidence: "off_track", submittedAt: at("2026-12-01T10:00:00+09:00"))
                return (off, risk, on, elsewhere)
            }
            let goals = try await seed(a)
            _ = try await seed(b)

            let company = try await a.facts(.company(a.company), [.goalsOffTrack(includeAtRisk: false)])
            #expect(Set(company.goals.map { "\($0.goalID) \($0.confidence.rawValue) \($0.period)" }) == [
                "\(goals.off) off_track 2026-11", "\(goals.risk) at_risk 2026-11", "\(goals.on) on_track 2026-11",
            ])
            let off = try #require(company.goals.first { $0.goalID == goals.off })
            #expect(off.title == "East 解約率" && off.ownerID == a.owner && off.ownerName == "ALPHA")
            #expect(off.placement == AgendaFacts.Placement(companyID: a.company, teamID: a.east))
            #expect(company.goals.first { $0.goalID == goals.risk }?.placement == AgendaFacts.Placement(companyID: a.company, teamID: nil))

            let team = try await a.facts(.team(a.east), [.goalsOffTrack(includeAtRisk: true)])
            #expect(team.goals.map(\.goalID) == [goals.off])
            let org = try await a.facts(.org, [.goalsOffTrack(includeAtRisk: true)])
            #expect(Set(org.goals.map(\.goalID)) == [goals.off, goals.risk, goals.on, goals.elsewhere])
        }
    }

    @Test func checkInGapsAreTheCurrentPeriodsUnsubmittedOnes() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> [String: UUID] {
                var ids: [String: UUID] = [:]
                ids["none"] = try await w.goal("East 未着手", company: w.company, team: w.east)
                ids["draft"] = try await w.goal("West 下書き", company: w.company, team: w.west)
                try await w.checkIn(ids["draft"]!, state: "open", confidence: "at_risk", due: "2026-12-09")
                ids["opened"] = try await w.goal("Enterprise 開いただけ", company: w.company, team: nil)
                try await w.checkIn(ids["opened"]!, state: "open", confidence: nil)
                ids["quarter"] = try await w.goal(
                    "East 四半期", company: w.company, team: w.east, cadence: "quarterly", period: "FY2026", from: "2026-04-01")
                ids["week"] = try await w.goal("East 週次", company: w.company, team: w.east, cadence: "weekly")
                let submitted = try await w.goal("East 提出済み", company: w.company, team: w.east)
                try await w.checkIn(submitted, state: "submitted", confidence: "on_track", submittedAt: at("2026-12-03T10:00:00+09:00"))
                try await w.goal("East 旧", company: w.company, team: w.east, status: "archived")
                // A goal of next half reports on none of this half's periods yet.
                try await w.goal("East 来期", company: w.company, team: w.east, period: "FY2027-H1", from: "2027-04-01", through: "2027-09-30")
                ids["elsewhere"] = try await w.goal("SMB 未着手", company: w.otherCompany, team: w.north)
                return ids
            }
            let ids = try await seed(a)
            _ = try await seed(b)

            let facts = try await a.facts(.company(a.company), [.checkInsMissing])
            let seen = Set(facts.checkInGaps.map { "\($0.goalID) \($0.period) \($0.dueDate) \($0.drafted)" })
            #expect(seen == [
                "\(ids["none"]!) 2026-11 2026-12-07 false",
                "\(ids["draft"]!) 2026-11 2026-12-09 true",
                "\(ids["opened"]!) 2026-11 2026-12-07 false",
                // The quarter that ended in September, due on October's 5th business day; the ISO week just ended.
                "\(ids["quarter"]!) FY2026-Q2 2026-10-07 false",
                "\(ids["week"]!) 2026-W49 2026-12-08 false",
            ])
            let gap = try #require(facts.checkInGaps.first { $0.goalID == ids["none"] })
            #expect(gap.title == "East 未着手" && gap.ownerName == "ALPHA" && gap.placement.teamID == a.east)

            let team = try await a.facts(.team(a.east), [.checkInsMissing])
            #expect(Set(team.checkInGaps.map(\.goalID)) == [ids["none"]!, ids["quarter"]!, ids["week"]!])
            let org = try await a.facts(.org, [.checkInsMissing])
            #expect(org.checkInGaps.count == 6 && org.checkInGaps.contains { $0.goalID == ids["elsewhere"] })
        }
    }

    @Test func reviewsPendingAreSubmittedCheckInsWithTheirReviewer() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> (named: UUID, unnamed: UUID, elsewhere: UUID) {
                let east = try await w.goal("East 解約率", company: w.company, team: w.east)
                // Submitted at 23:30 UTC on 1 December: the 2nd in Tokyo.
                let named = try await w.checkIn(
                    east, state: "submitted", confidence: "at_risk", submittedAt: at("2026-12-01T23:30:00Z"), reviewer: w.sales)
                let west = try await w.goal("West 定着", company: w.company, team: w.west)
                let unnamed = try await w.checkIn(west, state: "submitted", confidence: "on_track", submittedAt: at("2026-12-03T10:00:00+09:00"))
                let done = try await w.goal("East 済み", company: w.company, team: w.east)
                try await w.checkIn(done, state: "reviewed", confidence: "on_track", submittedAt: at("2026-12-01T10:00:00+09:00"), reviewer: w.sales)
                let archived = try await w.goal("East 旧", company: w.company, team: w.east, status: "archived")
                try await w.checkIn(archived, state: "submitted", confidence: "on_track", submittedAt: at("2026-12-01T10:00:00+09:00"))
                let other = try await w.goal("SMB 獲得", company: w.otherCompany, team: w.north)
                let elsewhere = try await w.checkIn(other, state: "submitted", confidence: "on_track", submittedAt: at("2026-12-01T10:00:00+09:00"))
                return (named, unnamed, elsewhere)
            }
            let ids = try await seed(a)
            _ = try await seed(b)

            let facts = try await a.facts(.company(a.company), [.reviewsPending])
            #expect(Set(facts.pendingReviews.map(\.checkInID)) == [ids.named, ids.unnamed])
            let named = try #require(facts.pendingReviews.first { $0.checkInID == ids.named })
            #expect(named.reviewerName == "佐藤" && named.submittedOn == day("2026-12-02") && named.title == "East 解約率")
            #expect(named.ownerID == a.owner && named.placement == AgendaFacts.Placement(companyID: a.company, teamID: a.east))
            #expect(facts.pendingReviews.first { $0.checkInID == ids.unnamed }?.reviewerName == nil)

            let west = try await a.facts(.team(a.west), [.reviewsPending])
            #expect(west.pendingReviews.map(\.checkInID) == [ids.unnamed])
            let org = try await a.facts(.org, [.reviewsPending])
            #expect(Set(org.pendingReviews.map(\.checkInID)) == [ids.named, ids.unnamed, ids.elsewhere])
        }
    }

    @Test func healthDropsAreGradesThatFellSinceTheLastMeeting() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> (dropped: UUID, twice: UUID, elsewhere: UUID) {
                let dropped = try await w.customer("アサヒ物産", company: w.company, team: w.east, sales: w.sales)
                try await w.score(dropped, "2026-10-01T03:00:00+09:00", "A", nps: 30, touch: 40)
                try await w.score(dropped, "2026-11-20T03:00:00+09:00", "C", nps: 18, touch: 37.5)
                // Fell twice since the last meeting: both drops come back (the Domain raises the latest).
                let twice = try await w.customer("イロハ商事", company: w.company, team: w.west)
                try await w.score(twice, "2026-10-01T03:00:00+09:00", "A", nps: 30, touch: 40)
                try await w.score(twice, "2026-11-12T03:00:00+09:00", "B", nps: 30, touch: 30)
                try await w.score(twice, "2026-12-01T03:00:00+09:00", "C", nps: 20, touch: 30)
                let before = try await w.customer("ウミ運輸", company: w.company, team: w.east)
                try await w.score(before, "2026-10-01T03:00:00+09:00", "A", nps: 30, touch: 40)
                try await w.score(before, "2026-11-05T03:00:00+09:00", "C", nps: 10, touch: 40)
                let rose = try await w.customer("エビス製菓", company: w.company, team: w.east)
                try await w.score(rose, "2026-10-01T03:00:00+09:00", "C", nps: 10, touch: 40)
                try await w.score(rose, "2026-11-20T03:00:00+09:00", "B", nps: 20, touch: 40)
                let archived = try await w.customer("オカ工業", company: w.company, team: w.east, archived: true)
                try await w.score(archived, "2026-10-01T03:00:00+09:00", "A", nps: 30, touch: 40)
                try await w.score(archived, "2026-11-20T03:00:00+09:00", "D", nps: 0, touch: 10)
                let first = try await w.customer("カキ農園", company: w.company, team: w.east)
                try await w.score(first, "2026-11-20T03:00:00+09:00", "D", nps: 0, touch: 10)
                let later = try await w.customer("キク電機", company: w.company, team: w.east)
                try await w.score(later, "2026-10-01T03:00:00+09:00", "A", nps: 30, touch: 40)
                try await w.score(later, "2026-12-09T03:00:00+09:00", "C", nps: 10, touch: 40)
                let elsewhere = try await w.customer("クマ書店", company: w.otherCompany, team: w.north)
                try await w.score(elsewhere, "2026-10-01T03:00:00+09:00", "A", nps: 30, touch: 40)
                try await w.score(elsewhere, "2026-11-20T03:00:00+09:00", "C", nps: 10, touch: 40)
                return (dropped, twice, elsewhere)
            }
            let ids = try await seed(a)
            _ = try await seed(b)

            let facts = try await a.facts(.company(a.company), [.healthDropped])
            #expect(Set(facts.healthDrops.map { "\($0.customerID) \($0.from.rawValue)→\($0.to.rawValue)" }) == [
                "\(ids.dropped) A→C", "\(ids.twice) A→B", "\(ids.twice) B→C",
            ])
            let drop = try #require(facts.healthDrops.first { $0.customerID == ids.dropped })
            #expect(drop.name == "アサヒ物産" && drop.at == at("2026-11-20T03:00:00+09:00"))
            #expect(drop.people == [a.owner, a.sales] && drop.placement == AgendaFacts.Placement(companyID: a.company, teamID: a.east))
            // The signals that lost, worst first, worded in the org's language as the CSM's notice words them.
            #expect(drop.causes == ["NPS −12.0", "最終接触からの日数 −2.5"])

            let east = try await a.facts(.team(a.east), [.healthDropped])
            #expect(east.healthDrops.map(\.customerID) == [ids.dropped])
            let org = try await a.facts(.org, [.healthDropped])
            #expect(Set(org.healthDrops.map(\.customerID)) == [ids.dropped, ids.twice, ids.elsewhere])
        }
    }

    @Test func renewalsAreThoseWhoseNoticeDeadlineComesWithinTheWidestWindow() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> [String: UUID] {
                var ids: [String: UUID] = [:]
                let east = try await w.customer("アサヒ物産", company: w.company, team: w.east, sales: w.sales, grade: "C")
                let west = try await w.customer("イロハ商事", company: w.company, team: w.west)
                let north = try await w.customer("クマ書店", company: w.otherCompany, team: w.north)
                // Three months' notice before a 31 March end: 31 December.
                ids["months"] = try await w.contract(east, ends: "2027-03-31", autoRenews: true, noticeMonths: 3)
                try await w.ticket(east, "請求の遅れ", priority: "high", status: "pending", opened: "2026-10-01T10:00:00+09:00")
                try await w.ticket(east, "障害が続く", priority: "urgent", opened: "2026-11-01T10:00:00+09:00")
                try await w.ticket(east, "使い方の質問", priority: "normal")
                try await w.ticket(east, "解決した障害", priority: "urgent", status: "resolved")
                // Thirty days before 31 January: 1 January.
                ids["days"] = try await w.contract(west, ends: "2027-01-31", autoRenews: true, noticeDays: 30)
                // Thirty days before 28 February: 29 January, inside 90 days but not 30.
                ids["later"] = try await w.contract(west, ends: "2027-02-28", autoRenews: true, noticeDays: 30)
                try await w.contract(east, ends: "2026-12-31", autoRenews: true, noticeMonths: 3)
                try await w.contract(west, ends: "2027-06-30", autoRenews: false)
                try await w.contract(east, ends: "2027-03-31", autoRenews: true, noticeMonths: 3, status: "cancelled")
                ids["elsewhere"] = try await w.contract(north, ends: "2027-01-31", autoRenews: false)
                return ids
            }
            let ids = try await seed(a)
            _ = try await seed(b)

            let facts = try await a.facts(.company(a.company), [.renewalsDue(withinDays: 30), .renewalsDue(withinDays: 90)])
            #expect(Set(facts.renewals.map { "\($0.contractID) \($0.deadline)" }) == [
                "\(ids["months"]!) 2026-12-31", "\(ids["days"]!) 2027-01-01", "\(ids["later"]!) 2027-01-29",
            ])
            let renewal = try #require(facts.renewals.first { $0.contractID == ids["months"] })
            #expect(renewal.name == "アサヒ物産" && renewal.endDate == day("2027-03-31") && renewal.grade == .c)
            #expect(renewal.people == [a.owner, a.sales] && renewal.placement.teamID == a.east)
            #expect(renewal.urgentTickets == ["障害が続く", "請求の遅れ"], "open urgent first, then high; no normal or resolved ones")
            #expect(facts.renewals.first { $0.contractID == ids["days"] }?.urgentTickets == [])

            let month = try await a.facts(.company(a.company), [.renewalsDue(withinDays: 30)])
            #expect(Set(month.renewals.map(\.contractID)) == [ids["months"]!, ids["days"]!])
            let org = try await a.facts(.org, [.renewalsDue(withinDays: 90)])
            #expect(org.renewals.count == 4 && org.renewals.contains { $0.contractID == ids["elsewhere"] })
        }
    }

    @Test func openAccountabilitiesLiveWhereTheirSubjectLives() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> [String: UUID] {
                var ids: [String: UUID] = [:]
                let goal = try await w.goal("East 解約率", company: w.company, team: w.east)
                // Assigned at 01:30 on 20 November in Tokyo (still the 19th in UTC).
                ids["goal"] = try await w.accountability(
                    subjectType: "goal", subject: goal, company: w.company, team: w.east, state: "pending", created: "2026-11-19T16:30:00Z")
                ids["overdue"] = try await w.accountability(
                    subjectType: "duty", duty: "週次レポート", company: w.company, team: w.east, state: "acknowledged", due: "2026-12-01")
                try await w.accountability(
                    subjectType: "duty", duty: "月次レポート", company: w.company, team: w.east, state: "acknowledged", due: "2026-12-31")
                try await w.accountability(
                    subjectType: "duty", duty: "済んだ仕事", company: w.company, team: w.east, state: "completed", due: "2026-11-01")
                // Assigned while the customer sat in SMB; it has moved to West since.
                let moved = try await w.customer("イロハ商事", company: w.company, team: w.west)
                ids["moved"] = try await w.accountability(
                    subjectType: "customer", subject: moved, company: w.otherCompany, team: w.north, state: "pending")
                // A duty that names its team only still belongs to the team's company.
                ids["teamOnly"] = try await w.accountability(subjectType: "duty", duty: "East の当番", company: nil, team: w.east, state: "pending")
                ids["elsewhere"] = try await w.accountability(
                    subjectType: "duty", duty: "SMB の当番", company: w.otherCompany, team: w.north, state: "pending")
                return ids
            }
            let ids = try await seed(a)
            _ = try await seed(b)

            let facts = try await a.facts(.company(a.company), [.accountabilitiesOpen(unacknowledgedDays: 3)])
            #expect(Set(facts.accountabilities.map(\.id)) == [ids["goal"]!, ids["overdue"]!, ids["moved"]!, ids["teamOnly"]!])
            let goal = try #require(facts.accountabilities.first { $0.id == ids["goal"] })
            #expect(goal.title == "East 解約率" && goal.assigneeID == a.sales && goal.assigneeName == "佐藤" && goal.state == .pending)
            #expect(goal.assignedOn == day("2026-11-20") && goal.dueDate == nil)
            let overdue = try #require(facts.accountabilities.first { $0.id == ids["overdue"] })
            #expect(overdue.title == "週次レポート" && overdue.state == .acknowledged && overdue.dueDate == day("2026-12-01"))
            let moved = try #require(facts.accountabilities.first { $0.id == ids["moved"] })
            #expect(moved.title == "イロハ商事" && moved.placement == AgendaFacts.Placement(companyID: a.company, teamID: a.west))

            let north = try await a.facts(.team(a.north), [.accountabilitiesOpen(unacknowledgedDays: 3)])
            #expect(north.accountabilities.map(\.id) == [ids["elsewhere"]!])
            let east = try await a.facts(.team(a.east), [.accountabilitiesOpen(unacknowledgedDays: 3)])
            #expect(Set(east.accountabilities.map(\.id)) == [ids["goal"]!, ids["overdue"]!, ids["teamOnly"]!])
        }
    }

    @Test func expansionSignalsAreThoseHandedOffSinceTheLastMeeting() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> (recent: UUID, elsewhere: UUID) {
                let east = try await w.customer("アサヒ物産", company: w.company, team: w.east, sales: w.sales)
                let north = try await w.customer("クマ書店", company: w.otherCompany, team: w.north)
                func handoff(_ customer: UUID, _ when: String) async throws -> UUID {
                    try await w.accountability(subjectType: "customer", subject: customer, company: w.company, team: nil, state: "pending", created: when)
                }
                let recent = try await w.ticket(
                    east, "席数の相談", opened: "2026-10-01T10:00:00+09:00", signal: "50席追加の相談",
                    handoff: try await handoff(east, "2026-11-20T15:00:00+09:00"))
                try await w.ticket(east, "前回の相談", signal: "前回分", handoff: try await handoff(east, "2026-11-01T15:00:00+09:00"))
                try await w.ticket(east, "ただの質問")
                let elsewhere = try await w.ticket(north, "拡大", signal: "全社展開", handoff: try await handoff(north, "2026-11-20T15:00:00+09:00"))
                return (recent, elsewhere)
            }
            let ids = try await seed(a)
            _ = try await seed(b)

            let facts = try await a.facts(.company(a.company), [.expansionSignals])
            #expect(facts.expansionSignals.map(\.ticketID) == [ids.recent])
            let signal = try #require(facts.expansionSignals.first)
            #expect(signal.customerName == "アサヒ物産" && signal.note == "50席追加の相談" && signal.at == at("2026-11-20T15:00:00+09:00"))
            #expect(signal.people == [a.owner, a.sales] && signal.placement.teamID == a.east)

            let org = try await a.facts(.org, [.expansionSignals])
            #expect(Set(org.expansionSignals.map(\.ticketID)) == [ids.recent, ids.elsewhere])
        }
    }

    @Test func previousActionsAreTheSeriesOpenActionItems() async throws {
        try await worlds { a, b in
            func seed(_ w: World) async throws -> (previous: UUID, open: Set<UUID>, reassigned: UUID) {
                let body = UUID.v7(), otherBody = UUID.v7(), older = UUID.v7(), previous = UUID.v7(), elsewhere = UUID.v7()
                try await w.run(
                    """
                    INSERT INTO meeting_body (org_id, id, name, purpose, objective, company_id, duration_minutes, template)
                    VALUES (\(w.org), \(body), 'Enterprise 月次', 'decide', '更新の判断', \(w.company), 60, '{"sections": []}'),
                           (\(w.org), \(otherBody), 'SMB 週次', 'share', '共有', \(w.otherCompany), 30, '{"sections": []}')
                    """,
                    """
                    INSERT INTO meeting (org_id, id, body_id, starts_at, ends_at)
                    VALUES (\(w.org), \(older), \(body), '2026-10-13T01:00:00Z', '2026-10-13T02:00:00Z'),
                           (\(w.org), \(previous), \(body), '2026-11-10T01:00:00Z', '2026-11-10T02:00:00Z'),
                           (\(w.org), \(elsewhere), \(otherBody), '2026-11-12T01:00:00Z', '2026-11-12T02:00:00Z')
                    """)
                /// An action item and, unless `state` is nil, its accountability.
                func action(_ meeting: UUID, _ title: String, state: String?, due: String? = nil, actionDue: String? = nil) async throws -> UUID {
                    let id = UUID.v7()
                    var accountability: UUID?
                    if let state {
                        accountability = try await w.accountability(
                            subjectType: "meeting_action", subject: id, company: w.company, team: nil, state: state, due: due, assignee: w.owner)
                    }
                    try await w.run(
                        """
                        INSERT INTO meeting_action (org_id, id, meeting_id, title, owner_id, due_date, accountability_id, created_by)
                        VALUES (\(w.org), \(id), \(meeting), \(title), \(w.owner), \(actionDue.map(day)), \(accountability), \(w.owner))
                        """)
                    return id
                }
                // Handed from its owner to 佐藤 with a new due day: the action follows its latest accountability.
                let reassigned = try await action(previous, "見積りを出す", state: "reassigned", actionDue: "2026-11-30")
                try await w.accountability(
                    subjectType: "meeting_action", subject: reassigned, company: w.company, team: nil, state: "pending", due: "2026-12-01",
                    created: "2026-11-25T10:00:00+09:00")
                let acknowledged = try await action(previous, "事例をまとめる", state: "acknowledged")
                let untracked = try await action(previous, "議事録を回す", state: nil)
                _ = try await action(previous, "済んだこと", state: "completed")
                // Agreed two meetings ago and still not done: carried over again.
                let carried = try await action(older, "前々回のこと", state: "pending")
                _ = try await action(elsewhere, "別の会議のこと", state: "pending")
                return (previous, [reassigned, acknowledged, untracked, carried], reassigned)
            }
            let ids = try await seed(a)
            let other = try await seed(b)

            let facts = try await a.facts(.company(a.company), [.previousActions], previous: ids.previous)
            #expect(Set(facts.previousActions.map(\.id)) == ids.open)
            let reassigned = try #require(facts.previousActions.first { $0.id == ids.reassigned })
            #expect(reassigned.title == "見積りを出す" && reassigned.ownerID == a.sales && reassigned.ownerName == "佐藤")
            #expect(reassigned.dueDate == day("2026-12-01"), "the latest accountability's due day wins")
            // Without a previous occurrence there is nothing to carry; another org's meeting is not found.
            let unknown = try await a.facts(.company(a.company), [.previousActions])
            let foreign = try await a.facts(.org, [.previousActions], previous: other.previous)
            #expect(unknown.previousActions.isEmpty && foreign.previousActions.isEmpty)
        }
    }

    @Test func aGeneratorTheTemplateDoesNotUseReadsNothing() async throws {
        try await worlds { a, _ in
            let goal = try await a.goal("East 解約率", company: a.company, team: a.east)
            try await a.checkIn(goal, state: "submitted", confidence: "off_track", submittedAt: at("2026-12-02T10:00:00+09:00"))
            let customer = try await a.customer("アサヒ物産", company: a.company, team: a.east, grade: "C")
            try await a.score(customer, "2026-10-01T03:00:00+09:00", "A", nps: 30, touch: 40)
            try await a.score(customer, "2026-11-20T03:00:00+09:00", "C", nps: 10, touch: 40)
            try await a.contract(customer, ends: "2027-01-31", autoRenews: false)
            try await a.accountability(subjectType: "duty", duty: "週次レポート", company: a.company, team: a.east, state: "pending")

            let health = try await a.facts(.company(a.company), [.healthDropped, .extension("programs")])
            #expect(health.healthDrops.map(\.customerID) == [customer])
            #expect(health.goals.isEmpty && health.checkInGaps.isEmpty && health.pendingReviews.isEmpty && health.renewals.isEmpty)
            #expect(health.accountabilities.isEmpty && health.expansionSignals.isEmpty && health.previousActions.isEmpty)
            #expect(health.extensions.isEmpty)

            let none = try await a.facts(.company(a.company), [])
            #expect(none.goals.isEmpty && none.healthDrops.isEmpty && none.renewals.isEmpty && none.accountabilities.isEmpty)
            #expect(none.since == Self.since && none.meetingAt == Self.meetingAt && none.today == Self.today)

            let every = try await a.facts(.company(a.company), [
                .goalsOffTrack(includeAtRisk: true), .checkInsMissing, .reviewsPending, .healthDropped, .renewalsDue(withinDays: 90),
                .accountabilitiesOpen(unacknowledgedDays: 3), .expansionSignals, .previousActions,
            ])
            #expect(every.goals.map(\.goalID) == [goal] && every.pendingReviews.map(\.checkInID).count == 1)
            #expect(every.healthDrops.count == 1 && every.renewals.count == 1 && every.accountabilities.count == 1)
        }
    }
}

private func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
private func at(_ text: String) -> Date { TestClock.instant(text) }

