import Credentials
import Domain
import Foundation
import Store
import UseCases

/// The demo's a check-up questionnaire, a team's plan, sends answered and unanswered, an NPS campaign.
///
/// The SMB team's monthly check-up is on; its CSM (伊藤) gets about one answer in five — seed 002's failed check-up,
/// below the 30 % threshold — while the Enterprise CSMs get about two in three. An NPS campaign went to the
/// Enterprise customers three weeks ago and a few answered. Links: `checkUp` (this month's, still open),
/// `checkUpExpired` (last month's, never answered, closed) and `unsubscribe` (another contact's opt-out page).
enum DemoCheckUps {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        let zone = TimeZone(identifier: "Asia/Tokyo")!
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let current = YearMonth(today)

        // The questionnaire: satisfaction (1–5), how they use it, free requests.
        let satisfaction = UUID.v7(), usage = UUID.v7(), requests = UUID.v7()
        let template = try await CheckUpTemplateRepository.insert(
            tx,
            try CheckUpTemplate(
                id: .v7(), name: "月次定期検診 (Monthly check-up)",
                questions: [
                    CheckUpQuestion(
                        id: satisfaction, kind: .scale(min: 1, max: 5),
                        wording: CheckUpText(ja: "現在の満足度を 5 段階で教えてください。", en: "How satisfied are you at the moment (1–5)?")),
                    CheckUpQuestion(
                        id: usage,
                        kind: .choice(options: [
                            CheckUpText(ja: "毎日使っている", en: "Every day"), CheckUpText(ja: "週に数回", en: "A few times a week"),
                            CheckUpText(ja: "月に数回", en: "A few times a month"), CheckUpText(ja: "ほとんど使っていない", en: "Hardly at all"),
                        ]),
                        wording: CheckUpText(ja: "利用状況に最も近いものをお選びください。", en: "Which is closest to how you use it?")),
                    CheckUpQuestion(
                        id: requests, kind: .freeText,
                        wording: CheckUpText(ja: "ご要望やお困りごとがあればお聞かせください。", en: "Anything you would like us to do or fix?"), required: false),
                ],
                createdAt: now, updatedAt: now
            ).validated())

        // The SMB team turned its monthly check-up on (sent on the 10th).
        let smbTeam = teams[2]
        _ = try await CheckUpPlanRepository.put(
            tx, CheckUpPlan(teamID: smbTeam, enabled: true, templateID: template.id, dayOfMonth: 10), expectedVersion: nil)
        let settings = try await CheckUpSettingsRepository.get(tx).settings

        func contact(of customer: UUID) async throws -> Contact? {
            try await ContactRepository.list(tx, customer: customer, after: nil, limit: 5).items.first { $0.email != nil && $0.erasedAt == nil }
        }
        func answers(_ n: Int) -> [CheckUpAnswer] {
            var given = [
                CheckUpAnswer(questionID: satisfaction, value: .scale(2 + n % 4)), CheckUpAnswer(questionID: usage, value: .choice(n % 3)),
            ]
            if n % 2 == 0 { given.append(CheckUpAnswer(questionID: requests, value: .text("レポートの出力形式を増やしてほしい (More report formats, please)"))) }
            return given
        }
        /// One check-up sent on the 10th of `month` (or `at`), answered or not; its link's token.
        func send(
            _ customer: Customer, month: YearMonth, at: Date? = nil, plan: UUID?, answered: Int?, reminded: Bool = false
        ) async throws -> String? {
            guard let contact = try await contact(of: customer.id) else { return nil }
            let sentAt = at ?? Recurrence.instant(month.firstDay.adding(days: 9), LocalTime(hour: 10, minute: 0)!, in: zone)
            let closes = sentAt.addingTimeInterval(TimeInterval(settings.linkValidDays) * 86_400)
            let token = SecretToken.new()
            // An answered one is stored open until answered (answering checks the link is open now), then answered.
            let record = CheckUpSendRecord(
                id: .v7(), kind: .checkUp, planTeamID: plan, campaignID: nil, templateID: template.id, customerID: customer.id,
                contactID: contact.id, csmID: customer.ownerID, companyID: customer.companyID, month: month,
                sentBy: plan == nil ? customer.ownerID : nil, sentAt: sentAt, expiresAt: answered == nil ? closes : max(closes, now.addingTimeInterval(86_400)))
            guard let saved = try await CheckUpSendRepository.insert(tx, record, tokenHash: SecretToken.hash(token)) else { return nil }
            if reminded {
                _ = try await CheckUpSendRepository.markReminded(
                    tx, id: saved.id, tokenHash: SecretToken.hash(SecretToken.new()),
                    at: sentAt.addingTimeInterval(TimeInterval(settings.reminderAfterDays) * 86_400))
            }
            if let answered {
                let given = try template.validate(answers: answers(answered))
                _ = try await CheckUpSendRepository.answer(tx, id: saved.id, answers: given, score: template.score(given), npsResponse: nil)
            }
            return token
        }

        // The last five complete months. 伊藤 (SMB): one answer in five a month — about 20 %, below the threshold.
        var links: [String: String] = [:]
        let ito = try await CustomerRepository.owned(tx, by: people["ito"]!).sorted { $0.name < $1.name }
        for k in 1...5 {
            let month = current.adding(months: -k)
            for (i, customer) in ito.enumerated() {
                let answered = i == (k + 2) % max(1, ito.count) ? i + k : nil
                let token = try await send(customer, month: month, plan: smbTeam, answered: answered, reminded: answered == nil && i % 2 == 0)
                if k == 1, answered == nil, links["checkUpExpired"] == nil, let token { links["checkUpExpired"] = CheckUpMailing.formPath + token }
                if k == 2, answered != nil, let token { links["unsubscribe"] = CheckUpMailing.unsubscribePath + token }
            }
        }
        // This month's, sent two days ago to the first SMB customer and not yet answered: the link to try.
        if let first = ito.first(where: { $0.phase != .churned }) {
            let at = now.addingTimeInterval(-2 * 86_400)
            let month = YearMonth(Recurrence.localDate(of: at, in: zone))
            if let token = try await send(first, month: month, at: at, plan: smbTeam, answered: nil) {
                links["checkUp"] = CheckUpMailing.formPath + token
            }
        }
        // The Enterprise CSMs send theirs by hand and get about two answers in three.
        for (n, key) in ["takahashi", "emily", "suzuki"].enumerated() {
            guard let member = people[key] else { continue }
            let customers = try await CustomerRepository.owned(tx, by: member).sorted { $0.name < $1.name }
            for k in 1...5 {
                for (i, customer) in customers.enumerated() {
                    let answered = (k + i + n) % 3 == 0 ? nil : k + i
                    _ = try await send(customer, month: current.adding(months: -k), plan: nil, answered: answered)
                }
            }
        }

        // An NPS campaign to the Enterprise customers, sent three weeks ago; a few answered.
        let sentAt = now.addingTimeInterval(-21 * 86_400)
        let campaign = try await NPSCampaignRepository.insert(
            tx,
            try NPSCampaign(
                id: .v7(), name: "2026年 下期 NPS (H2 2026 NPS)", question: NPSCampaign.standardQuestion, companyID: enterprise, teamID: nil,
                segment: nil, recipients: .decisionMakerFirst, createdBy: people["sato"], createdAt: sentAt, updatedAt: sentAt
            ).validated())
        let audience = try await CheckUpAudienceRepository.customers(tx, company: enterprise, team: nil, segment: nil)
        let scores = [9, 6, 10, 8]
        var sent = 0
        for (i, member) in audience.enumerated() {
            guard let customer = try await CustomerRepository.get(tx, id: member.id), let contact = try await contact(of: member.id) else { continue }
            let score = i < scores.count ? scores[i] : nil
            let record = CheckUpSendRecord(
                id: .v7(), kind: .nps, planTeamID: nil, campaignID: campaign.id, templateID: nil, customerID: customer.id, contactID: contact.id,
                csmID: customer.ownerID, companyID: customer.companyID, month: YearMonth(Recurrence.localDate(of: sentAt, in: zone)),
                sentBy: people["sato"], sentAt: sentAt, expiresAt: sentAt.addingTimeInterval(TimeInterval(settings.linkValidDays) * 86_400 + 2 * 86_400))
            guard let saved = try await CheckUpSendRepository.insert(tx, record, tokenHash: SecretToken.hash(SecretToken.new())) else { continue }
            sent += 1
            guard let score else { continue }
            let response = try await NPSRepository.insert(
                tx,
                NPSResponse(
                    id: .v7(), customerID: customer.id, contactID: contact.id, score: score,
                    comment: score >= 9 ? "定例の提案が役立っています (The regular proposals help)" : nil, respondent: contact.name,
                    respondedOn: today.adding(days: -15 + i), channel: .survey, createdAt: now))
            _ = try await CheckUpSendRepository.answer(tx, id: saved.id, answers: [], score: Double(score) * 10, npsResponse: response.id)
        }
        _ = try await NPSCampaignRepository.markSent(tx, id: campaign.id, count: sent)
        return links
    }
}
