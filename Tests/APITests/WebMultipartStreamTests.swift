import Foundation
import NIOCore
import Testing
@testable import Web

/// The multipart scanner the import page streams uploads through: a boundary split across buffers, fields before
/// the file, quoted parameters, and bodies that are not multipart.
@Suite struct WebMultipartStreamTests {
    struct Pieces: AsyncIteratorProtocol {
        var buffers: [ByteBuffer]
        mutating func next() async throws -> ByteBuffer? { buffers.isEmpty ? nil : buffers.removeFirst() }
    }

    static let boundary = "----BansoBoundary7MA4YWxk"

    static func body(file: [UInt8]) -> [UInt8] {
        var bytes = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncustomers\r\n".utf8)
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"顧客 \\\"一覧\\\".csv\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        bytes += file
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return bytes
    }

    /// Every event, with the file's data joined, reading the body in pieces of `size` bytes.
    static func read(_ body: [UInt8], pieceSize size: Int) async throws -> (fields: [String: String], filename: String?, file: [UInt8]) {
        var buffers: [ByteBuffer] = []
        var index = 0
        while index < body.count {
            buffers.append(ByteBuffer(bytes: body[index..<min(body.count, index + size)]))
            index += size
        }
        var stream = MultipartStream(boundary: boundary, source: Pieces(buffers: buffers))
        var fields: [String: String] = [:], filename: String?, file: [UInt8] = []
        loop: while true {
            switch try await stream.next() {
            case .part(let part):
                if let name = part.filename {
                    filename = name
                    while let piece = try await stream.data() { file += piece }
                } else {
                    fields[part.name] = try await stream.text(limit: 100)
                }
            case .end: break loop
            case .data, .partEnd: continue
            }
        }
        return (fields, filename, file)
    }

    @Test func aBoundarySplitAcrossBuffersIsFoundAtEverySplit() async throws {
        // The file holds a line break and a dash run that look like the start of a boundary but are not one.
        let file = Array("external_id,name\r\nC-1,㈱みらい①\r\n--\(Self.boundary.dropLast(3))\r\nC-2,北星\r\n".utf8)
        let body = Self.body(file: file)
        for size in [1, 2, 3, 7, 13, 40, 41, 64, 1000, body.count] {
            let read = try await Self.read(body, pieceSize: size)
            #expect(read.fields == ["kind": "customers"], "piece size \(size)")
            #expect(read.filename == "顧客 \"一覧\".csv", "piece size \(size)")
            #expect(read.file == file, "piece size \(size)")
        }
    }

    @Test func anEmptyFileAndTheBoundaryHeader() async throws {
        let read = try await Self.read(Self.body(file: []), pieceSize: 5)
        #expect(read.file.isEmpty)
        #expect(MultipartParser.boundary(contentType: "multipart/form-data; boundary=\"abc\"") == "abc")
        #expect(MultipartParser.boundary(contentType: "multipart/form-data; charset=utf-8; boundary=xyz") == "xyz")
        #expect(MultipartParser.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartParser.boundary(contentType: nil) == nil)
    }

    @Test func aBodyCutShortOrWithoutBoundaryIsMalformed() async throws {
        let body = Self.body(file: Array("a,b\r\n".utf8))
        await #expect(throws: MultipartParser.Malformed.self) { _ = try await Self.read(Array(body.dropLast(10)), pieceSize: 4) }
        await #expect(throws: MultipartParser.Malformed.self) { _ = try await Self.read(Array("just text".utf8), pieceSize: 4) }
    }
}
