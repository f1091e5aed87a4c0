import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Mail
import Scheduler
import Store
import UseCases

/// `/v1/org/mail-relay`: the org's own SMTP relay and sender, used instead of the deployment's. Its credentials go
/// in and never come back out.
struct OrgMailRelayController {
    let store: Store
    /// Where relays may be (`BANSO_ALLOW_PRIVATE_EGRESS`).
    let egress: EgressPolicy
    /// Seals the relay URL (with its password) at rest.
    let secrets: SecretBox

    /// Test messages an org may queue in an hour: each is a connection to the relay, on the shared `mail` queue.
    static let testsPerHour = 5

    struct RelayDTO: Encodable, Sendable {
        var configured: Bool
        var host: String?
        var port: Int?
        var security: String?
        var username: String?
        var fromAddress: String?
        var fromName: String?
        var updatedAt: Date?

        init(_ relay: OrgMailRelayRepository.Relay?, secrets: SecretBox) {
            configured = relay != nil
            guard let relay, let url = try? secrets.open(relay.smtpURL, for: .relayURL),
                  let configuration = try? SMTPConfiguration(url: url)
            else { return }
            (host, port, security) = (configuration.host, configuration.port, configuration.security.rawValue)
            username = configuration.credentials?.username
            (fromAddress, fromName, updatedAt) = (relay.fromAddress, relay.fromName, relay.updatedAt)
        }
    }

    struct SetInput: Decodable, Sendable {
        var smtpUrl: String
        var fromAddress: String?
        var fromName: String?
    }

    static let schema = Schema.object(
        ["configured": Schema.boolean, "host": Schema.string, "port": Schema.integer, "security": Schema.string, "username": Schema.string,
         "from_address": Schema.string, "from_name": Schema.string, "updated_at": Schema.dateTime])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/org/mail-relay", id: "getMailRelay", summary: "The org's own SMTP relay, without its password",
                         tag: "mail", responses: [200: ("Relay", schema)], problems: [403]),
        OpenAPIOperation("PUT", "/v1/org/mail-relay", id: "setMailRelay",
                         summary: "Send the org's mail through its own relay (smtp_url as BANSO_SMTP_URL) and sender", tag: "mail",
                         requestBody: Schema.object(["smtp_url": Schema.string, "from_address": Schema.string, "from_name": Schema.string],
                                                    required: ["smtp_url"]),
                         responses: [200: ("Relay", schema)], problems: [403, 422]),
        OpenAPIOperation("DELETE", "/v1/org/mail-relay", id: "deleteMailRelay", summary: "Back to the deployment's relay", tag: "mail",
                         responses: [204: ("Removed", nil)], problems: [403, 404]),
        OpenAPIOperation("POST", "/v1/org/mail-relay/test", id: "testMailRelay",
                         summary: "Queue a test message to the caller through the relay in use", tag: "mail",
                         responses: [202: ("Queued", Schema.object(["mail_id": Schema.uuid]))], problems: [403, 429]),
    ]

    /// Every active owner hears of a change to the relay, in their inbox (an escalation: never muted or held).
    static func tellOwners(_ tx: TenantTransaction, _ identity: Identity, host: String?) async throws {
        let changer = try await MemberRepository.get(tx, id: identity.memberID)?.displayName ?? ""
        for owner in try await GrantRepository.activeOrgOwnerReaders(tx) {
            try await NotificationRepository.deliver(
                tx, to: owner.member, .mailRelayChanged(host: host, by: changer, locale: owner.locale),
                subjectType: "org", subjectID: identity.orgID)
        }
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/org/mail-relay") { _, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            let relay = try await store.tenant(identity.orgID) { tx in try await OrgMailRelayRepository.get(tx) }
            return try JSONResponse.make(RelayDTO(relay, secrets: secrets))
        }
        router.put("/v1/org/mail-relay") { request, context in
            let identity = try context.requireIdentity()
            // Owners only: every mail of the org, reset links included, would pass through it.
            try identity.require(.manageOrg, in: .org)
            let input = try await request.decodeJSON(as: SetInput.self, context: context)
            let url = input.smtpUrl.trimmingCharacters(in: .whitespaces)
            let configuration: SMTPConfiguration
            do {
                configuration = try MailRelays.tenantConfiguration(url: url, policy: egress)
                _ = try SMTPClient(configuration: configuration)
            } catch {
                throw Problem.invalidField("smtp_url", (error as? SMTPError)?.message ?? "\(error)")
            }
            try await EgressCheck.relay(host: configuration.host, policy: egress)
            let fromName = input.fromName?.trimmingCharacters(in: .whitespaces)
            if let address = input.fromAddress {
                do { _ = try MailAddress(address, displayName: fromName?.isEmpty == false ? fromName : nil) } catch let error as MailMessageError {
                    throw Problem.invalidField(error.field == "display_name" ? "from_name" : "from_address", "not a usable sender (\(error.code))")
                }
            }
            return try await store.tenant(identity.orgID) { tx in
                let relay = try await OrgMailRelayRepository.set(
                    tx, smtpURL: try secrets.seal(url, for: .relayURL), fromAddress: input.fromAddress,
                    fromName: fromName?.isEmpty == false ? fromName : nil, by: identity.memberID)
                let dto = RelayDTO(relay, secrets: secrets)
                try await AuditTrail.record(tx, identity, context: context, action: "mail_relay.set", resource: "org", id: identity.orgID, after: dto)
                try await Self.tellOwners(tx, identity, host: dto.host ?? "?")
                return try JSONResponse.make(dto)
            }
        }
        router.delete("/v1/org/mail-relay") { _, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageOrg, in: .org)
            return try await store.tenant(identity.orgID) { tx in
                guard try await OrgMailRelayRepository.delete(tx) else { throw Problem.notFound("mail relay") }
                try await AuditTrail.record(tx, identity, context: context, action: "mail_relay.delete", resource: "org", id: identity.orgID)
                try await Self.tellOwners(tx, identity, host: nil)
                return JSONResponse.noContent()
            }
        }
        router.post("/v1/org/mail-relay/test") { _, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            return try await store.tenant(identity.orgID) { tx in
                guard let org = try await OrganizationRepository.current(tx),
                    let me = try await MemberRepository.get(tx, id: identity.memberID)
                else { throw Problem.notFound("member") }
                if try await MailOutboxRepository.count(tx, kind: .relayTest, withinSeconds: 3600) >= Self.testsPerHour {
                    throw Problem(
                        status: .tooManyRequests, code: "rate_limited",
                        detail: "at most \(Self.testsPerHour) test messages an hour", headers: [.retryAfter: "3600"])
                }
                let relay = try await OrgMailRelayRepository.get(tx)
                let host = relay.flatMap { try? SMTPConfiguration(url: secrets.open($0.smtpURL, for: .relayURL)).host } ?? "the deployment's relay"
                let id = try await MailOutboxRepository.enqueue(
                    tx, MailTemplates.relayTest(org: org.name, host: host, to: me.email, locale: me.locale ?? org.locale))
                return try JSONResponse.make(["mail_id": id.uuidString.lowercased()], status: .accepted)
            }
        }
    }
}
