import Domain
import Foundation
import HTTPTypes
import Scheduler

/// The egress policy's answer for a connection a tenant is configuring, as the API says it: 422 with the field and
/// `forbidden_address` (or `unresolvable_host`), before anything is stored. Delivery checks again, every time.
enum EgressCheck {
    static func problem(_ refused: EgressRefused, field: String) -> Problem {
        Problem(
            status: .unprocessableContent, code: refused.code.rawValue, detail: refused.description,
            fields: [.init(field: field, code: refused.code.rawValue, message: refused.reason)])
    }

    /// A webhook URL: https (http only where private egress is allowed) to a host whose every address is allowed.
    static func webhook(_ url: String, policy: EgressPolicy) async throws {
        do {
            let target = try WebhookTarget(url: url, policy: policy)
            _ = try await EgressResolver.resolve(host: target.host, policy: policy)
        } catch {
            throw problem(error, field: "url")
        }
    }

    /// An org's SMTP relay host.
    static func relay(host: String, policy: EgressPolicy) async throws {
        do {
            _ = try await EgressResolver.resolve(host: host, policy: policy)
        } catch {
            throw problem(error, field: "smtp_url")
        }
    }
}
