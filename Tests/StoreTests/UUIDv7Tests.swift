import Foundation
import Store
import Testing

/// Ids sort in the order they were made, even many in one millisecond (keyset pages rely on it).
@Suite struct UUIDv7Tests {
    @Test func idsMadeInALoopSortInTheOrderTheyWereMade() {
        let ids = (0..<20_000).map { _ in UUID.v7() }
        let text = ids.map { $0.uuidString.lowercased() }
        #expect(text == text.sorted())
        #expect(Set(text).count == text.count)
        #expect(ids.allSatisfy { $0.uuidString.lowercased().dropFirst(14).first == "7" }, "version 7")
    }

    /// An id asked for at an earlier instant than one already made still sorts after it.
    @Test func aClockThatStepsBackDoesNotReorder() {
        let later = UUID.v7(now: Date(timeIntervalSince1970: 1_700_000_000))
        let earlier = UUID.v7(now: Date(timeIntervalSince1970: 1_600_000_000))
        #expect(later.uuidString.lowercased() < earlier.uuidString.lowercased())
    }
}
