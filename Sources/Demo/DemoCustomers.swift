import Domain
import Foundation
import Store
import UseCases

/// The demo's customers, living in the present of the store's clock: ten accounts across both companies, in every
/// lifecycle phase, with contracts renewed up and down a year ago (so GRR and NRR have something to say), one in
/// dollars (figures per currency, never converted), renewals whose cancellation-notice deadline is weeks away,
/// tickets, NPS answers, contacts and a timeline tagged light and deep. Health is scored for last month and again
/// now: 北星銀行 falls from A to C with urgent tickets open since, a detractor's answer and no touch for six weeks, so
/// "why C?" and "what changed" have an answer on first sign-in.
enum DemoCustomers {
    struct Account {
        var name: String
        var nameEn: String
        var kana: String
        var company: UUID
        var team: UUID
        var owner: String
        var sales: String?
        var phase: LifecyclePhase
        var risks: [LifecycleRisk] = []
        var churnReason: String?
        var segment: String
        /// Last year's ARR and this year's, in major units of `currency`; nil now: churned.
        var arrBefore: Int64
        var arrNow: Int64?
        var currency: String = "JPY"
        /// Days from today to the current contract's end (its notice deadline is three months earlier).
        var endsIn: Int
        var nps: [Int]
        var openTickets: [(String, Ticket.Priority)] = []
        var lastTouchDaysAgo: Int
        var tags: [String] = []
    }

    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let today = facts.today
        func person(_ name: String) -> UUID { people[name]! }
        func instant(daysAgo days: Int, hour: Int = 10) -> Date {
            now.addingTimeInterval(-Double(days) * 86_400).addingTimeInterval(Double(hour - 10) * 3_600)
        }
        let accounts: [Account] = [
            Account(
                name: "北星銀行", nameEn: "Hokusei Bank", kana: "ホクセイギンコウ", company: enterprise, team: teams[1], owner: "takahashi",
                sales: "sato", phase: .embedded, risks: [.fewUsers], segment: "Enterprise", arrBefore: 12_000_000, arrNow: 10_800_000,
                endsIn: 150, nps: [9, 5], openTickets: [("ログインできない利用者が多数 (Many users cannot sign in)", .urgent),
                    ("CSV 出力が途中で止まる (CSV export stops midway)", .high), ("権限設定の質問 (Question on permissions)", .normal)],
                lastTouchDaysAgo: 40, tags: ["金融", "重点"]),
            Account(
                name: "株式会社アサヒ物流", nameEn: "Asahi Logistics", kana: "アサヒブツリュウ", company: enterprise, team: teams[0],
                owner: "suzuki", sales: "sato", phase: .onboarding, risks: [.unclearUse], segment: "Enterprise", arrBefore: 6_000_000,
                arrNow: 7_200_000, endsIn: 200, nps: [9, 10], lastTouchDaysAgo: 3, tags: ["物流"]),
            Account(
                name: "㈱みらい製作所", nameEn: "Mirai Works", kana: "みらいせいさくしょ", company: enterprise, team: teams[1], owner: "takahashi",
                phase: .outcome, segment: "Mid", arrBefore: 4_800_000, arrNow: 4_800_000, endsIn: 112, nps: [7, 9],
                openTickets: [("帳票のレイアウト崩れ (Report layout broken)", .normal)], lastTouchDaysAgo: 12, tags: ["製造"]),
            Account(
                name: "さくら電機株式会社", nameEn: "Sakura Electric", kana: "サクラデンキ", company: enterprise, team: teams[1], owner: "emily",
                sales: "sato", phase: .renewal, segment: "Enterprise", arrBefore: 9_600_000, arrNow: 10_200_000, endsIn: 125,
                nps: [8], lastTouchDaysAgo: 9, tags: ["製造", "重点"]),
            Account(
                name: "Pacific Retail Inc.", nameEn: "Pacific Retail Inc.", kana: "パシフィックリテール", company: enterprise, team: teams[1],
                owner: "emily", phase: .outcome, risks: [.poorReturn], segment: "Enterprise", arrBefore: 60_000, arrNow: 66_000,
                currency: "USD", endsIn: 240, nps: [6, 8], lastTouchDaysAgo: 20, tags: ["海外"]),
            Account(
                name: "株式会社こだま商店", nameEn: "Kodama Shoten", kana: "コダマショウテン", company: smb, team: teams[2], owner: "ito",
                phase: .onboarding, segment: "SMB", arrBefore: 600_000, arrNow: 600_000, endsIn: 170, nps: [9],
                lastTouchDaysAgo: 5, tags: ["小売"]),
            Account(
                name: "ひまわり不動産", nameEn: "Himawari Realty", kana: "ヒマワリフドウサン", company: smb, team: teams[2], owner: "ito",
                phase: .outcome, risks: [.poorReturn, .dispensable], segment: "SMB", arrBefore: 960_000, arrNow: 720_000, endsIn: 118,
                nps: [5, 6], openTickets: [("物件データの取り込みエラー (Property import fails)", .high)], lastTouchDaysAgo: 30,
                tags: ["不動産"]),
            Account(
                name: "青葉クリニック", nameEn: "Aoba Clinic", kana: "アオバクリニック", company: smb, team: teams[2], owner: "ito",
                phase: .embedded, segment: "SMB", arrBefore: 480_000, arrNow: 540_000, endsIn: 300, nps: [10, 9],
                lastTouchDaysAgo: 14, tags: ["医療"]),
            Account(
                name: "つばめ旅行", nameEn: "Tsubame Travel", kana: "ツバメリョコウ", company: smb, team: teams[2], owner: "ito",
                phase: .embedded, risks: [.lackingResources], segment: "SMB", arrBefore: 720_000, arrNow: 720_000, endsIn: 131,
                nps: [7], lastTouchDaysAgo: 41, tags: ["旅行"]),
            Account(
                name: "株式会社ライト", nameEn: "Light Inc.", kana: "ライト", company: smb, team: teams[2], owner: "ito",
                phase: .churned, churnReason: "費用対効果に合わないとの判断 (judged not worth the cost)", segment: "SMB",
                arrBefore: 360_000, arrNow: nil, endsIn: -75, nps: [3], lastTouchDaysAgo: 80),
        ]
        var ids: [UUID] = []
        for (index, account) in accounts.enumerated() {
            let id = UUID.v7()
            let currency = try CurrencyCode(account.currency)
            let minor: Int64 = account.currency == "JPY" ? 1 : 100
            let owner = person(account.owner)
            _ = try await CustomerRepository.insert(
                tx,
                Customer(
                    id: id, externalID: "CRM-\(1001 + index)", name: account.name, nameEn: account.nameEn,
                    nameKana: KanaReading.normalise(account.kana), companyID: account.company, teamID: account.team, ownerID: owner,
                    salesOwnerID: account.sales.map(person), segment: account.segment, phase: account.phase,
                    phaseSince: today.adding(days: -40 - 9 * index), riskReasons: account.risks, churnReason: account.churnReason,
                    tags: account.tags, createdAt: now, updatedAt: now),
                by: person("kobayashi"))

            // Last year's contract, renewed (or not) into this year's: the change in ARR is what GRR and NRR measure.
            let end = today.adding(days: account.endsIn)
            let renewedOn = end.adding(days: -365)
            _ = try await ContractRepository.insert(
                tx,
                Contract(
                    id: .v7(), customerID: id, externalID: "CT-\(1001 + index)-1", name: "年間契約 (Annual)",
                    arr: Money(minorUnits: account.arrBefore * minor, currency: currency), startDate: renewedOn.adding(days: -365),
                    endDate: renewedOn.adding(days: -1), autoRenews: true, noticeMonths: 3,
                    status: account.arrNow == nil ? .cancelled : .renewed,
                    renewalOutcome: account.arrNow.map { $0 > account.arrBefore ? .expanded : $0 < account.arrBefore ? .contracted : .renewed }
                        ?? .churned,
                    createdAt: now, updatedAt: now))
            if let arrNow = account.arrNow {
                _ = try await ContractRepository.insert(
                    tx,
                    Contract(
                        id: .v7(), customerID: id, externalID: "CT-\(1001 + index)-2", name: "年間契約 (Annual)",
                        arr: Money(minorUnits: arrNow * minor, currency: currency), startDate: renewedOn, endDate: end,
                        autoRenews: true, noticeMonths: 3, createdAt: now, updatedAt: now))
            }

            _ = try await ContactRepository.insert(
                tx,
                Contact(
                    id: .v7(), customerID: id, externalID: nil, name: "ご担当 \(index + 1) (Contact \(index + 1))",
                    email: "contact\(index + 1)@customer.example", phone: nil, role: "情報システム部 部長 (IT Director)",
                    decisionMaker: true, erasedAt: nil, createdAt: now, updatedAt: now, version: 1))

            for (n, score) in account.nps.enumerated() {
                _ = try await NPSRepository.insert(
                        tx,
                        NPSResponse(
                            id: .v7(), customerID: id, score: score,
                            comment: score <= 6 ? "サポートの返答が遅い (Support answers slowly)" : score >= 9 ? "定例の提案が役立つ (The reviews help)" : nil,
                            respondent: "ご担当 \(index + 1)", respondedOn: today.adding(days: n == account.nps.count - 1 ? -20 : -200),
                            channel: .survey, createdAt: now))
            }

            ids.append(id)
            // A resolved ticket from the past, so the ticket metrics have durations to show.
            _ = try await TicketRepository.insert(
                tx,
                Ticket(
                    id: .v7(), customerID: id, source: "zendesk", externalID: "ZD-\(4000 + index)",
                    title: "初期設定の質問 (Set-up question)", priority: index % 3 == 0 ? .high : .normal, product: "Core",
                    status: .resolved, openedAt: instant(daysAgo: 90 + index), firstResponseAt: instant(daysAgo: 90 + index, hour: 11 + index % 4),
                    resolvedAt: instant(daysAgo: 88 + index), csat: 3 + index % 3, phaseAtOpen: .onboarding, createdAt: now, updatedAt: now))

            // The timeline: a kickoff, a deep-success presentation or pair support, and the last touch.
            let author = owner
            let entries: [(TimelineEntry.Kind, TimelineEntry.SuccessTag?, Int, String, String?)] = [
                (.meeting, .light, 300, "キックオフ (Kickoff)", "導入目的と成功の定義を確認 (Agreed the aims and what success means)"),
                (index % 2 == 0 ? .pairSupport : .presentation, .deep, 120, index % 2 == 0 ? "ペアサポート (Pair support)" : "成果発表会 (Success presentation)",
                 "業務目標に合わせた使い方を一緒に設計 (Designed the use around their business goal)"),
                (.call, nil, account.lastTouchDaysAgo, "定例 (Regular call)",
                 account.phase == .churned || account.risks.contains(.dispensable)
                    ? "解約の可能性に言及あり。費用対効果を再説明 (They mentioned cancelling; we went over the return again)"
                    : "利用状況の確認 (Reviewed usage)"),
            ]
            for (kind, tag, daysAgo, title, body) in entries {
                _ = try await TimelineRepository.insert(
                    tx,
                    TimelineEntry(
                        id: .v7(), customerID: id, kind: kind, successTag: tag, authorID: author,
                        occurredAt: instant(daysAgo: daysAgo), title: title, body: body, createdAt: now, updatedAt: now),
                    now: now)
            }
        }
        // Health: last month as it stood then, and now — when 北星銀行 has fallen to C.
        let lastMonth = today.firstOfMonth.adding(months: -1)
        try await HealthScoreRun.run(tx, month: lastMonth, source: .schedule, now: now.addingTimeInterval(-30 * 86_400))
        // The tickets opened since: what pulls 北星銀行 down this month.
        for (index, (account, id)) in zip(accounts, ids).enumerated() {
            for (n, ticket) in account.openTickets.enumerated() {
                _ = try await TicketRepository.insert(
                    tx,
                    Ticket(
                        id: .v7(), customerID: id, source: "zendesk", externalID: "ZD-\(5000 + index * 10 + n)", title: ticket.0,
                        priority: ticket.1, product: n == 0 ? "Core" : "Reports", status: .open, openedAt: instant(daysAgo: 6 + n),
                        firstResponseAt: instant(daysAgo: 6 + n, hour: 12), phaseAtOpen: account.phase, createdAt: now, updatedAt: now))
            }
        }
        try await HealthScoreRun.run(tx, source: .schedule, now: now)
    }
}
