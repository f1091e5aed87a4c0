public import Domain
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connection a tenant configured was refused by the deployment's ``EgressPolicy``, or its host did not resolve.
public struct EgressRefused: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The host is, or resolves to, an address the policy forbids.
        case forbiddenAddress = "forbidden_address"
        /// The host does not resolve.
        case unresolvable = "unresolvable_host"
    }

    public var code: Code
    public var host: String
    public var reason: String

    public var description: String { "\(host): \(reason)" }
}

/// An address that passed the policy: connect to exactly this one (no second resolution, which a rebinding DNS
/// server could answer differently).
public struct CheckedAddress: Sendable, Equatable {
    /// Textual IP address (no brackets).
    public var ip: String
    public var bytes: [UInt8]
}

/// Resolves the hosts of tenant-configured connections and checks every address against the policy.
public enum EgressResolver {
    /// The host's addresses, refused if **any** of them is forbidden (a name that resolves to a public and a private
    /// address must not be a way in); else the first, to connect to.
    public static func resolve(host: String, policy: EgressPolicy) async throws(EgressRefused) -> CheckedAddress {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses: [CheckedAddress]
        do {
            // getaddrinfo blocks: it runs on NIO's thread pool, never on Swift's cooperative threads.
            addresses = try await NIOThreadPool.singleton.runIfActive { try lookUp(bare) }
        } catch {
            throw EgressRefused(code: .unresolvable, host: bare, reason: "the host does not resolve")
        }
        guard let first = addresses.first else {
            throw EgressRefused(code: .unresolvable, host: bare, reason: "the host does not resolve")
        }
        for address in addresses {
            if let reason = policy.refusal(of: address.bytes) {
                throw EgressRefused(
                    code: .forbiddenAddress, host: bare,
                    reason: "\(address.ip) is \(reason); Banso does not connect there (BANSO_ALLOW_PRIVATE_EGRESS allows it on premises)")
            }
        }
        return first
    }

    struct LookupFailed: Error {}

    static func lookUp(_ host: String) throws -> [CheckedAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let list = result else { throw LookupFailed() }
        defer { freeaddrinfo(list) }
        var found: [CheckedAddress] = []
        var node: UnsafeMutablePointer<addrinfo>? = list
        while let current = node {
            let info = current.pointee
            if let socketAddress = info.ai_addr {
                if info.ai_family == AF_INET {
                    var v4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    let bytes = withUnsafeBytes(of: &v4) { Array($0) }
                    found.append(CheckedAddress(ip: text(&v4, family: AF_INET, length: INET_ADDRSTRLEN), bytes: bytes))
                } else if info.ai_family == AF_INET6 {
                    var v6 = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    let bytes = withUnsafeBytes(of: &v6) { Array($0) }
                    found.append(CheckedAddress(ip: text(&v6, family: AF_INET6, length: INET6_ADDRSTRLEN), bytes: bytes))
                }
            }
            node = info.ai_next
        }
        // One entry per address (getaddrinfo repeats them per protocol).
        var seen = Set<[UInt8]>()
        return found.filter { seen.insert($0.bytes).inserted }
    }

    private static func text<T>(_ address: inout T, family: Int32, length: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(length))
        _ = inet_ntop(family, &address, &buffer, socklen_t(length))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
