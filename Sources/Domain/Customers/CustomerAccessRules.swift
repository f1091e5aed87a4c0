/// Who may do what with a customer (DESIGN §2's roles): the rules every customer use case asks, in one place.
public enum CustomerAccessRules {
    /// Readers of the customer's scope, and its owner and sales owner wherever they sit.
    public static func canRead(_ actor: Actor, _ authorizer: Authorizer, _ customer: Customer) -> Bool {
        if authorizer.can(actor, .readCustomers, in: customer.scope).allowed { return true }
        return customer.ownerID == actor.memberID || customer.salesOwnerID == actor.memberID
    }

    /// Contract values, revenue and GRR/NRR: every reader but `support`.
    public static func canSeeValues(_ actor: Actor, _ authorizer: Authorizer, _ customer: Customer) -> Bool {
        authorizer.can(actor, .readContractValues, in: customer.scope).allowed
    }

    /// Managers and CS operations of the scope edit any customer; a CSM edits the ones they own.
    public static func canEdit(_ actor: Actor, _ authorizer: Authorizer, _ customer: Customer) -> Bool {
        if authorizer.can(actor, .manageCustomers, in: customer.scope).allowed { return true }
        return customer.ownerID == actor.memberID && authorizer.can(actor, .writeOwnCustomers, in: customer.scope).allowed
    }

    /// The permission a refusal to edit names: the CSM's own when they own the customer, else the manager's.
    public static func editPermission(_ actor: Actor, _ customer: Customer) -> Permission {
        customer.ownerID == actor.memberID ? .writeOwnCustomers : .manageCustomers
    }
}
