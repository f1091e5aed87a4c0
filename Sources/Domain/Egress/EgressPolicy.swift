/// Where connections that a tenant configures (webhooks, an org's SMTP relay) may go (DESIGN §4). By default only
/// to public addresses over TLS-capable ports: never loopback, private, link-local (the cloud metadata address),
/// shared (CGNAT), multicast, reserved or unspecified addresses, nor an IPv4-mapped or NAT64 form of one — a
/// tenant must not turn Banso into a scanner of the network it runs in. An on-premises operator (and the test
/// suite's local receivers) may allow private addresses, `http` and any port with `BANSO_ALLOW_PRIVATE_EGRESS`.
public struct EgressPolicy: Sendable, Equatable {
    public var allowsPrivate: Bool

    public init(allowsPrivate: Bool) { self.allowsPrivate = allowsPrivate }

    /// The default: public addresses only.
    public static let strict = EgressPolicy(allowsPrivate: false)
    /// `BANSO_ALLOW_PRIVATE_EGRESS=true`.
    public static let allowingPrivate = EgressPolicy(allowsPrivate: true)

    /// SMTP ports a tenant's relay may use by default: submission, SMTPS, SMTP and the common alternative.
    public static let smtpPorts: Set<Int> = [25, 465, 587, 2525]

    /// Why the address (4 or 16 bytes, network order) may not be connected to, or nil when it may.
    public func refusal(of address: [UInt8]) -> String? {
        if allowsPrivate { return nil }
        return Self.specialPurpose(address)
    }

    /// The special-purpose range an address falls in (RFC 6890 and successors), or nil for a public address.
    public static func specialPurpose(_ address: [UInt8]) -> String? {
        switch address.count {
        case 4: return v4(address)
        case 16: return v6(address)
        default: return "not an IP address"
        }
    }

    static func v4(_ a: [UInt8]) -> String? {
        func within(_ prefix: [UInt8], _ bits: Int) -> Bool { matches(a, prefix, bits) }
        if within([0, 0, 0, 0], 8) { return "an unspecified or \"this network\" address (0.0.0.0/8)" }
        if within([10, 0, 0, 0], 8) || within([172, 16, 0, 0], 12) || within([192, 168, 0, 0], 16) {
            return "a private address (RFC 1918)"
        }
        if within([100, 64, 0, 0], 10) { return "a shared (CGNAT) address (100.64.0.0/10)" }
        if within([127, 0, 0, 0], 8) { return "a loopback address" }
        if within([169, 254, 0, 0], 16) { return "a link-local address (169.254.0.0/16, where cloud metadata lives)" }
        if within([192, 0, 0, 0], 24) { return "an IETF protocol address (192.0.0.0/24)" }
        if within([192, 0, 2, 0], 24) || within([198, 51, 100, 0], 24) || within([203, 0, 113, 0], 24) {
            return "a documentation address"
        }
        if within([198, 18, 0, 0], 15) { return "a benchmarking address (198.18.0.0/15)" }
        if within([224, 0, 0, 0], 4) { return "a multicast address" }
        if within([240, 0, 0, 0], 4) { return "a reserved or broadcast address" }
        return nil
    }

    static func v6(_ a: [UInt8]) -> String? {
        func within(_ prefix: [UInt8], _ bits: Int) -> Bool { matches(a, prefix, bits) }
        if a.allSatisfy({ $0 == 0 }) { return "the unspecified address (::)" }
        if a[0..<15].allSatisfy({ $0 == 0 }) && a[15] == 1 { return "a loopback address (::1)" }
        // IPv4 inside IPv6: mapped (::ffff:0:0/96), translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96,
        // 64:ff9b:1::/48) and the deprecated compatible form (::/96) are judged by the IPv4 address they carry.
        let embedded = Array(a[12..<16])
        if within([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96) || within([0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0], 96)
            || within([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96) || within([0, 0x64, 0xff, 0x9b, 0, 1], 48)
            || within([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96)
        {
            return v4(embedded).map { "\($0), inside an IPv6 address" }
        }
        if within([0x20, 0x02], 16) { return v4(Array(a[2..<6])).map { "\($0), inside a 6to4 address" } }
        if within([0xfc], 7) { return "a unique-local address (fc00::/7)" }
        if within([0xfe, 0x80], 10) { return "a link-local address (fe80::/10)" }
        if within([0xfe, 0xc0], 10) { return "a site-local address (fec0::/10)" }
        if within([0xff], 8) { return "a multicast address" }
        if within([0x20, 0x01, 0x0d, 0xb8], 32) { return "a documentation address (2001:db8::/32)" }
        if within([0x01, 0, 0, 0, 0, 0, 0, 0], 64) { return "a discard-only address (100::/64)" }
        return nil
    }

    static func matches(_ address: [UInt8], _ prefix: [UInt8], _ bits: Int) -> Bool {
        var remaining = bits
        for (index, byte) in prefix.enumerated() where remaining > 0 {
            let take = min(8, remaining)
            let mask: UInt8 = take == 8 ? 0xff : ~(0xff >> UInt8(take))
            if address[index] & mask != byte & mask { return false }
            remaining -= take
        }
        return true
    }
}
