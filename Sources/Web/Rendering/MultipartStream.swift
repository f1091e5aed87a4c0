import Foundation
import NIOCore

/// A `multipart/form-data` body read as it arrives (RFC 7578): the parts' headers, then each part's bytes in pieces
/// — never the whole body in memory, so a 50 MB upload streams through to where it is stored. The scanner keeps
/// back only the few bytes that might be the start of a boundary split across two buffers.
struct MultipartParser: Sendable {
    /// A part's `Content-Disposition`: its field name and, for a file, the file's name.
    struct Part: Sendable, Equatable {
        let name: String
        let filename: String?
    }

    enum Event: Sendable, Equatable {
        case part(Part)
        case data([UInt8])
        case partEnd
        case end
    }

    struct Malformed: Error, Sendable, Equatable {
        let reason: String
    }

    private enum State { case preamble, headers, body, afterBoundary, done }

    /// `\r\n--boundary`: the body is read as if it began with a line break, so the first boundary looks like the rest.
    private let delimiter: [UInt8]
    private var buffer: [UInt8] = [13, 10]
    private var state = State.preamble
    private var finished = false
    static let maxHeaderBytes = 8 << 10

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` header; nil for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.count) else { return nil }
            return value
        }
        return nil
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

    /// No more input: whatever is left must complete the body.
    mutating func finish() { finished = true }

    /// The next event, or nil when more input is needed. Throws when the body cannot be multipart.
    mutating func next() throws -> Event? {
        switch state {
        case .done:
            return .end
        case .preamble:
            guard let at = Self.find(delimiter, in: buffer) else {
                // Keep only what might begin the boundary.
                if buffer.count > delimiter.count { buffer.removeFirst(buffer.count - delimiter.count) }
                if finished { throw Malformed(reason: "no boundary") }
                return nil
            }
            buffer.removeFirst(at + delimiter.count)
            state = .afterBoundary
            return try next()
        case .afterBoundary:
            guard buffer.count >= 2 else {
                if finished { throw Malformed(reason: "cut after a boundary") }
                return nil
            }
            if buffer[0] == 45, buffer[1] == 45 {  // "--": the closing boundary
                state = .done
                buffer.removeAll()
                return .end
            }
            // Transport padding (spaces, tabs) may follow a boundary before its line break.
            var skip = 0
            while skip < buffer.count, buffer[skip] == 32 || buffer[skip] == 9 { skip += 1 }
            guard buffer.count >= skip + 2 else {
                if finished { throw Malformed(reason: "cut after a boundary") }
                return nil
            }
            guard buffer[skip] == 13, buffer[skip + 1] == 10 else { throw Malformed(reason: "no line break after a boundary") }
            buffer.removeFirst(skip + 2)
            state = .headers
            return try next()
        case .headers:
            guard let end = Self.find([13, 10, 13, 10], in: buffer) else {
                if buffer.count > Self.maxHeaderBytes { throw Malformed(reason: "a part's headers are too long") }
                if finished { throw Malformed(reason: "cut in a part's headers") }
                return nil
            }
            // A NUL is no part of a header (nor can a field name or file name carry one into PostgreSQL text).
            if buffer[..<end].contains(0) { throw Malformed(reason: "a part's headers carry a NUL") }
            let text = String(decoding: buffer[..<end], as: UTF8.self)
            buffer.removeFirst(end + 4)
            state = .body
            return .part(try Self.part(headers: text))
        case .body:
            if let at = Self.find(delimiter, in: buffer) {
                let data = Array(buffer[..<at])
                buffer.removeFirst(at + delimiter.count)
                state = .afterBoundary
                // The part's last bytes, then (on the next call) its end.
                if data.isEmpty { return .partEnd }
                pendingEnd = true
                return .data(data)
            }
            // Everything but a tail that could be the start of the delimiter is the part's.
            let safe = buffer.count - (delimiter.count - 1)
            if safe > 0 {
                let data = Array(buffer[..<safe])
                buffer.removeFirst(safe)
                return .data(data)
            }
            if finished { throw Malformed(reason: "cut inside a part") }
            return nil
        }
    }

    /// Set when a part's last data was returned and its end is still to be said.
    private var pendingEnd = false

    /// Wraps `next()` so a part's end follows its last data even though the state has moved past the boundary.
    mutating func nextEvent() throws -> Event? {
        if pendingEnd {
            pendingEnd = false
            return .partEnd
        }
        return try next()
    }

    static func part(headers: String) throws -> Part {
        for line in headers.components(separatedBy: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var name: String?, filename: String?
            for parameter in Self.parameters(String(pieces[1])) {
                switch parameter.key.lowercased() {
                case "name": name = parameter.value
                case "filename": filename = parameter.value
                default: continue
                }
            }
            guard let name else { throw Malformed(reason: "a part without a name") }
            return Part(name: name, filename: filename)
        }
        throw Malformed(reason: "a part without Content-Disposition")
    }

    /// `form-data; name="file"; filename="a b.csv"`: the quoted values, with `\"` read as a quote.
    static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var rest = Substring(text)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { value.append(c) }
                }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result.append((key, value))
        }
        return result
    }

    /// The first index of `needle` in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}

/// The parser over an async source of buffers (a request's body): pulls more input only when the parser needs it.
struct MultipartStream<Source: AsyncIteratorProtocol> where Source.Element == ByteBuffer {
    private var parser: MultipartParser
    private var source: Source
    private var drained = false

    init(boundary: String, source: Source) {
        parser = MultipartParser(boundary: boundary)
        self.source = source
    }

    /// The next event; `.end` once the closing boundary has been read.
    mutating func next() async throws -> MultipartParser.Event {
        while true {
            if let event = try parser.nextEvent() { return event }
            if drained { throw MultipartParser.Malformed(reason: "the body ended early") }
            if let piece = try await source.next() {
                parser.feed(piece.readableBytesView)
            } else {
                drained = true
                parser.finish()
            }
        }
    }

    /// The current part's next piece of data, nil at its end.
    mutating func data() async throws -> [UInt8]? {
        switch try await next() {
        case .data(let bytes): return bytes
        case .partEnd, .end: return nil
        case .part: throw MultipartParser.Malformed(reason: "a part began inside another")
        }
    }

    /// The current part's data as text, refused when longer than `limit` bytes (a form field, not a file).
    mutating func text(limit: Int) async throws -> String {
        var bytes: [UInt8] = []
        while let piece = try await data() {
            bytes.append(contentsOf: piece)
            if bytes.count > limit { throw MultipartParser.Malformed(reason: "a field is too long") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
