/// The character encoding of an uploaded CSV file: UTF-8 (with or without a BOM) or CP932 (Windows-31J, what
/// Excel in Japan writes). `auto` reads UTF-8 when the file starts with a BOM or its first bytes are valid UTF-8,
/// CP932 otherwise.
public enum CSVEncoding: String, Sendable, Codable, CaseIterable {
    case auto, utf8, cp932

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// What `auto` means for a file that begins with `prefix` (its first chunk): UTF-8 with a BOM, UTF-8 when the
    /// bytes are valid UTF-8 (a character cut at the end of the prefix does not count against it), else CP932.
    public static func detect(_ prefix: some Collection<UInt8>) -> CSVEncoding {
        if prefix.starts(with: bom) { return .utf8 }
        return isUTF8(Array(prefix), allowingCutEnd: true) ? .utf8 : .cp932
    }

    /// Whether `bytes` are valid UTF-8; with `allowingCutEnd`, a sequence cut short at the end is accepted.
    public static func isUTF8(_ bytes: [UInt8], allowingCutEnd: Bool) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            if i + length > bytes.count {
                guard allowingCutEnd else { return false }
                return bytes[(i + 1)...].allSatisfy { $0 & 0xC0 == 0x80 }
            }
            for j in 1..<length where bytes[i + j] & 0xC0 != 0x80 { return false }
            if length == 3 {
                if b == 0xE0, bytes[i + 1] < 0xA0 { return false }
                if b == 0xED, bytes[i + 1] > 0x9F { return false }
            }
            if length == 4 {
                if b == 0xF0, bytes[i + 1] < 0x90 { return false }
                if b == 0xF4, bytes[i + 1] > 0x8F { return false }
            }
            i += length
        }
        return true
    }
}
