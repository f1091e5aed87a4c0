import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store
import UseCases

/// `/imports`: upload a CSV file (customers, contacts, contracts, revenue, usage, NPS, tickets) as a dry run or for
/// real, through a plain multipart form that streams the file into the import's chunks; the recent imports; and
/// which headers each kind accepts. `/imports/{id}`: progress (refreshing itself while the job runs — by the
/// `Refresh` header, so without script), then the result or every bad row, and for a clean dry run the button
/// that imports the same file for real.
struct ImportsPage: Sendable {
    let store: Store

    struct Column: Sendable {
        let key: String
        let ja: String
        let required: Bool
    }

    struct KindHelp: Sendable {
        let id: String
        let label: String
        let columns: [Column]
    }

    struct Row: Sendable {
        let href: String
        let filename: String
        let kind: String
        let mode: String
        let state: String
        let stateClass: String
        let when: String
        let rows: String
    }

    struct UploadForm: Sendable {
        let kinds: [FormOption]
        let encodings: [FormOption]
        let dryRun: Bool
        let error: String?
        let kindError: String?
        let fileError: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let form: UploadForm?
        let imports: [Row]
        let empty: Bool
        let help: [KindHelp]
        let next: String?
    }

    // MARK: - The list and the form

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let cursor = request.uri.queryParameters["cursor"].flatMap { UUID(uuidString: String($0)) }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, cursor: cursor, refused: nil)
        }
        return PageResponse.render("customer-imports", model)
    }

    struct Typed: Sendable {
        var kind: String?
        var encoding: String?
        var dryRun: Bool
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, page: String, cursor: UUID?, refused: (Typed, DomainError)?) async throws
        -> Model
    {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let found = try await Imports(tx, caller).list(kind: nil, after: cursor, limit: 20)
        var form: UploadForm?
        if reader.may(.importCustomers) {
            let values = reader.may(.manageCustomers)
            let typed = refused?.0
            let refusal = refused.map { CustomerPageText.Refusal($0.1, t) }
            form = UploadForm(
                kinds: [FormOption(value: "", label: t["cust_import_choose_kind"], selected: typed?.kind == nil)]
                    + ImportKind.allCases.filter { values || !$0.carriesValues }.map {
                        FormOption(value: $0.rawValue, label: t["cust_import_kind_\($0.rawValue)"], selected: typed?.kind == $0.rawValue)
                    },
                encodings: CSVEncoding.allCases.map {
                    FormOption(value: $0.rawValue, label: t["cust_import_encoding_\($0.rawValue)"], selected: (typed?.encoding ?? "auto") == $0.rawValue)
                },
                dryRun: typed?.dryRun ?? true,
                error: refusal?.general(["kind", "file"]), kindError: refusal?.at("kind"), fileError: refusal?.at("file"))
        }
        let help = ImportKind.allCases.map { kind in
            KindHelp(
                id: kind.rawValue, label: t["cust_import_kind_\(kind.rawValue)"],
                columns: kind.columns.map { Column(key: $0.key, ja: $0.ja, required: $0.required) })
        }
        return Model(
            chrome: reader.chrome(title: t["cust_import_title"], current: "/imports", page: page), t: t.strings,
            title: t["cust_import_title"], form: form,
            imports: found.items.map { Self.row($0, t, f) }, empty: found.items.isEmpty, help: help,
            next: found.nextCursor.map { "/imports?cursor=\($0.uuidString.lowercased())" })
    }

    static func row(_ file: ImportFile, _ t: Catalogue, _ f: PageFormat) -> Row {
        Row(
            href: "/imports/\(file.id.uuidString.lowercased())", filename: file.filename, kind: t["cust_import_kind_\(file.kind.rawValue)"],
            mode: t[file.dryRun ? "cust_import_mode_dry" : "cust_import_mode_real"], state: t["cust_import_state_\(file.state.rawValue)"],
            stateClass: file.state.rawValue, when: f.dateTime(file.createdAt),
            rows: file.rowsTotal.map { f.number(Double($0)) } ?? f.number(Double(file.rowsDone)))
    }

    // MARK: - The upload

    /// Reads the form's fields (which come before the file, in the form's order), then hands the file's bytes to the
    /// import as they arrive.
    func upload(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        guard let boundary = MultipartParser.boundary(contentType: request.headers[.contentType]) else {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form must be sent as multipart/form-data")
        }
        var stream = MultipartStream(boundary: boundary, source: request.body.makeAsyncIterator())
        var typed = Typed(kind: nil, encoding: nil, dryRun: false)
        var file: (name: String, started: Bool)?
        do {
            reading: while true {
                switch try await stream.next() {
                case .part(let part):
                    if part.filename != nil, part.name == "file" {
                        file = (part.filename ?? "", true)
                        break reading
                    }
                    let value = try await stream.text(limit: 200)
                    switch part.name {
                    case "kind": typed.kind = value.isEmpty ? nil : value
                    case "encoding": typed.encoding = value
                    case "mode": typed.dryRun = value != "real"
                    default: continue
                    }
                case .end: break reading
                case .data, .partEnd: continue
                }
            }
        } catch is MultipartParser.Malformed {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form could not be read")
        }
        do {
            guard let kindText = typed.kind else { throw DomainError(.missing, "cust_import_error_kind", field: "kind") }
            guard let kind = ImportKind(rawValue: kindText) else { throw DomainError(.invalid, "cust_import_error_kind", field: "kind") }
            let encoding = CSVEncoding(rawValue: typed.encoding ?? "auto") ?? .auto
            guard let file, let filename = CustomerPageText.text(file.name) else {
                throw DomainError(.missing, "cust_import_error_file", field: "file")
            }
            let upload = Imports.Upload(kind: kind, encoding: encoding, dryRun: typed.dryRun, filename: String(filename.suffix(300)))
            // Refused before a byte of the file is stored.
            try Imports.check(context.identity, upload)
            let stored = try await store.tenant(context) { tx, caller in
                try await Imports(tx, caller).upload(upload) { try await stream.data() }
            }
            return .seeOther("/imports/\(stored.id.uuidString.lowercased())")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            // The form comes back only to whoever may import; anyone else gets the 403 page, however it was filled in.
            guard context.identity.reach(.importCustomers).anywhere else {
                throw DomainError(.forbidden, "importing needs the customers.import permission", permission: Permission.importCustomers.rawValue)
            }
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, page: "/imports", cursor: nil, refused: (typed, error))
            }
            return PageResponse.render("customer-imports", model, status: .unprocessableContent)
        } catch is Imports.TooLarge {
            let error = DomainError(.invalid, "cust_import_error_too_large", field: "file")
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, page: "/imports", cursor: nil, refused: (typed, error))
            }
            return PageResponse.render("customer-imports", model, status: .contentTooLarge)
        } catch is MultipartParser.Malformed {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form could not be read")
        }
    }

    // MARK: - One import

    struct BadRow: Sendable {
        let line: String
        let column: String
        let reason: String
    }

    struct Detail: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let factRows: [Fact]
        let running: Bool
        let progress: String?
        let progressValue: Int
        let progressMax: Int
        let state: String
        let stateClass: String
        let succeeded: Bool
        let dryRun: Bool
        let result: String?
        let failure: String?
        let problems: [BadRow]
        let hasProblems: Bool
        let problemNote: String?
        let canImportForReal: Bool
        let id: String
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"), what: "no such import")
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let file = try await Imports(tx, caller).get(id)
            let running = file.state == .queued || file.state == .running || file.state == .uploading
            let names = try await MemberRepository.displayNames(tx)
            var facts = [
                Fact(label: t["cust_import_file"], value: file.filename),
                Fact(label: t["cust_import_kind"], value: t["cust_import_kind_\(file.kind.rawValue)"]),
                Fact(label: t["cust_import_mode"], value: t[file.dryRun ? "cust_import_mode_dry" : "cust_import_mode_real"]),
                Fact(label: t["cust_import_encoding"], value: t["cust_import_encoding_\(file.encoding.rawValue)"]),
                Fact(label: t["cust_import_size"], value: t.format("cust_import_bytes", ["count": f.number(Double(file.sizeBytes))])),
                Fact(label: t["cust_import_uploaded"], value: f.dateTime(file.createdAt) + " · " + (names[file.uploadedBy] ?? "")),
            ]
            if let finished = file.finishedAt { facts.append(Fact(label: t["cust_import_finished"], value: f.dateTime(finished))) }
            let language = t.language
            let result: String? =
                file.state == .succeeded
                ? t.format(
                    file.dryRun ? "cust_import_result_dry" : "cust_import_result",
                    ["rows": f.number(Double(file.rowsTotal ?? file.rowsDone)), "inserted": f.number(Double(file.inserted)),
                     "updated": f.number(Double(file.updated))])
                : nil
            return Detail(
                chrome: reader.chrome(title: t["cust_import_one"], current: "/imports", page: request.uri.description), t: t.strings,
                title: t.format("cust_import_heading", ["file": file.filename]), factRows: facts, running: running,
                progress: running
                    ? t.format(
                        "cust_import_progress",
                        ["done": f.number(Double(file.rowsDone)), "total": file.rowsTotal.map { f.number(Double($0)) } ?? "–"])
                    : nil,
                progressValue: file.rowsDone, progressMax: max(file.rowsTotal ?? 0, file.rowsDone, 1),
                state: t["cust_import_state_\(file.state.rawValue)"], stateClass: file.state.rawValue,
                succeeded: file.state == .succeeded, dryRun: file.dryRun, result: result,
                failure: file.failure.map { DomainMessages.localized($0, language) ?? $0 },
                problems: file.problems.map {
                    BadRow(
                        line: f.number(Double($0.line)), column: $0.column ?? "–",
                        reason: DomainMessages.localized($0.reason, language) ?? $0.reason)
                },
                hasProblems: !file.problems.isEmpty,
                problemNote: file.problemCount > file.problems.count
                    ? t.format("cust_import_problems_capped", ["shown": f.number(Double(file.problems.count)), "count": f.number(Double(file.problemCount))])
                    : (file.problemCount > 0 ? t.format("cust_import_problems_count", ["count": f.number(Double(file.problemCount))]) : nil),
                canImportForReal: file.dryRun && file.state == .succeeded && reader.may(.importCustomers),
                id: file.id.uuidString.lowercased())
        }
        var response = PageResponse.render("customer-import", model)
        // Refreshes itself while the job works — a header rather than a <meta> (which belongs in the shared layout's
        // head), and without script.
        if model.running { response.headers[HTTPField.Name("Refresh")!] = "2" }
        return response
    }

    func importForReal(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"), what: "no such import")
        let file = try await store.tenant(context) { tx, caller in try await Imports(tx, caller).importForReal(id) }
        return .seeOther("/imports/\(file.id.uuidString.lowercased())")
    }
}
