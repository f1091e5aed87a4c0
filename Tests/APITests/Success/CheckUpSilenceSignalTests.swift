import API
import Database
import Domain
import Foundation
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// The health signal `check_ups_unanswered` (seed 002: an unanswered check-up says something of its own): check-ups
/// of the last six months that closed without an answer since the customer's latest answer. An answer resets the
/// count, an open link is not yet silence, one older than six months no longer counts, and a customer never sent a
/// check-up has no data (the model's no-data score applies) rather than a perfect zero.
@Suite struct CheckUpSilenceSignalTests {
    /// A check-up sent `sentDaysAgo` before the test clock's now, open for 14 days, answered `answeredDaysAgo`.
    static func send(
        _ tx: TenantTransaction, _ a: TenantOrg, template: UUID, customer: UUID, contact: UUID, now: Date, sentDaysAgo: Double,
        answeredDaysAgo: Double? = nil
    ) async throws {
        let sent = now.addingTimeInterval(-sentDaysAgo * 86_400)
        let expires = sent.addingTimeInterval(14 * 86_400)
        let answered = answeredDaysAgo.map { now.addingTimeInterval(-$0 * 86_400) }
        // The month a send counts in matters to response rates, not to this signal.
        let month = LocalDate(year: 2026, month: 11, day: 1)!
        let hash = Array(UUID.v7().uuidString.utf8)
        try await tx.execute("""
            INSERT INTO survey_send (org_id, id, kind, template_id, customer_id, contact_id, company_id, month, token_hash, sent_at,
                expires_at, answered_at, answers, score)
            VALUES (\(a.orgID), \(UUID.v7()), 'check_up', \(template), \(customer), \(contact), \(a.smb), \(month), \(hash), \(sent),
                \(expires), \(answered), \(answered.map { _ in "[]" })::jsonb, \(answered.map { _ in 80.0 }))
            """)
    }

    @Test func silenceSinceTheLastAnswerCountsAndAnAnswerResetsIt() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let now = store.now
            let silent = try await CheckUpFixture.customer(client, a, store, name: "沈黙商事", email: "s@silent.example")
            let answering = try await CheckUpFixture.customer(client, a, store, name: "回答工業", email: "r@answer.example")
            let fresh = try await CheckUpFixture.customer(client, a, store, name: "新規物産", email: "f@fresh.example")
            let never = try await CheckUpFixture.customer(client, a, store, name: "未送付電機", email: "n@never.example")
            let template = try #require(UUID(uuidString: try await CheckUpFixture.template(client, a).id))
            try await store.tenant(a.orgID) { tx in
                let contact = { (text: String) in UUID(uuidString: text)! }
                // 沈黙商事: answered 100 days ago; since then three closed unanswered (one sent 240 days ago is too old
                // to count anyway, and it was before the answer).
                try await Self.send(tx, a, template: template, customer: silent.customer, contact: contact(silent.contact), now: now, sentDaysAgo: 240)
                try await Self.send(tx, a, template: template, customer: silent.customer, contact: contact(silent.contact), now: now, sentDaysAgo: 110, answeredDaysAgo: 100)
                for days in [90.0, 60, 30] {
                    try await Self.send(tx, a, template: template, customer: silent.customer, contact: contact(silent.contact), now: now, sentDaysAgo: days)
                }
                // 回答工業: two missed, then answered last week: back to zero.
                for days in [70.0, 40] {
                    try await Self.send(tx, a, template: template, customer: answering.customer, contact: contact(answering.contact), now: now, sentDaysAgo: days)
                }
                try await Self.send(tx, a, template: template, customer: answering.customer, contact: contact(answering.contact), now: now, sentDaysAgo: 10, answeredDaysAgo: 7)
                // 新規物産: one missed, one still open (sent 3 days ago): the open one is not silence yet.
                try await Self.send(tx, a, template: template, customer: fresh.customer, contact: contact(fresh.contact), now: now, sentDaysAgo: 45)
                try await Self.send(tx, a, template: template, customer: fresh.customer, contact: contact(fresh.contact), now: now, sentDaysAgo: 3)
            }
            let model = try HealthModel(
                version: 1,
                signals: [HealthSignal(kind: .checkUpsUnanswered, weight: 1, normalisation: .steps(below: 100, [HealthStep(from: 1, score: 60), HealthStep(from: 2, score: 20)]), noDataScore: 70)],
                thresholds: GradeThresholds(a: 80, b: 60, c: 40))
            let inputs = try await store.tenant(a.orgID) { tx in
                try await HealthInputsRepository.inputs(tx, model: model, only: nil, now: now, today: LocalDate(year: 2026, month: 11, day: 24)!)
            }
            #expect(inputs[silent.customer]?[.checkUpsUnanswered] == 3)
            #expect(inputs[answering.customer]?[.checkUpsUnanswered] == 0)
            #expect(inputs[fresh.customer]?[.checkUpsUnanswered] == 1)
            #expect(inputs[never.customer]?[.checkUpsUnanswered] == nil, "never sent one: no data, not a perfect zero")
            // Scored by the model like any signal: three misses land in the lowest step.
            #expect(try model.score([.checkUpsUnanswered: 3]).total == 20)

            // The key is one a health model may name through the API.
            #expect(HealthSignalKind(key: "check_ups_unanswered") == .checkUpsUnanswered)
            #expect(HealthSignalKind.checkUpsUnanswered.description == "check_ups_unanswered")
        }
    }
}
