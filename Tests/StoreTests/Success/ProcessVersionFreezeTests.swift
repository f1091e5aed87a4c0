import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// A published process version is frozen by the database itself, whatever statement reaches it; a draft is not;
/// and the other org sees neither.
@Suite struct ProcessVersionFreezeTests {
    @Test func theTableRefusesToChangeOrDeleteAPublishedVersion() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let org = fixture.a
            let now = Date(timeIntervalSince1970: 1_795_489_200)
            let process = StandardProcess(id: .v7(), name: "統一プロセス", summary: "", isOrgStandard: true, createdAt: now, updatedAt: now)
            let step = ProcessStep(id: .v7(), name: "キックオフ", expectedDays: 10, exitCriterion: "開始会議を実施",
                                   raci: RACI(responsible: [UUID()], accountable: [UUID()]))
            let draft = ProcessVersion(id: .v7(), processID: process.id, number: 1, steps: [step], createdAt: now)
            let stored = try await store.tenant(org.id) { tx in
                _ = try await StandardProcessRepository.insert(tx, process, by: org.member)
                return try await ProcessVersionRepository.insert(tx, draft, by: org.member)
            }
            #expect(stored.version.steps == [step] && !stored.version.isPublished)

            var published = stored.version
            try published.publish(at: now)
            let saved = try await store.tenant(org.id) { tx in
                try await ProcessVersionRepository.saveDraft(tx, published, revision: stored.revision, by: org.member)
            }
            #expect(saved?.version.isPublished == true)
            // The repository's own save leaves a published row alone…
            let again = try await store.tenant(org.id) { tx in
                try await ProcessVersionRepository.saveDraft(tx, published, revision: saved?.revision ?? 0, by: org.member)
            }
            #expect(again == nil)
            // …and a bare statement is refused by the trigger, as is a delete.
            await #expect(throws: DatabaseError.self) {
                try await store.system { tx in
                    try await tx.execute("UPDATE process_version SET steps = '[]'::jsonb WHERE id = \(stored.version.id)")
                }
            }
            await #expect(throws: DatabaseError.self) {
                try await store.system { tx in try await tx.execute("DELETE FROM process_version WHERE id = \(stored.version.id)") }
            }
            let kept = try await store.tenant(org.id) { tx in try await ProcessVersionRepository.get(tx, id: stored.version.id) }
            #expect(kept?.version.steps == [step])
            let other = try await store.tenant(fixture.b.id) { tx in try await ProcessVersionRepository.get(tx, id: stored.version.id) }
            #expect(other == nil)
        }
    }
}
