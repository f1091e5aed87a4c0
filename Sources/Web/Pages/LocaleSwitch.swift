import Domain
import Logging
import Settings
import Foundation
import API
import Hummingbird
import Store
import UseCases

/// `POST /me/locale`: the language switch in every page's header. Saves the member's language (their profile's,
/// the same the API's `PATCH /v1/members/{id}` sets) and returns to the page they were on.
struct LocaleSwitch: Sendable {
    let store: Store

    struct Form: Decodable {
        var locale: String?
        var back: String?
    }

    func change(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Form.self, context: context)
        guard let locale = form.locale.flatMap(Language.init(rawValue:)) else {
            throw DomainError(.invalid, "choose ja or en", field: "locale")
        }
        try await store.tenant(context) { tx, caller in
            _ = try await Members(tx, caller).update(
                caller.identity.memberID, .init(displayName: nil, locale: locale.rawValue, timeZone: nil, active: nil),
                expectedVersion: nil)
        }
        return .seeOther(SignInTarget.safe(form.back))
    }
}
