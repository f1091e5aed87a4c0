public import Domain
import HTTPTypes
public import Hummingbird
import Foundation

/// Who the client is, for per-address limits. The peer's address, unless the peer is a proxy the operator trusts
/// (`BANSO_TRUSTED_PROXIES`): then `X-Forwarded-For`, read from the right, skipping the trusted proxies that
/// appended to it. Without trusted proxies the header is ignored — anyone can send it, and a limit keyed on it would
/// be no limit at all.
public struct ClientAddress: Sendable {
    public var trustedProxies: [AddressPrefix]

    public init(trustedProxies: [AddressPrefix] = []) { self.trustedProxies = trustedProxies }

    public func resolve(_ request: Request, _ context: AppRequestContext) -> String {
        let peer = context.remoteAddress?.ipAddress
        guard let peer, isTrusted(peer), let header = request.headers[.xForwardedFor] else { return peer ?? "unknown" }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !isTrusted(hop) { return hop }
        return hops.first ?? peer
    }

    func isTrusted(_ ip: String) -> Bool {
        guard let bytes = Self.bytes(of: ip) else { return false }
        return trustedProxies.contains { $0.contains(bytes) }
    }

    /// The 4 or 16 bytes of a textual IP address.
    public static func bytes(of ip: String) -> [UInt8]? { IPAddressText.bytes(ip) }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
