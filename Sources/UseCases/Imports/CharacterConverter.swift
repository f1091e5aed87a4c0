#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts text between encodings with the C library's iconv (glibc on Linux: no extra system library). Imports
/// read CP932 — Windows-31J, which Excel in Japan writes; strict Shift_JIS would refuse ㈱ and ① — and exports write
/// it on request. It converts incrementally: a multi-byte character cut at the end of one chunk is kept and
/// completed by the next, so files are converted a chunk at a time and never held whole.
///
/// Not `Sendable`: it owns an iconv descriptor with shift state, used by one task at a time.
public final class CharacterConverter {
    public struct Failure: Error, Sendable, Equatable {
        /// Bytes of input converted before the bad sequence (from the start of the stream).
        public var offset: Int
        public var encoding: String
    }

    private let descriptor: iconv_t
    private let source: String
    /// Bytes of an incomplete character at the end of the last chunk.
    private var pending: [UInt8] = []
    private var consumed = 0
    /// Whether a character the target cannot hold becomes `?` (exports) rather than a failure (imports).
    private let lossy: Bool

    /// - Parameters: `from`, `to`: iconv names ("CP932", "UTF-8").
    public init(from source: String, to target: String, lossy: Bool = false) throws {
        let handle = iconv_open(target, source)
        guard let handle, Int(bitPattern: handle) != -1 else {
            throw Failure(offset: 0, encoding: source)
        }
        descriptor = handle
        self.source = source
        self.lossy = lossy
    }

    deinit { iconv_close(descriptor) }

    /// CP932 → UTF-8, for imports.
    public static func cp932Decoder() throws -> CharacterConverter { try CharacterConverter(from: "CP932", to: "UTF-8") }
    /// UTF-8 → UTF-8: validates, and keeps a character cut between chunks whole.
    public static func utf8Validator() throws -> CharacterConverter { try CharacterConverter(from: "UTF-8", to: "UTF-8") }
    /// UTF-8 → CP932, for exports; what CP932 cannot hold (emoji) becomes `?`.
    public static func cp932Encoder() throws -> CharacterConverter { try CharacterConverter(from: "UTF-8", to: "CP932", lossy: true) }

    /// Converts `chunk`; with `final`, an incomplete character left at the end is a failure.
    public func convert(_ chunk: some Collection<UInt8>, final: Bool = false) throws -> [UInt8] {
        var input = pending
        input.append(contentsOf: chunk)
        pending = []
        var output = [UInt8](repeating: 0, count: max(64, input.count * 2 + 16))
        var written = 0
        var position = 0
        while position < input.count {
            let (read, produced, status) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress! + position)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuffer.count - position
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + written)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count - written
                    let before = (inLeft, outLeft)
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (before.0 - inLeft, before.1 - outLeft, result == -1 ? errno : 0)
                }
            }
            position += read
            written += produced
            switch status {
            case 0: continue
            case E2BIG: output += [UInt8](repeating: 0, count: output.count)
            case EINVAL:
                // An incomplete character at the end: keep it for the next chunk.
                if final { throw Failure(offset: consumed + position, encoding: source) }
                pending = Array(input[position...])
                position = input.count
            default:
                guard lossy else { throw Failure(offset: consumed + position, encoding: source) }
                let lead = input[position]
                let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                position = min(input.count, position + length)
                if written == output.count { output.append(0) }
                output[written] = UInt8(ascii: "?")
                written += 1
            }
        }
        consumed += input.count - pending.count
        output.removeSubrange(written...)
        return output
    }
}
