import API
import Credentials
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import UseCases
import Web

/// The import page: a CP932 file through the plain multipart form imports; a dry run lists every bad row; a clean
/// dry run is imported for real without choosing the file again; a viewer has no form and is refused.
@Suite struct WebImportPageTests {
    static let password = "correct horse battery"
    static let boundary = "----BansoTestBoundary"

    static func multipart(kind: String, mode: String, filename: String, file: [UInt8]) -> ByteBuffer {
        var bytes: [UInt8] = []
        for (name, value) in [("kind", kind), ("encoding", "auto"), ("mode", mode)] {
            bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        bytes += file
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: bytes)
    }

    static func upload(_ client: some TestClientProtocol, cookie: String?, body: ByteBuffer) async throws -> PageAnswer {
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
        if let cookie { headers[.cookie] = "banso_session=\(cookie); __Host-banso_session=\(cookie)" }
        return try await client.execute(uri: "/imports", method: .post, headers: headers, body: body) {
            PageAnswer(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
    }

    @Test func uploadDryRunAndImportForReal() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let viewer = try await a.addMember(store, email: "viewer2@alpha.example", role: .viewer, scope: .company(a.smb), team: nil)
            try await store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: viewer.id, hash: hash) }
            let owner = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session

            let form = try await client.page(.get, "/imports", cookie: owner)
            #expect(form.status == .ok)
            #expect(form.html.contains("enctype=\"multipart/form-data\""))
            #expect(form.html.contains("顧客外部ID"))

            // A dry run with a bad row: every problem listed with its line and column; nothing written.
            let bad = ImportJobs.utf8("external_id,name,company,phase\nK-1,東邦,SMB,onboarding\nK-2,西邦,SMB,sleeping\n")
            let dry = try await Self.upload(client, cookie: owner, body: Self.multipart(kind: "customers", mode: "dry", filename: "bad.csv", file: bad))
            #expect(dry.status == .seeOther)
            let dryPath = try #require(dry.headers[.location])
            let queued = try await client.page(.get, dryPath, cookie: owner)
            #expect(queued.headers[HTTPField.Name("Refresh")!] == "2")
            try await ImportJobs.run(services)
            let report = try await client.page(.get, dryPath, cookie: owner)
            #expect(report.headers[HTTPField.Name("Refresh")!] == nil)
            #expect(report.html.contains("問題のある行"))
            #expect(report.html.contains("<td class=\"num\">3</td><td><code>phase</code></td>"))
            #expect(!report.html.contains("action=\"\(dryPath)/import\""))

            // A CP932 file with ㈱ and ①, dry run, then imported for real from the stored file.
            let good = try ImportJobs.cp932("外部ID,顧客名,フリガナ,会社\nK-1,㈱東邦①,トウホウ,SMB\n")
            let clean = try await Self.upload(client, cookie: owner, body: Self.multipart(kind: "customers", mode: "dry", filename: "良い.csv", file: good))
            let cleanPath = try #require(clean.headers[.location])
            try await ImportJobs.run(services)
            let cleanReport = try await client.page(.get, cleanPath, cookie: owner)
            #expect(cleanReport.html.contains("問題はありませんでした"))
            #expect(cleanReport.html.contains("action=\"\(cleanPath)/import\""))
            let real = try await client.page(.post, "\(cleanPath)/import", cookie: owner)
            #expect(real.status == .seeOther)
            let realPath = try #require(real.headers[.location])
            try await ImportJobs.run(services)
            let result = try await client.page(.get, realPath, cookie: owner)
            #expect(result.html.contains("1 行をインポートしました（新規 1 件、更新 0 件）"))
            #expect(try await client.page(.get, "/customers", cookie: owner).html.contains("㈱東邦①"))
            #expect(try await client.page(.post, "\(realPath)/import", cookie: owner).status == .conflict)

            // No kind and no file: the form again, the errors beside their fields.
            let noKind = try await Self.upload(client, cookie: owner, body: Self.multipart(kind: "", mode: "dry", filename: "", file: []))
            #expect(noKind.status == .unprocessableContent)
            #expect(noKind.html.contains("id=\"import-kind-error\""))
            let noFile = try await Self.upload(client, cookie: owner, body: Self.multipart(kind: "customers", mode: "dry", filename: "", file: []))
            #expect(noFile.status == .unprocessableContent)
            #expect(noFile.html.contains("id=\"import-file-error\""))
            var notMultipart = try await client.page(.post, "/imports", cookie: owner, form: "kind=customers")
            #expect(notMultipart.status == .unprocessableContent)

            // A viewer: no form, the upload refused; another org: the 404 page.
            let viewerSession = try await client.signIn(a.slug, "viewer2@alpha.example", Self.password).session
            notMultipart = try await client.page(.get, "/imports", cookie: viewerSession)
            #expect(!notMultipart.html.contains("enctype=\"multipart/form-data\""))
            let refused = try await Self.upload(client, cookie: viewerSession, body: Self.multipart(kind: "customers", mode: "dry", filename: "a.csv", file: good))
            #expect(refused.status == .forbidden)
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, realPath, cookie: other).status == .notFound)

            _ = try await client.page(.post, "/me/locale", cookie: owner, form: "locale=en&back=%2F")
            #expect(try await client.page(.get, realPath, cookie: owner).html.contains("Imported 1 rows"))
            #expect(try await client.page(.get, "/imports", cookie: owner).html.contains("Accepted columns"))
        }
    }
}
