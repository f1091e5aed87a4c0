import Database
import Testing
import TestSupport

@Suite struct SmokeTests {
    @Test func selectsOne() async throws {
        try await TestDatabase.with { db, _ in
            let one = try await db.query("SELECT \(1) + 1").scalar(Int.self)
            #expect(one == 2)
        }
    }
}
