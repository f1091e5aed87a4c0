/// The three parties who agree a goal sheet (seed 002): the CSM who runs the program, the client's owner of the
/// work, and the client's decision maker. The two client parties agree through their own expiring link, without
/// signing in.
public enum GoalSheetParty: String, Hashable, Sendable, Codable, CaseIterable {
    case csm
    case clientOwner = "client_owner"
    case decisionMaker = "decision_maker"
}
