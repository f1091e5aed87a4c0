public import Domain
import Foundation

/// A webhook URL as the egress policy sees it: `https` (or `http` where private egress is allowed), a host, no
/// credentials in it. The address check itself needs DNS: ``EgressResolver``.
public struct WebhookTarget: Sendable, Equatable {
    public var scheme: String
    public var host: String
    public var port: Int

    public init(url: String, policy: EgressPolicy) throws(EgressRefused) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              var host = components.host, !host.isEmpty
        else { throw EgressRefused(code: .forbiddenAddress, host: url, reason: "not an absolute http(s) URL") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard scheme == "https" || (scheme == "http" && policy.allowsPrivate) else {
            throw EgressRefused(
                code: .forbiddenAddress, host: host,
                reason: scheme == "http" ? "https is required (http only where BANSO_ALLOW_PRIVATE_EGRESS allows it)" : "the scheme must be https")
        }
        guard components.user == nil, components.password == nil else {
            throw EgressRefused(code: .forbiddenAddress, host: host, reason: "credentials do not belong in a webhook URL")
        }
        self.scheme = scheme
        self.host = host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
    }
}
