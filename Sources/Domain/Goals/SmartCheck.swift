import Foundation

/// The SMART check of a goal (DESIGN §2): one verdict per letter, with the reason in the reader's language.
public struct SmartCheck: Sendable, Equatable, Codable {
    public enum Letter: String, Sendable, Codable, CaseIterable {
        case specific, measurable, achievable, relevant
        case timeBound = "time_bound"
    }

    public struct Verdict: Sendable, Equatable, Codable {
        public var letter: Letter
        public var pass: Bool
        public var reason: String
    }

    /// What the check needs besides the goal itself: facts the Store looks up.
    public struct Context: Sendable {
        /// Kinds of the goal's ancestors, nearest first.
        public var ancestorKinds: [Goal.Kind]
        /// Titles of the active KPIs directly under the goal (what measures a KSF).
        public var measuringKPIs: [String]
        /// The best actual reached by earlier goals on the same metric in the same scope (highest for an upward
        /// goal, lowest for a downward one), if any.
        public var bestPastActual: Double?
        public var achievableMultiple: Double

        public init(ancestorKinds: [Goal.Kind], measuringKPIs: [String], bestPastActual: Double?, achievableMultiple: Double) {
            self.ancestorKinds = ancestorKinds
            self.measuringKPIs = measuringKPIs
            self.bestPastActual = bestPastActual
            self.achievableMultiple = achievableMultiple
        }
    }

    public var verdicts: [Verdict]

    public var passes: Bool { verdicts.allSatisfy(\.pass) }
    public var failing: [Letter] { verdicts.filter { !$0.pass }.map(\.letter) }

    public init(goal: Goal, context: Context, locale: Organization.Locale) {
        let say = SmartWording(locale: locale)
        verdicts = [
            Self.specific(goal, say),
            Self.measurable(goal, context, say),
            Self.achievable(goal, context, say),
            Self.relevant(goal, context, say),
            Self.timeBound(goal, say),
        ]
    }

    static func specific(_ goal: Goal, _ say: SmartWording) -> Verdict {
        let titled = goal.title.trimmingCharacters(in: .whitespacesAndNewlines).count >= 2
        if goal.kind == .ksf {
            let described = !(goal.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            return Verdict(letter: .specific, pass: titled && described, reason: titled && described ? say.ksfSpecific : say.ksfNotSpecific)
        }
        guard let metric = goal.metric?.trimmingCharacters(in: .whitespacesAndNewlines), !metric.isEmpty else {
            return Verdict(letter: .specific, pass: false, reason: say.noMetric)
        }
        guard titled else { return Verdict(letter: .specific, pass: false, reason: say.noSubject) }
        return Verdict(letter: .specific, pass: true, reason: say.specific(metric: metric, subject: goal.title))
    }

    static func measurable(_ goal: Goal, _ context: Context, _ say: SmartWording) -> Verdict {
        if goal.kind == .ksf {
            guard !context.measuringKPIs.isEmpty else { return Verdict(letter: .measurable, pass: false, reason: say.ksfUnmeasured) }
            return Verdict(letter: .measurable, pass: true, reason: say.ksfMeasuredBy(context.measuringKPIs))
        }
        guard let target = goal.target else { return Verdict(letter: .measurable, pass: false, reason: say.noTarget) }
        guard let unit = goal.unit, !unit.trimmingCharacters(in: .whitespaces).isEmpty else {
            return Verdict(letter: .measurable, pass: false, reason: say.noUnit)
        }
        return Verdict(letter: .measurable, pass: true, reason: say.measurable(target: target, unit: unit))
    }

    static func achievable(_ goal: Goal, _ context: Context, _ say: SmartWording) -> Verdict {
        if goal.kind == .ksf { return Verdict(letter: .achievable, pass: true, reason: say.ksfAchievable) }
        guard let target = goal.target else { return Verdict(letter: .achievable, pass: false, reason: say.noTarget) }
        let references = [goal.baseline, context.bestPastActual].compactMap { $0 }
        guard !references.isEmpty else { return Verdict(letter: .achievable, pass: false, reason: say.nothingToCompare) }
        let multiple = context.achievableMultiple
        switch goal.direction {
        case .up:
            let best = references.max()!
            if best > 0, target > best * multiple {
                return Verdict(letter: .achievable, pass: false, reason: say.tooHigh(target: target, reference: best, multiple: multiple))
            }
            if let baseline = goal.baseline, target < baseline {
                return Verdict(letter: .achievable, pass: false, reason: say.wrongSide(target: target, baseline: baseline, up: true))
            }
        case .down:
            let best = references.min()!
            if best > 0, target < best / multiple {
                return Verdict(letter: .achievable, pass: false, reason: say.tooLow(target: target, reference: best, multiple: multiple))
            }
            if let baseline = goal.baseline, target > baseline {
                return Verdict(letter: .achievable, pass: false, reason: say.wrongSide(target: target, baseline: baseline, up: false))
            }
        }
        return Verdict(letter: .achievable, pass: true, reason: say.achievable(multiple: multiple))
    }

    static func relevant(_ goal: Goal, _ context: Context, _ say: SmartWording) -> Verdict {
        if goal.kind == .kgi { return Verdict(letter: .relevant, pass: true, reason: say.kgiRelevant) }
        guard context.ancestorKinds.contains(.kgi) else { return Verdict(letter: .relevant, pass: false, reason: say.noKGI) }
        return Verdict(letter: .relevant, pass: true, reason: say.relevant)
    }

    static func timeBound(_ goal: Goal, _ say: SmartWording) -> Verdict {
        guard let due = goal.dueDate else { return Verdict(letter: .timeBound, pass: false, reason: say.noDueDate) }
        guard goal.period.contains(due) else {
            return Verdict(letter: .timeBound, pass: false, reason: say.dueOutside(due: due, period: goal.period))
        }
        return Verdict(letter: .timeBound, pass: true, reason: say.timeBound(due: due, period: goal.period))
    }
}
