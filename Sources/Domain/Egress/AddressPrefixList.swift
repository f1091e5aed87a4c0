import Foundation

extension AddressPrefix {
    /// An entry of a list that is not an address or CIDR block.
    public struct ListError: Error, Sendable { public var entry: String }

    /// Reads `10.0.0.0/8, 192.168.1.1, ::1/128` (a bare address is its own /32 or /128).
    public static func list(_ text: String) -> Result<[AddressPrefix], ListError> {
        var prefixes: [AddressPrefix] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = IPAddressText.bytes(parts[0]) else { return .failure(ListError(entry: entry)) }
            let bits = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let bits, let prefix = AddressPrefix(bytes: bytes, bits: bits) else { return .failure(ListError(entry: entry)) }
            prefixes.append(prefix)
        }
        return .success(prefixes)
    }
}
