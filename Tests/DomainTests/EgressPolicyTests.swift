import Domain
import Testing

@Suite struct EgressPolicyTests {
    static func v6(_ groups: [UInt16]) -> [UInt8] { groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] } }

    @Test(arguments: [
        [0, 0, 0, 0], [10, 0, 0, 1], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 0, 1], [100, 64, 0, 1], [100, 127, 255, 255],
        [127, 0, 0, 1], [127, 255, 255, 254], [169, 254, 169, 254], [224, 0, 0, 1], [239, 255, 255, 250], [255, 255, 255, 255],
        [240, 0, 0, 1], [198, 18, 0, 1], [192, 0, 2, 1], [192, 0, 0, 8],
    ] as [[UInt8]])
    func specialIPv4IsRefused(_ address: [UInt8]) {
        #expect(EgressPolicy.strict.refusal(of: address) != nil, "\(address)")
        #expect(EgressPolicy.allowingPrivate.refusal(of: address) == nil)
    }

    @Test(arguments: [[8, 8, 8, 8], [1, 1, 1, 1], [93, 184, 216, 34], [172, 32, 0, 1], [100, 128, 0, 1], [169, 253, 0, 1]] as [[UInt8]])
    func publicIPv4IsAllowed(_ address: [UInt8]) {
        #expect(EgressPolicy.strict.refusal(of: address) == nil, "\(address)")
    }

    @Test func ipv6() {
        let refused: [[UInt16]] = [
            [0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 1], [0xfc00, 0, 0, 0, 0, 0, 0, 1], [0xfd12, 0x3456, 0, 0, 0, 0, 0, 1],
            [0xfe80, 0, 0, 0, 0, 0, 0, 1], [0xff02, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1],
            [0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe], [0x64, 0xff9b, 0, 0, 0, 0, 0x0a00, 1], [0x2002, 0x7f00, 1, 0, 0, 0, 0, 1],
            [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1],
        ]
        for address in refused { #expect(EgressPolicy.strict.refusal(of: Self.v6(address)) != nil, "\(address)") }
        let allowed: [[UInt16]] = [[0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888], [0, 0, 0, 0, 0, 0xffff, 0x0808, 0x0808], [0x2606, 0x4700, 0, 0, 0, 0, 0, 0x1111]]
        for address in allowed { #expect(EgressPolicy.strict.refusal(of: Self.v6(address)) == nil, "\(address)") }
    }
}
