public import Foundation

/// How far a goal has come, as a fraction: 0 at the baseline, 1 at the target, respecting direction.
public enum GoalProgress {
    /// Progress of a measured goal. Moving the wrong way counts as 0; passing the target counts as 1, so one
    /// overshooting KPI cannot hide a lagging sibling in a roll-up. Without a baseline the start is 0 for an
    /// upward goal; a downward goal without a baseline is either at its target (1) or not (0).
    public static func measured(actual: Double, baseline: Double?, target: Double, direction: Goal.Direction) -> Double {
        guard let baseline else {
            switch direction {
            case .up: return measured(actual: actual, baseline: 0, target: target, direction: direction)
            case .down: return actual <= target ? 1 : 0
            }
        }
        let span = target - baseline
        if span == 0 {
            switch direction {
            case .up: return actual >= target ? 1 : 0
            case .down: return actual <= target ? 1 : 0
            }
        }
        // A target on the wrong side of the baseline for its direction still reads as "distance covered".
        return clamp((actual - baseline) / span)
    }

    /// A parent's progress from its children's, weighted; children without progress are left out. `nil` when no
    /// child has any.
    public static func rollUp(_ children: [(progress: Double?, weight: Double)]) -> Double? {
        var sum = 0.0
        var weights = 0.0
        for child in children {
            guard let progress = child.progress, child.weight > 0 else { continue }
            sum += progress * child.weight
            weights += child.weight
        }
        return weights > 0 ? sum / weights : nil
    }

    static func clamp(_ value: Double) -> Double { min(1, max(0, value)) }
}

/// Computes every node's progress in one pass over a tree given as flat nodes.
public struct GoalTreeProgress {
    public struct Node: Sendable {
        public var id: UUID
        public var parentID: UUID?
        public var kind: Goal.Kind
        public var baseline: Double?
        public var target: Double?
        public var direction: Goal.Direction
        public var weight: Double
        /// The latest reported actual (from the newest submitted or reviewed check-in).
        public var actual: Double?

        public init(
            id: UUID, parentID: UUID?, kind: Goal.Kind, baseline: Double?, target: Double?,
            direction: Goal.Direction, weight: Double, actual: Double?
        ) {
            self.id = id
            self.parentID = parentID
            self.kind = kind
            self.baseline = baseline
            self.target = target
            self.direction = direction
            self.weight = weight
            self.actual = actual
        }
    }

    /// A measured node's own progress; a node with children rolls up from them instead (a KGI with KSFs under
    /// it shows their progress, a KGI standing alone its own measure).
    public static func compute(_ nodes: [Node]) -> [UUID: Double] {
        var children: [UUID: [Node]] = [:]
        let ids = Set(nodes.map(\.id))
        for node in nodes { if let parent = node.parentID, ids.contains(parent) { children[parent, default: []].append(node) } }
        var result: [UUID: Double] = [:]
        var visiting: Set<UUID> = []

        func progress(of node: Node) -> Double? {
            if let done = result[node.id] { return done }
            guard visiting.insert(node.id).inserted else { return nil }
            defer { visiting.remove(node.id) }
            let value: Double?
            if let kids = children[node.id], !kids.isEmpty {
                value = GoalProgress.rollUp(kids.map { (progress(of: $0), $0.weight) })
            } else if let actual = node.actual, let target = node.target {
                value = GoalProgress.measured(actual: actual, baseline: node.baseline, target: target, direction: node.direction)
            } else {
                value = nil
            }
            if let value { result[node.id] = value }
            return value
        }
        for node in nodes { _ = progress(of: node) }
        return result
    }
}
