import Domain
import Foundation
import Store
import UseCases

/// The demo's light and deep success for the org and for Enterprise, with measures, and customers that have reached them.
enum DemoSuccessDefinitions {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        func person(_ name: String) -> UUID { people[name]! }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let owner = person("owner")
        let named = try await DemoLookup.customers(tx, owner: owner, today: today)
        func customer(_ name: String) -> Customer? { named[name] }

        func define(_ tier: SuccessTier, company: UUID?, _ text: String, audience: String, aims: [String], team: UUID?, method: String,
                    _ measures: [SuccessMeasure]) async throws -> SuccessDefinition {
            try await SuccessDefinitionRepository.insert(tx, try SuccessDefinition(
                id: .v7(), tier: tier, companyID: company, definition: text, audience: audience, aims: aims, measures: measures,
                responsibleTeamID: team, method: method, createdAt: now, updatedAt: now).validated(), by: owner)
        }

        // The org's light success: the product is used on the client's front line, and its leader feels the difference.
        let usage = SuccessMeasure(
            id: .v7(), name: "週次アクティブ利用者が契約席数の60%以上 (Weekly active users ≥ 60% of seats)",
            criterion: .metric(name: "weekly_active_share", comparison: .atLeast, threshold: 60), required: true)
        let felt = SuccessMeasure(id: .v7(), name: "現場責任者が効果を実感 (The front-line lead feels the benefit)", criterion: .manual)
        let orgLight = try await define(
            .light, company: nil, "現場で使われている (Used on the front line)",
            audience: "現場の担当者と現場責任者 (Front-line staff and their lead)",
            aims: ["毎日の業務で使われる (Used in daily work)", "手作業の締め処理を減らす (Less manual closing work)"],
            team: teams[2], method: "オンボーディングとサクセスプログラム、月 5 時間までのペアサポート (Onboarding, the success program, pair support up to 5 h a month)",
            [usage, felt])

        // The org's deep success: the results are talked about in the client's management.
        let boardroom = SuccessMeasure(id: .v7(), name: "経営会議で成果が報告された (Results reported at the management meeting)", criterion: .manual)
        let spread = SuccessMeasure(
            id: .v7(), name: "他部門への展開が決まった (Roll-out to another department decided)", criterion: .manual, required: false)
        let orgDeep = try await define(
            .deep, company: nil, "経営で語られている (Talked about in management)", audience: "経営層・取締役会 (Executives and the board)",
            aims: ["経営指標の改善に結びつく (Tied to a business KPI)", "全社展開の判断材料になる (Informs a company-wide roll-out)"],
            team: teams[1], method: "四半期ごとの経営レビューと成果発表会 (Quarterly executive reviews and a success presentation)",
            [boardroom, spread])

        // Enterprise's own light success: rolled out across sites, which the org's definition does not ask for.
        let sites = SuccessMeasure(id: .v7(), name: "主要拠点すべてで毎日使われている (Used daily at every main site)", criterion: .manual)
        let lead = SuccessMeasure(id: .v7(), name: "現場責任者が効果を実感 (The front-line lead feels the benefit)", criterion: .manual)
        let seats = SuccessMeasure(
            id: .v7(), name: "利用席数が50以上 (50 seats or more in use)", criterion: .metric(name: "seats", comparison: .atLeast, threshold: 50),
            required: false)
        let enterpriseLight = try await define(
            .light, company: enterprise, "全拠点の現場で定着している (Settled in at every site)",
            audience: "各拠点の業務責任者 (Each site's operations lead)",
            aims: ["拠点ごとのばらつきをなくす (No site left behind)", "締め作業を3日短縮 (Closing 3 days faster)"],
            team: teams[0], method: "拠点ごとのキックオフとペアサポート (A kickoff and pair support at each site)",
            [sites, lead, seats])

        // Customers that have got there, with the evidence a person can check.
        func judge(_ name: String, _ definition: SuccessDefinition, _ measure: SuccessMeasure, daysAgo: Int, by who: String, _ evidence: String)
            async throws
        {
            guard let c = customer(name) else { return }
            _ = try await MeasureStatusRepository.record(
                tx, customer: c.id, definition: definition.id,
                MeasureStatus(measureID: measure.id, state: .met, evidence: evidence, assessedOn: today.adding(days: -daysAgo),
                              assessedBy: person(who)),
                source: .manual, sourceID: nil, expectedVersion: nil)
        }
        try await judge("北星銀行", enterpriseLight, sites, daysAgo: 120, by: "takahashi", "全12拠点で毎日ログイン (Daily sign-ins at all 12 branches)")
        try await judge("北星銀行", enterpriseLight, lead, daysAgo: 110, by: "takahashi", "業務部長が月次会議で「締めが2日早まった」と発言 (The operations head said closing is 2 days faster)")
        try await judge("㈱みらい製作所", enterpriseLight, sites, daysAgo: 200, by: "takahashi", "3工場すべてで日次入力 (Daily input at all 3 plants)")
        try await judge("㈱みらい製作所", enterpriseLight, lead, daysAgo: 190, by: "takahashi", "工場長から感謝のメール (A thank-you mail from the plant manager)")
        try await judge("㈱みらい製作所", orgDeep, boardroom, daysAgo: 45, by: "sato", "取締役会資料に在庫回転日数の改善が掲載 (Inventory turnover gains in the board pack)")
        try await judge("ひまわり不動産", orgLight, felt, daysAgo: 30, by: "ito", "店長が「物件登録が半分の時間で済む」と回答 (The branch manager says listings take half the time)")
        try await judge("株式会社アサヒ物流", enterpriseLight, lead, daysAgo: 5, by: "suzuki", "配車担当リーダーが効果を実感 (The dispatch lead sees the benefit)")
        // Usage figures as an import would store them: ひまわり不動産 is used on the front line (72 % weekly active), and
        // with its lead's judgement reaches light success; さくら電機 is not yet (38 %), so its page says what remains.
        var figures: [(UsageImportRecord, UUID)] = []
        for (name, share, seatCount) in [("ひまわり不動産", 72.0, 18.0), ("さくら電機", 38.0, 40.0), ("㈱みらい製作所", 81.0, 64.0)] {
            guard let c = customer(name) else { continue }
            for weeksAgo in [8, 4, 0] {
                let day = today.adding(days: -7 * weeksAgo)
                let drift = Double(weeksAgo) * 1.5
                figures.append((UsageImportRecord(customer: .id(c.id), metric: "weekly_active_share", day: day, value: share - drift), c.id))
                figures.append((UsageImportRecord(customer: .id(c.id), metric: "seats", day: day, value: seatCount - Double(weeksAgo)), c.id))
            }
        }
        _ = try await ImportWriteRepository.upsertUsage(tx, figures)
        // Reaching a tier is recorded, dated and put on the timeline the way a person's judgement would.
        try await CustomerSuccess.reconcile(
            tx, customers: named.values.filter { $0.archivedAt == nil }.sorted { $0.name < $1.name }, today: today, now: now, by: nil)
        return [:]
    }
}
