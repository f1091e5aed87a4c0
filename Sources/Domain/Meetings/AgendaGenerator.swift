/// A source of agenda items: what the data says needs the meeting's attention. Each is a pure function of
/// ``AgendaFacts`` (fetched for the body's scope) and its parameters, so each can be tested against fixed data.
/// `extension` is the extension point later capabilities plug into (the success issue adds program sessions and
/// success presentations): the facts carry their items already made, keyed by the extension's name.
public enum AgendaGenerator: Sendable, Hashable, Codable {
    /// Goals whose latest check-in says off track (and, with `includeAtRisk`, at risk).
    case goalsOffTrack(includeAtRisk: Bool)
    /// Check-ins of the current period not submitted by their due day (late) or not started.
    case checkInsMissing
    /// Submitted check-ins waiting for their reviewer.
    case reviewsPending
    /// Customers whose health grade fell since the previous occurrence (each drop once).
    case healthDropped
    /// Contracts whose 解約予告期限 (notice deadline) falls within `withinDays`, with their open urgent/high tickets.
    case renewalsDue(withinDays: Int)
    /// Accountabilities still unacknowledged after `unacknowledgedDays` days, or past their due day.
    case accountabilitiesOpen(unacknowledgedDays: Int)
    /// Expansion signals recorded on tickets since the previous occurrence.
    case expansionSignals
    /// Action items of the previous occurrence that are still open (carried over).
    case previousActions
    /// Items a later capability supplies under this name.
    case `extension`(String)

    /// The stable name of the generator (the JSON `type`).
    public var name: String {
        switch self {
        case .goalsOffTrack: "goals_off_track"
        case .checkInsMissing: "check_ins_missing"
        case .reviewsPending: "reviews_pending"
        case .healthDropped: "health_dropped"
        case .renewalsDue: "renewals_due"
        case .accountabilitiesOpen: "accountabilities_open"
        case .expansionSignals: "expansion_signals"
        case .previousActions: "previous_actions"
        case .extension(let name): "ext:" + name
        }
    }

    /// The kind of conversation its items call for.
    public var role: AgendaSectionRole {
        switch self {
        case .goalsOffTrack, .checkInsMissing, .healthDropped: .figures
        case .renewalsDue, .expansionSignals: .decisions
        case .reviewsPending, .accountabilitiesOpen, .previousActions: .followUp
        case .extension: .recognition
        }
    }

    public func validated() throws -> AgendaGenerator {
        switch self {
        case .renewalsDue(let days):
            guard (1...365).contains(days) else { throw DomainError(.invalid, "renewals are looked for 1 to 365 days ahead", field: "within_days") }
        case .accountabilitiesOpen(let days):
            guard (0...60).contains(days) else {
                throw DomainError(.invalid, "an accountability counts as unacknowledged after 0 to 60 days", field: "unacknowledged_days")
            }
        case .extension(let name):
            guard (1...60).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw DomainError(.invalid, "an extension is named with 1 to 60 letters, digits or underscores", field: "type")
            }
        default: break
        }
        return self
    }

    private enum Key: String, CodingKey { case type, includeAtRisk = "include_at_risk", withinDays = "within_days", unacknowledgedDays = "unacknowledged_days" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "goals_off_track": self = .goalsOffTrack(includeAtRisk: try c.decodeIfPresent(Bool.self, forKey: .includeAtRisk) ?? true)
        case "check_ins_missing": self = .checkInsMissing
        case "reviews_pending": self = .reviewsPending
        case "health_dropped": self = .healthDropped
        case "renewals_due": self = .renewalsDue(withinDays: try c.decodeIfPresent(Int.self, forKey: .withinDays) ?? 90)
        case "accountabilities_open":
            self = .accountabilitiesOpen(unacknowledgedDays: try c.decodeIfPresent(Int.self, forKey: .unacknowledgedDays) ?? 3)
        case "expansion_signals": self = .expansionSignals
        case "previous_actions": self = .previousActions
        default:
            guard type.hasPrefix("ext:") else {
                throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown agenda generator \(type)")
            }
            self = .extension(String(type.dropFirst(4)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(name, forKey: .type)
        switch self {
        case .goalsOffTrack(let includeAtRisk): try c.encode(includeAtRisk, forKey: .includeAtRisk)
        case .renewalsDue(let days): try c.encode(days, forKey: .withinDays)
        case .accountabilitiesOpen(let days): try c.encode(days, forKey: .unacknowledgedDays)
        default: break
        }
    }
}
