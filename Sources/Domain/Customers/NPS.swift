/// Net Promoter Score of a set of 0–10 answers (DESIGN §2): promoters 9–10, passives 7–8, detractors 0–6,
/// NPS = % promoters − % detractors, from −100 to 100.
///
/// The score is a `Double` (a third promoters is 33.3…, not 33) so roll-ups and KPI bindings do not compound
/// rounding; `roundedScore` is what a page shows. No responses give a `nil` score with zero counts: "nobody
/// answered" must not read as a neutral 0.
public struct NPS: Hashable, Sendable, Codable {
    public let promoters: Int
    public let passives: Int
    public let detractors: Int

    /// An empty tally: the start of a roll-up.
    public static let none = NPS(promoters: 0, passives: 0, detractors: 0)

    init(promoters: Int, passives: Int, detractors: Int) {
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
    }

    /// Tallies `scores`; any score outside 0–10 is `DomainError(.invalid, field: "score")` — a response is
    /// validated when stored, so this only guards against a caller passing something else.
    public init<S: Sequence>(scores: S) throws where S.Element == Int {
        var tally = (promoters: 0, passives: 0, detractors: 0)
        for score in scores {
            switch try NPS.category(of: score) {
            case .promoter: tally.promoters += 1
            case .passive: tally.passives += 1
            case .detractor: tally.detractors += 1
            }
        }
        self.init(promoters: tally.promoters, passives: tally.passives, detractors: tally.detractors)
    }

    /// Where one answer falls.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        case promoter, passive, detractor
    }

    /// The category of one 0–10 answer; `DomainError(.invalid, field: "score")` outside 0–10.
    public static func category(of score: Int) throws -> Category {
        switch score {
        case 9...10: .promoter
        case 7...8: .passive
        case 0...6: .detractor
        default: throw DomainError(.invalid, "an NPS answer is 0–10, not \(score)", field: "score")
        }
    }

    public var responses: Int { promoters + passives + detractors }

    /// % promoters − % detractors in −100…100; `nil` with no responses.
    public var score: Double? {
        guard responses > 0 else { return nil }
        return Double(promoters - detractors) * 100 / Double(responses)
    }

    /// The score rounded half away from zero to a whole number, as NPS is usually quoted.
    public var roundedScore: Int? { score.map { Int($0.rounded()) } }

    /// Two tallies together (a company from its customers, a year from its months). Scores are never averaged:
    /// the counts add and the score is recomputed, so a customer with one answer does not weigh like one with fifty.
    public static func + (lhs: NPS, rhs: NPS) -> NPS {
        NPS(promoters: lhs.promoters + rhs.promoters, passives: lhs.passives + rhs.passives,
            detractors: lhs.detractors + rhs.detractors)
    }
}
