import Database
import Domain

/// Which customers a reader sees, as SQL over a customer row: ``CustomerAccessRules/canRead(_:_:_:)`` — readers
/// of the customer's scope, and its owner and sales owner wherever they sit.
enum CustomerVisibility {
    /// `alias` is trusted SQL (a table alias), never input.
    static func condition(_ reach: Reach, customer alias: SQLQuery) -> SQLQuery {
        """
        (\(reach.condition(team: "\(alias).team_id", company: "\(alias).company_id"))
         OR \(alias).owner_id = \(reach.memberID) OR \(alias).sales_owner_id = \(reach.memberID))
        """
    }
}
