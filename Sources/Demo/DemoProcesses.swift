import Domain
import Foundation
import Store
import UseCases

/// The demo's one standard process for Enterprise and SMB, published and adopted, with customers placed on its steps.
///
/// - 「標準オンボーディング〜定着」: v1 (5 steps) published ten months ago, v2 (adds 成功定義の合意 after the kickoff)
///   four months ago; RACI on the demo's positions.
/// - Enterprise adopted v1, then v2; SMB runs v1.
/// - Enterprise customers on v2 at various steps (Pacific Retail stalled on 利用定着); SMB customers on v1 (ひまわり不動産
///   stalled on 効果確認); 北星銀行 and つばめ旅行 on none — the baseline of the health chart.
enum DemoProcesses {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        let owner = people["owner"]!
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let positions = try await PositionRepository.list(tx, visibleTo: DemoLookup.everyone(owner), after: nil, limit: 100).items
        func position(_ prefix: String) -> UUID? { positions.first { $0.name.hasPrefix(prefix) }?.id }
        guard let head = position("CS 本部長"), let entLead = position("エンタープライズ リーダー"), let smbLead = position("SMB リーダー"),
              let smbCSM = position("CSM (SMB)"), let entCSM = position("CSM (Enterprise・金融")
        else { return [:] }
        let named = try await DemoLookup.customers(tx, owner: owner, today: today)
        func customer(_ name: String) -> UUID? { named[name]?.id }
        func ago(_ days: Int) -> LocalDate { today.adding(days: -days) }

        func step(_ name: String, _ days: Int, _ exit: String, r: UUID, a: UUID, c: [UUID] = [], i: [UUID] = []) -> ProcessStep {
            ProcessStep(id: .v7(), name: name, expectedDays: days, exitCriterion: exit, raci: RACI(responsible: [r], accountable: [a], consulted: c, informed: i))
        }
        let kickoff = step("キックオフ (Kickoff)", 14, "キックオフを実施し、導入の目的と体制を顧客と合意した (Kickoff held; aims and team agreed)",
                           r: entCSM, a: entLead, c: [smbCSM], i: [head])
        let agree = step("成功定義の合意 (Agree success)", 14, "ライト・ディープの成功定義を顧客と合意した (Light and deep success agreed with the client)",
                         r: entCSM, a: entLead, c: [head], i: [smbLead])
        let setup = step("初期設定 (Setup)", 30, "主要機能の初期設定が終わり、利用者が登録された (Main features set up; users registered)",
                         r: smbCSM, a: smbLead, c: [entCSM], i: [entLead])
        let adoption = step("利用定着 (Adoption)", 60, "週次の利用者が契約席数の 6 割を超えた (Weekly users above 60 % of seats)",
                            r: entCSM, a: entLead, c: [smbCSM], i: [head])
        let value = step("効果確認 (Value review)", 30, "成果を数字で確認し、顧客の決裁者に報告した (Outcome measured and reported to the decision maker)",
                         r: entCSM, a: head, c: [entLead, smbLead])
        let renewal = step("更新準備 (Renewal prep)", 60, "更新の提案内容を顧客と合意した (Renewal proposal agreed with the client)",
                           r: smbLead, a: head, c: [entLead], i: [entCSM, smbCSM])

        let process = try await StandardProcessRepository.insert(
            tx,
            try StandardProcess(
                id: .v7(), name: "標準オンボーディング〜定着",
                summary: "Enterprise と SMB で共通の、キックオフから更新準備までの進め方です。(One way from kickoff to renewal for Enterprise and SMB.)",
                isOrgStandard: true, createdAt: now.addingTimeInterval(-320 * 86_400), updatedAt: now.addingTimeInterval(-320 * 86_400)
            ).validated(),
            by: owner)

        func publish(_ number: Int, _ steps: [ProcessStep], notes: String, daysAgo: Int) async throws -> ProcessVersion {
            let stored = try await ProcessVersionRepository.insert(
                tx, ProcessVersion(id: .v7(), processID: process.id, number: number, steps: steps, notes: notes, createdAt: now), by: owner)
            var version = stored.version
            try version.publish(at: now.addingTimeInterval(-Double(daysAgo) * 86_400))
            return try await ProcessVersionRepository.saveDraft(tx, version, revision: stored.revision, by: owner)?.version ?? version
        }
        let v1 = try await publish(1, [kickoff, setup, adoption, value, renewal], notes: "最初の標準版 (The first standard)", daysAgo: 310)
        let v2 = try await publish(
            2, [kickoff, agree, setup, adoption, value, renewal],
            notes: "キックオフの後に成功定義の合意を追加 (Agree success after the kickoff)", daysAgo: 125)

        func adopt(_ company: UUID, _ version: ProcessVersion, daysAgo: Int) async throws {
            _ = try await ProcessAdoptionRepository.insert(
                tx,
                ProcessAdoption(
                    id: .v7(), companyID: company, processID: process.id, versionID: version.id, versionNumber: version.number,
                    adoptedOn: ago(daysAgo), adoptedBy: owner))
        }
        try await adopt(enterprise, v1, daysAgo: 300)
        try await adopt(smb, v1, daysAgo: 300)
        try await adopt(enterprise, v2, daysAgo: 120)

        /// Places `name` on `version` `placed` days ago and completes its first steps on the days given (days ago).
        func place(_ name: String, _ version: ProcessVersion, placed: Int, done: [Int]) async throws {
            guard let id = customer(name) else { return }
            let placement = try await ProcessPlacementRepository.place(
                tx, id: .v7(), ProcessProgress(customerID: id, processID: process.id, versionID: version.id, placedOn: ago(placed)), by: owner)
            for (index, daysAgo) in done.enumerated() {
                try await ProcessPlacementRepository.complete(
                    tx, placement: placement.id, step: version.steps[index].id, position: index, on: ago(daysAgo), by: owner)
            }
        }
        try await place("株式会社アサヒ物流", v2, placed: 40, done: [30, 18])
        try await place("㈱みらい製作所", v2, placed: 170, done: [160, 147, 120, 62, 30])
        try await place("さくら電機株式会社", v2, placed: 210, done: [198, 186, 150, 95, 70])
        try await place("Pacific Retail Inc.", v2, placed: 190, done: [175, 160, 128])
        try await place("株式会社こだま商店", v1, placed: 6, done: [])
        try await place("ひまわり不動産", v1, placed: 260, done: [245, 205, 130])
        try await place("青葉クリニック", v1, placed: 200, done: [188, 160, 100, 70])
        return [:]
    }
}
