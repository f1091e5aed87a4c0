import Hummingbird
import Settings
import Store

/// Customer success (issue 15): success definitions and a customer's status, success programs, check-ups and NPS
/// campaigns, standard processes — a route group per part, each in its own `APIRoutes+Part.swift`.
extension APIRoutes {
    static func successRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        successDefinitionRoutes(services) + programRoutes(services) + checkUpRoutes(services) + processRoutes(services)
    }
}
