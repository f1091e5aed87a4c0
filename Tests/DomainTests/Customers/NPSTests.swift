import Domain
import Testing

@Suite struct NPSTests {
    @Test func categories() throws {
        #expect(try (0...10).map { try NPS.category(of: $0) } ==
            [.detractor, .detractor, .detractor, .detractor, .detractor, .detractor, .detractor,
             .passive, .passive, .promoter, .promoter])
        #expect(throws: DomainError.self) { try NPS.category(of: 11) }
        #expect(throws: DomainError.self) { try NPS(scores: [5, -1]) }
    }

    @Test func workedExample() throws {
        let nps = try NPS(scores: [10, 10, 9, 7, 3])
        #expect(nps.promoters == 3)
        #expect(nps.passives == 1)
        #expect(nps.detractors == 1)
        #expect(nps.responses == 5)
        #expect(nps.score == 40, "60 % − 20 %")
        #expect(nps.roundedScore == 40)
    }

    @Test func noResponsesHaveNoScore() throws {
        let nps = try NPS(scores: [])
        #expect(nps == .none)
        #expect(nps.promoters == 0 && nps.passives == 0 && nps.detractors == 0)
        #expect(nps.score == nil)
        #expect(nps.roundedScore == nil)
    }

    @Test func extremes() throws {
        #expect(try NPS(scores: [7, 8, 8]).score == 0, "all passives is 0, not nil")
        #expect(try NPS(scores: [9, 10]).score == 100)
        #expect(try NPS(scores: [0, 6]).score == -100)
        #expect(try NPS(scores: [10, 9, 8, 7, 6, 0]).score == 0)
    }

    @Test func fractionsAndRounding() throws {
        let third = try NPS(scores: [10, 7, 7])
        #expect(abs(third.score! - 100.0 / 3) < 1e-12)
        #expect(third.roundedScore == 33)
        #expect(try NPS(scores: [10, 7, 7, 7, 7, 7, 7, 7]).roundedScore == 13, "12.5 rounds away from zero")
        #expect(try NPS(scores: [0, 7, 7, 7, 7, 7, 7, 7]).roundedScore == -13)
    }

    @Test func rollUpsAddCountsNotScores() throws {
        let one = try NPS(scores: [10])  // 100
        let many = try NPS(scores: [0, 0, 0, 10])  // −50
        let both = one + many
        #expect(both.promoters == 2 && both.detractors == 3 && both.passives == 0)
        #expect(both.score == -20, "(2 − 3) / 5, not the average of 100 and −50")
    }
}
