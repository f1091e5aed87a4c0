import Credentials
import Domain
import Foundation
import Store
import UseCases

/// The demo's a program template and enrolments at every stage — a goal sheet waiting for the client's agreement, sessions logged against the hour budget, a presentation held.
///
/// - こだま商店 (SMB, Ito) started this week: the goal sheet is a draft nobody agreed; its client owner's link is
///   returned as `goalSheet`.
/// - みらい製作所 (Enterprise, Takahashi) is in its third month: the sheet agreed by all three, month 1 at 85 % of the
///   budget, month 2 past 100 %.
/// - 青葉クリニック (SMB, Ito) finished: presentation held, goal reached.
/// - アサヒ物流 and さくら電機 get a second contact (the owner of the work) so the walk-through can write a sheet.
enum DemoPrograms {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        func person(_ name: String) -> UUID { people[name]! }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let owner = person("owner")
        let named = try await DemoLookup.customers(tx, owner: owner, today: today)
        func customer(_ name: String) -> Customer? { named[name] }

        let template = try await ProgramTemplateRepository.insert(tx, try ProgramTemplate(
            id: .v7(), name: "サクセスプログラム（3か月）", months: 3, monthlyBudgetMinutes: 5 * 60,
            sessions: [
                .init(kind: .goalSetting, month: 1, title: "ゴール設定 (Goal setting)"),
                .init(kind: .pairSupport, month: 1, title: "ペアサポート (Pair support)"),
                .init(kind: .pairSupport, month: 2, title: "ペアサポート (Pair support)"),
                .init(kind: .pairSupport, month: 3, title: "ペアサポート (Pair support)"),
                .init(kind: .presentation, month: 3, title: "成果発表 (Success presentation)"),
            ],
            createdAt: now, updatedAt: now).validated())

        /// The customer's existing contact (the decision maker) and a new one who owns the work.
        func contactsFor(_ customer: Customer, owner name: String) async throws -> (owner: UUID, decider: UUID)? {
            let contacts = try await ContactRepository.list(tx, customer: customer.id, after: nil, limit: 10).items
            guard let decider = contacts.first?.id else { return nil }
            let added = try await ContactRepository.insert(tx, Contact(
                id: .v7(), customerID: customer.id, externalID: nil, name: name, email: nil, phone: nil,
                role: "業務責任者 (Owner of the work)", decisionMaker: false, erasedAt: nil, createdAt: now, updatedAt: now, version: 1))
            return (added.id, decider)
        }

        func enrol(_ customer: Customer, start: LocalDate, csm: UUID, participants: [UUID]) async throws -> Enrolment {
            try await EnrolmentRepository.insert(tx, try Enrolment(
                id: .v7(), customerID: customer.id, template: template, startDate: start, csmID: csm, participantIDs: participants,
                createdAt: now).validated())
        }

        func session(_ enrolment: Enrolment, _ kind: ProgramSessionKind, on day: LocalDate, minutes: Int, supported: UUID? = nil,
                     practised: String? = nil, participants: [UUID], notes: String? = nil) async throws {
            let saved = try await ProgramSessionRepository.insert(tx, try ProgramSession(
                id: .v7(), enrolmentID: enrolment.id, kind: kind, plannedOn: day, heldOn: day, durationMinutes: minutes,
                participantIDs: participants, notes: notes, supportedContactID: supported, practised: practised,
                createdAt: now, updatedAt: now).validated())
            try await ProgramTimeline.sync(tx, session: saved, id: saved.id, enrolment: enrolment, now: now)
        }

        /// Version 1 of `sheet` agreed by its three parties at `at`, stored: the row first, then its agreements
        /// (insert writes none).
        func agreedByAll(_ sheet: inout GoalSheet, csm: UUID, owner: UUID, decider: UUID, at: Date) async throws {
            try sheet.agree(.csm, by: csm, toVersion: 1, csmID: csm, at: at)
            try sheet.agree(.clientOwner, by: owner, toVersion: 1, csmID: csm, at: at)
            try sheet.agree(.decisionMaker, by: decider, toVersion: 1, csmID: csm, at: at)
            _ = try await GoalSheetRepository.insert(tx, sheet)
            _ = try await GoalSheetRepository.save(tx, sheet)
        }

        var links: [String: String] = [:]

        // Just started: a draft sheet, not agreed; the client owner's link.
        if let kodama = customer("株式会社こだま商店"), let pair = try await contactsFor(kodama, owner: "木村 店長 (Store manager Kimura)") {
            let (workOwner, decider) = pair
            let enrolment = try await enrol(kodama, start: today.adding(days: -3), csm: person("ito"), participants: [workOwner, decider])
            let sheet = try await GoalSheetRepository.insert(tx, GoalSheet(
                id: .v7(), enrolmentID: enrolment.id,
                content: try GoalSheetContent(
                    businessGoal: "発注ミスをなくして、月末の棚卸しを半日で終わらせたい", kpiName: "月末棚卸しの所要時間",
                    kpiBaseline: 8, kpiTarget: 4, kpiDirection: .down, usageGoal: "全店舗のスタッフ 6 人が在庫画面で毎日発注する",
                    usageMetric: "active_users", usageBaseline: 2, usageTarget: 6, clientOwnerID: workOwner, decisionMakerID: decider,
                    decisionMakerComment: nil, kpiUnit: "時間").validated(),
                createdAt: now, updatedAt: now))
            try await session(enrolment, .goalSetting, on: today.adding(days: -2), minutes: 60, participants: [workOwner, decider],
                              notes: "現状の棚卸し手順を一緒に確認 (Walked through today's stock-take)")
            let token = Secrets.newToken()
            _ = try await GoalSheetLinkRepository.insert(
                tx, id: .v7(), tokenHash: Secrets.hash(token: token), enrolment: enrolment.id, party: .clientOwner, contact: workOwner,
                sheetVersion: sheet.version, expiresAt: now.addingTimeInterval(GoalSheets.linkLifetime), by: person("ito"))
            links["goalSheet"] = "/g/" + token
        }

        // Mid-way, in month 3: month 1 at 85 %, month 2 past 100 %.
        if let mirai = customer("㈱みらい製作所"), let pair = try await contactsFor(mirai, owner: "山本 課長 (Manager Yamamoto)") {
            let (workOwner, decider) = pair
            let start = today.adding(days: -66)
            let enrolment = try await enrol(mirai, start: start, csm: person("takahashi"), participants: [workOwner, decider])
            var sheet = GoalSheet(
                id: .v7(), enrolmentID: enrolment.id,
                content: try GoalSheetContent(
                    businessGoal: "月次決算を 3 営業日早めて、経営会議に最新の数字を出したい", kpiName: "月次決算の所要営業日数",
                    kpiBaseline: 8, kpiTarget: 5, kpiDirection: .down, usageGoal: "経理部の 5 人全員が予算ビューで締めを行う",
                    usageMetric: "active_users", usageBaseline: 1, usageTarget: 5, clientOwnerID: workOwner, decisionMakerID: decider,
                    decisionMakerComment: "全社展開の判断材料にしたい (We will decide the company-wide roll-out on this)", kpiUnit: "営業日").validated(),
                kpiActual: 6, usageActual: 4, createdAt: now, updatedAt: now)
            let agreedAt = now.addingTimeInterval(-60 * 86_400)
            try await agreedByAll(&sheet, csm: person("takahashi"), owner: workOwner, decider: decider, at: agreedAt)
            // Month 1: 4 h 15 min of 5 h (85 %).
            try await session(enrolment, .goalSetting, on: start, minutes: 90, participants: [workOwner, decider])
            try await session(enrolment, .pairSupport, on: start.adding(days: 7), minutes: 60, supported: workOwner,
                              practised: "予算ビューでの月次締め (Closing the month in the budget view)", participants: [workOwner])
            try await session(enrolment, .pairSupport, on: start.adding(days: 14), minutes: 45, supported: workOwner,
                              practised: "差異レポートの出力 (Exporting the variance report)", participants: [workOwner])
            try await session(enrolment, .other, on: start.adding(days: 21), minutes: 60, participants: [workOwner],
                              notes: "経理部向けミニ勉強会 (A short class for accounting)")
            // Month 2: 6 h 30 min of 5 h (over by 1.5 h).
            let month2 = enrolment.calendar.firstDay(ofMonth: 2)
            for (offset, minutes) in [(1, 120), (8, 90), (15, 90), (22, 90)] {
                try await session(enrolment, .pairSupport, on: month2.adding(days: offset), minutes: minutes, supported: workOwner,
                                  practised: "部門別の予算入力 (Entering budgets by department)", participants: [workOwner])
            }
            _ = try await EnrolmentRepository.markSent(tx, enrolment: enrolment.id, key: "over_budget:2")
        }

        // Finished: presentation held, goal reached.
        if let aoba = customer("青葉クリニック"), let pair = try await contactsFor(aoba, owner: "松本 事務長 (Office manager Matsumoto)") {
            let (workOwner, decider) = pair
            let start = today.adding(days: -120)
            var enrolment = try await enrol(aoba, start: start, csm: person("ito"), participants: [workOwner, decider])
            var sheet = GoalSheet(
                id: .v7(), enrolmentID: enrolment.id,
                content: try GoalSheetContent(
                    businessGoal: "予約の電話対応を減らして、受付の残業をなくしたい", kpiName: "受付の月間残業時間",
                    kpiBaseline: 30, kpiTarget: 10, kpiDirection: .down, usageGoal: "予約の 7 割をオンライン予約にする",
                    clientOwnerID: workOwner, decisionMakerID: decider, decisionMakerComment: "残業ゼロを目指したい", kpiUnit: "時間").validated(),
                kpiActual: 8, createdAt: now, updatedAt: now)
            let agreedAt = now.addingTimeInterval(-110 * 86_400)
            try await agreedByAll(&sheet, csm: person("ito"), owner: workOwner, decider: decider, at: agreedAt)
            try await session(enrolment, .goalSetting, on: start, minutes: 60, participants: [workOwner, decider])
            try await session(enrolment, .pairSupport, on: start.adding(days: 35), minutes: 90, supported: workOwner,
                              practised: "オンライン予約の受付設定 (Setting up online booking)", participants: [workOwner])
            let held = start.adding(days: 80)
            try await session(enrolment, .presentation, on: held, minutes: 60, participants: [workOwner, decider])
            enrolment.presentation = SuccessPresentation(
                scheduledOn: held, heldOn: held, audienceSize: 6, outcome: "受付の残業が月 8 時間に減ったことを院長に報告 (Overtime down to 8 h a month)")
            enrolment.result = ProgramResult(goalReached: true, evidence: "受付の月間残業 30 → 8 時間 (Overtime 30 h to 8 h a month)", decidedOn: held)
            enrolment.state = .completed
            _ = try await EnrolmentRepository.update(tx, try enrolment.validated())
        }

        // The walk-through's customers need a second contact for their goal sheets.
        if let asahi = customer("株式会社アサヒ物流") { _ = try await contactsFor(asahi, owner: "井上 センター長 (Centre head Inoue)") }
        if let sakura = customer("さくら電機株式会社") { _ = try await contactsFor(sakura, owner: "森 課長 (Manager Mori)") }

        // Capacities: the managers set them below the default for the CSMs carrying other work.
        for (name, hours, manager) in [("ito", 100, "tanaka"), ("takahashi", 110, "sato"), ("suzuki", 120, "sato"), ("emily", 90, "sato")] {
            _ = try await CSMCapacityRepository.set(tx, try CSMCapacity(memberID: person(name), monthlyMinutes: hours * 60).validated(), by: person(manager))
        }
        return links
    }
}
