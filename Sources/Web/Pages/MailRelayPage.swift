import API
import Credentials
import Domain
import Foundation
import Hummingbird
import Mail
import Scheduler
import Store
import UseCases

/// `/admin/mail-relay`: the org's own SMTP relay — host, port, TLS mode, user, whether a password is set (never
/// the password), the sender — for its operators to see, its owners to change (every mail of the org would pass
/// through it), and a test message to the reader through the relay in use. The host passes the API's egress check.
struct MailRelayPage: Sendable {
    let store: Store
    let egress: EgressPolicy
    let secrets: SecretBox

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let configured: Bool
        let facts: [Fact]
        let canChange: Bool
        let host: String
        let port: String
        let securities: [FormOption]
        let username: String
        let passwordState: String
        let fromAddress: String
        let fromName: String
        let hostError: String?
        let portError: String?
        let fromError: String?
        let error: String?
        let notice: String?
        let tests: [Test]
    }

    struct Test: Sendable {
        let time: String
        let to: String
        let state: String
        let stateClass: String
        let error: String?
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Fields: Decodable {
        var host: String?
        var port: String?
        var security: String?
        var username: String?
        var password: String?
        var fromAddress: String?
        var fromName: String?

        enum CodingKeys: String, CodingKey {
            case host, port, security, username, password
            case fromAddress = "from_address"
            case fromName = "from_name"
        }
    }

    static let notices = [
        "saved": "ops_mr_notice_saved", "removed": "ops_mr_notice_removed", "tested": "ops_mr_notice_tested",
        "limited": "ops_mr_notice_limited",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, typed: nil, refusal: nil, notice: notice)
        }
        return PageResponse.render("ops-mail-relay", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the host is looked at, as the API does: no verdict on it, no DNS look-up.
        try UseCases.MailRelays.requireChange(context.identity)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            guard let host = OperationsPages.text(form.host) else { throw DomainError(.missing, "host", field: "host") }
            guard let port = form.port.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (1...65535).contains(port) else {
                throw DomainError(.invalid, "port", field: "port")
            }
            let security = SMTPConfiguration.Security(rawValue: form.security ?? "") ?? .startTLS
            let username = OperationsPages.text(form.username)
            var password = form.password ?? ""
            // A blank password keeps the one set, for the same user: the page never has it to send back.
            if password.isEmpty, username != nil {
                let current = try await store.tenant(context) { tx, caller in try await UseCases.MailRelays(tx, caller).current() }
                if let sealed = current?.smtpURL, let open = try? secrets.open(sealed, for: .relayURL),
                    let credentials = try? SMTPConfiguration(url: open).credentials, credentials.username == username
                {
                    password = credentials.password
                }
            }
            var components = URLComponents()
            components.scheme = "smtp"
            components.host = host
            components.port = port
            if let username {
                components.user = username
                components.password = password
            }
            components.queryItems = [URLQueryItem(name: "security", value: security.rawValue)]
            guard let url = components.string else { throw DomainError(.invalid, "host", field: "host") }
            let configuration: SMTPConfiguration
            do {
                configuration = try Scheduler.MailRelays.tenantConfiguration(url: url, policy: egress)
                _ = try SMTPClient(configuration: configuration)
            } catch {
                throw Problem(
                    status: .unprocessableContent, code: "invalid", detail: error.message,
                    fields: [.init(field: "smtp", code: "invalid", message: error.message)])
            }
            let fromName = OperationsPages.text(form.fromName)
            let fromAddress = OperationsPages.text(form.fromAddress)
            if let fromAddress {
                do { _ = try MailAddress(fromAddress, displayName: fromName) } catch {
                    throw DomainError(.invalid, "from", field: "from_address")
                }
            }
            do {
                _ = try await EgressResolver.resolve(host: configuration.host, policy: egress)
            } catch {
                throw RefusedEgress(field: "host", refused: error)
            }
            let setting = UseCases.MailRelays.Setting(
                sealedURL: try secrets.seal(url, for: .relayURL), host: configuration.host, fromAddress: fromAddress, fromName: fromName)
            try await store.tenant(context) { tx, caller in
                _ = try await UseCases.MailRelays(tx, caller).set(setting) { relay in
                    Shown(host: configuration.host, port: configuration.port, security: configuration.security.rawValue,
                          username: configuration.credentials?.username, fromAddress: relay.fromAddress, fromName: relay.fromName)
                }
            }
            return .seeOther("/admin/mail-relay?done=saved")
        } catch {
            let model = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                guard let refusal = OperationsPages.refusal(error, reader.t) else { throw error }
                return try await load(tx, caller, page: "/admin/mail-relay", typed: form, refusal: refusal, notice: nil)
            }
            return PageResponse.render("ops-mail-relay", model, status: .unprocessableContent)
        }
    }

    /// What the audit entry records: the relay without its password.
    struct Shown: Encodable {
        let host: String
        let port: Int
        let security: String
        let username: String?
        let fromAddress: String?
        let fromName: String?
    }

    func remove(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try UseCases.MailRelays.requireChange(context.identity)
        try await store.tenant(context) { tx, caller in try await UseCases.MailRelays(tx, caller).remove() }
        return .seeOther("/admin/mail-relay?done=removed")
    }

    func test(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let secrets = self.secrets
        do {
            _ = try await store.tenant(context) { tx, caller in
                try await UseCases.MailRelays(tx, caller).queueTest { relay in
                    try? SMTPConfiguration(url: secrets.open(relay.smtpURL, for: .relayURL)).host
                }
            }
            return .seeOther("/admin/mail-relay?done=tested")
        } catch is UseCases.MailRelays.TestLimitReached {
            return .seeOther("/admin/mail-relay?done=limited")
        }
    }

    static func securityKey(_ security: SMTPConfiguration.Security) -> String {
        "ops_mr_security_" + security.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, typed: Fields?, refusal: (field: String, message: String)?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let relay = try await UseCases.MailRelays(tx, caller).current()
        let configuration = relay.flatMap { try? SMTPConfiguration(url: secrets.open($0.smtpURL, for: .relayURL)) }
        let hasPassword = !(configuration?.credentials?.password ?? "").isEmpty
        var facts: [Fact] = []
        if let relay, let c = configuration {
            facts = [
                Fact(label: t["ops_mr_host"], value: c.host), Fact(label: t["ops_mr_port"], value: String(c.port)),
                Fact(label: t["ops_mr_security"], value: t[Self.securityKey(c.security)]),
                Fact(label: t["ops_mr_username"], value: c.credentials?.username ?? t["ops_mr_none"]),
                Fact(label: t["ops_mr_password"], value: t[hasPassword ? "ops_mr_password_set" : "ops_mr_password_not_set"]),
                Fact(label: t["ops_mr_from_address"], value: relay.fromAddress ?? t["ops_mr_none"]),
                Fact(label: t["ops_mr_from_name"], value: relay.fromName ?? t["ops_mr_none"]),
                Fact(label: t["ops_mr_updated"], value: reader.format.dateTime(relay.updatedAt)),
            ]
        }
        let security = typed?.security ?? configuration?.security.rawValue ?? "starttls"
        let messageFor = { (field: String) -> String? in refusal.flatMap { $0.field == field ? $0.message : nil } }
        let relayError = refusal.flatMap { $0.field == "smtp" ? t.format("ops_err_relay", ["reason": $0.message]) : nil }
        return Model(
            chrome: reader.chrome(title: t["ops_mr_title"], current: "/admin", page: page), t: t.strings,
            configured: relay != nil, facts: facts, canChange: reader.may(.manageOrg),
            host: typed?.host ?? configuration?.host ?? "", port: typed?.port ?? configuration.map { String($0.port) } ?? "587",
            securities: SMTPConfiguration.Security.allCases.map {
                FormOption(value: $0.rawValue, label: t[Self.securityKey($0)], selected: $0.rawValue == security)
            },
            username: typed?.username ?? configuration?.credentials?.username ?? "",
            passwordState: t[hasPassword ? "ops_mr_password_keep" : "ops_mr_password_not_set"],
            fromAddress: typed?.fromAddress ?? relay?.fromAddress ?? "", fromName: typed?.fromName ?? relay?.fromName ?? "",
            hostError: messageFor("host") ?? relayError, portError: messageFor("port"), fromError: messageFor("from_address"),
            error: refusal.flatMap { ["host", "port", "from_address", "smtp"].contains($0.field) ? nil : $0.message },
            notice: notice.map { t[$0] },
            tests: try await UseCases.MailRelays(tx, caller).recentTests().map { m in
                Test(
                    time: reader.format.dateTime(m.sentAt ?? m.createdAt), to: m.toAddress, state: t["ops_mr_test_\(m.state.rawValue)"],
                    stateClass: m.state == .sent ? "ok" : m.state == .queued ? "queued" : "failed", error: m.lastError)
            })
    }
}
