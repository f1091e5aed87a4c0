import Database
import Domain

/// A ``Reach`` as a SQL condition on a row's scope, so that a list keeps in its WHERE the rows the single-read
/// rule would admit and its keyset page is cut from those only: a page is short only at the end of the list.
extension Reach {
    /// True for a row whose scope is reached. A row's scope is its team when `team` is not null, else its company
    /// when `company` is not null, else the org (as `Goal.permissionScope`, `Accountability.scope`). `within`
    /// reads it as ``reachesSomewhere(within:)`` rather than ``reaches(_:)``. `team` and `company` are trusted SQL
    /// expressions (columns), never input.
    func condition(team: SQLQuery, company: SQLQuery, within: Bool = false) -> SQLQuery {
        """
        (\(everywhere)
         OR (\(team) IS NOT NULL AND \(team) = ANY(\(teams)))
         OR (\(team) IS NULL AND \(company) = ANY(\(within ? companiesWithin : companies)))
         OR (\(team) IS NULL AND \(company) IS NULL AND \(within && anywhere)))
        """
    }

    /// ``condition(team:company:within:)`` for a table that says its scope as `scope_type` and `scope_id`.
    func condition(scopeType: SQLQuery, scopeID: SQLQuery, within: Bool = false) -> SQLQuery {
        condition(
            team: "(CASE WHEN \(scopeType) = 'team' THEN \(scopeID) END)",
            company: "(CASE WHEN \(scopeType) = 'company' THEN \(scopeID) END)", within: within)
    }
}
