import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// The check-up tables are tenant tables: a query without its org condition sees only its org's rows, a write into
/// another org is refused.
@Suite struct CheckUpRowLevelSecurityTests {
    @Test func checkUpRowsStayInTheirOrg() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let question = CheckUpQuestion(id: .v7(), kind: .scale(min: 1, max: 5), wording: CheckUpText(ja: "満足度", en: "Satisfaction"))
            let template = try await store.tenant(fixture.a.id) { tx in
                try await CheckUpTemplateRepository.insert(
                    tx, CheckUpTemplate(id: .v7(), name: "検診", questions: [question], createdAt: store.now, updatedAt: store.now))
            }
            _ = try await store.tenant(fixture.a.id) { tx in
                try await CheckUpSettingsRepository.put(tx, CheckUpSettings(responseRateThresholdPercent: 40), expectedVersion: nil)
            }
            for table in ["check_up_template", "check_up_settings"] {
                let seen = try await store.tenant(fixture.b.id) { tx in try await tx.query("SELECT org_id FROM \(identifier: table)").decodeColumn(UUID.self) }
                #expect(seen.isEmpty, "\(table)")
            }
            #expect(try await store.tenant(fixture.b.id) { tx in try await CheckUpTemplateRepository.get(tx, id: template.id) } == nil)
            #expect(try await store.tenant(fixture.b.id) { tx in try await CheckUpSettingsRepository.get(tx).settings.responseRateThresholdPercent } == 30)
            await #expect(throws: DatabaseError.self) {
                try await store.tenant(fixture.b.id) { tx in
                    try await tx.execute(
                        "INSERT INTO check_up_template (org_id, id, name, questions) VALUES (\(fixture.a.id), \(UUID.v7()), 'x', '[{}]')")
                }
            }
        }
    }
}
