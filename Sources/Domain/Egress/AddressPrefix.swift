/// A block of IP addresses written as CIDR (`10.0.0.0/8`, `2001:db8::/32`, or one address): which proxies the
/// operator trusts to say who the client is.
public struct AddressPrefix: Sendable, Equatable {
    public var bytes: [UInt8]
    public var bits: Int

    public init?(bytes: [UInt8], bits: Int) {
        guard bytes.count == 4 || bytes.count == 16, (0...bytes.count * 8).contains(bits) else { return nil }
        self.bytes = bytes
        self.bits = bits
    }

    public func contains(_ address: [UInt8]) -> Bool {
        address.count == bytes.count && EgressPolicy.matches(address, bytes, bits)
    }
}
