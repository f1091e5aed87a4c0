import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store
import UseCases

/// `/v1/imports`: a CSV file streamed into chunks and processed by a job (dry run or for real), its progress and
/// every bad row; `/v1/exports/{kind}.csv`: the same columns back out, streamed, for Excel.
struct ImportController: RouteCollection {
    let store: Store

    struct ImportDTO: Codable, Sendable {
        struct ProblemDTO: Codable, Sendable { var line: Int; var column: String?; var reason: String }
        var id: UUID
        var kind: ImportKind
        var filename: String
        var encoding: CSVEncoding
        var dryRun: Bool
        var sizeBytes: Int64
        var uploadedBy: UUID
        var state: ImportFile.State
        var rowsTotal: Int?
        var rowsDone: Int
        var inserted: Int
        var updated: Int
        var problems: [ProblemDTO]
        var problemCount: Int
        var failure: String?
        var createdAt: Date
        var startedAt: Date?
        var finishedAt: Date?

        init(_ f: ImportFile) {
            (id, kind, filename, encoding, dryRun, sizeBytes, uploadedBy, state) =
                (f.id, f.kind, f.filename, f.encoding, f.dryRun, f.sizeBytes, f.uploadedBy, f.state)
            (rowsTotal, rowsDone, inserted, updated, problemCount, failure) =
                (f.rowsTotal, f.rowsDone, f.inserted, f.updated, f.problemCount, f.failure)
            problems = f.problems.map { ProblemDTO(line: $0.line, column: $0.column, reason: $0.reason) }
            (createdAt, startedAt, finishedAt) = (f.createdAt, f.startedAt, f.finishedAt)
        }
    }

    static let schema = Schema.of(ImportDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "imports"
        var routes: [Route<AuthenticatedContext>] = [
            Route(.post, "/v1/imports", id: "uploadImport",
                  summary: "Upload a CSV file (the raw body, text/csv, up to 50 MB) to import; a job processes it (202)", tag: tag,
                  parameters: [
                      Schema.query("kind", Schema.enumeration(ImportKind.self), "what the file holds; required"),
                      Schema.query("encoding", Schema.enumeration(CSVEncoding.self), "auto (default), utf8 or cp932"),
                      Schema.query("dry_run", Schema.boolean, "check every row and report, write nothing"),
                      Schema.query("filename", Schema.string, "the file's name, for the list"),
                  ],
                  responses: [202: ("Queued", Self.schema)], problems: [403, 413, 422], handler: upload),
            Route(.get, "/v1/imports", id: "listImports", summary: "My imports (every import of the org for org-wide managers)", tag: tag,
                  parameters: Schema.paging + [Schema.query("kind", Schema.enumeration(ImportKind.self), "this kind's")],
                  responses: [200: ("Imports", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.get, "/v1/imports/{id}", id: "getImport", summary: "An import's state, progress, result and every bad row", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Import", Self.schema)], problems: [404], handler: get),
        ]
        for kind in ImportKind.exportable {
            routes.append(Route(
                .get, "/v1/exports/\(kind.rawValue).csv", id: "export\(kind.rawValue.capitalized)",
                summary: "\(kind.rawValue.capitalized) as CSV for Excel (UTF-8 with BOM; encoding=cp932 for CP932; headers=ja)",
                tag: tag,
                parameters: [
                    Schema.query("encoding", Schema.enumeration(["utf8", "cp932"]), "default utf8 (with BOM)"),
                    Schema.query("headers", Schema.enumeration(["en", "ja"]), "column names; default en"),
                ],
                responses: [200: ("CSV", nil)], problems: kind.carriesValues ? [403, 422] : [422],
                handler: { request, context in try await self.export(kind, request, context) }))
        }
        return routes
    }

    @Sendable func upload(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let rawKind = query["kind"] else { throw Problem.invalidField("kind", "kind is required") }
        guard let kind = ImportKind(rawValue: String(rawKind)) else {
            throw Problem.invalidField("kind", "kind is one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let encodingText = query["encoding"].map { String($0).lowercased().replacingOccurrences(of: "-", with: "") } ?? "auto"
        let encoding = ["shiftjis", "sjis", "windows31j"].contains(encodingText) ? .cp932 : CSVEncoding(rawValue: encodingText)
        guard let encoding else { throw Problem.invalidField("encoding", "encoding is auto, utf8 or cp932") }
        var dryRun = false
        if let raw = query["dry_run"] {
            guard let flag = Bool(String(raw).lowercased()) else { throw Problem.invalidField("dry_run", "dry_run is true or false") }
            dryRun = flag
        }
        let filename = query["filename"].map(String.init) ?? "\(kind.rawValue).csv"
        let upload = Imports.Upload(kind: kind, encoding: encoding, dryRun: dryRun, filename: filename)
        // Refused before a byte of the body is read.
        try Imports.check(context.identity, upload)
        var body = request.body.makeAsyncIterator()
        do {
            let file = try await store.tenant(context) { tx, caller in
                try await Imports(tx, caller).upload(upload) {
                    guard let buffer = try await body.next() else { return nil }
                    return Array(buffer.readableBytesView)
                }
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.location] = "/v1/imports/\(file.id.uuidString.lowercased())"
            let data = try JSONResponse.encoder.encode(ImportDTO(file))
            return Response(status: .accepted, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch let tooLarge as Imports.TooLarge {
            throw Problem(
                status: .contentTooLarge, code: "payload_too_large", detail: "the file is larger than the limit of \(tooLarge.limit) bytes")
        }
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let kind = try request.uri.queryParameters["kind"].map { raw in
            guard let kind = ImportKind(rawValue: String(raw)) else {
                throw Problem.invalidField("kind", "kind is one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
        let page = try await store.tenant(context) { tx, caller in
            try await Imports(tx, caller).list(kind: kind, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(ImportDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "import")
        let file = try await store.tenant(context) { tx, caller in try await Imports(tx, caller).get(id) }
        return try JSONResponse.make(ImportDTO(file))
    }

    func export(_ kind: ImportKind, _ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let encoding = query["encoding"].map { String($0).lowercased().replacingOccurrences(of: "-", with: "") } ?? "utf8"
        guard ["utf8", "cp932", "shiftjis", "sjis"].contains(encoding) else {
            throw Problem.invalidField("encoding", "encoding is utf8 or cp932")
        }
        let headersLanguage = query["headers"].map { String($0).lowercased() } ?? "en"
        guard ["en", "ja"].contains(headersLanguage) else { throw Problem.invalidField("headers", "headers is en or ja") }
        let options = Exports.Options(kind: kind, cp932: encoding != "utf8", japaneseHeaders: headersLanguage == "ja")
        let identity = context.identity
        // Refused before the answer starts: once the body streams, the status is sent.
        try Exports.check(identity, options)
        let store = self.store
        var headers = HTTPFields()
        headers[.contentType] = options.cp932 ? "text/csv; charset=Shift_JIS" : "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(kind.rawValue).csv\""
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let sink = WriterBox(writer)
            try await Exports.stream(store, identity, options) { bytes in try await sink.write(bytes) }
            let finished = sink.writer
            try await finished.finish(nil)
        })
    }
}

/// Holds the response writer so the export's escaping closure can write to it.
private final class WriterBox: @unchecked Sendable {
    // Used by one task only: the response body's writer, handed to the export in order; never shared.
    var writer: any ResponseBodyWriter
    init(_ writer: any ResponseBodyWriter) { self.writer = writer }
    func write(_ bytes: [UInt8]) async throws { try await writer.write(ByteBuffer(bytes: bytes)) }
}
