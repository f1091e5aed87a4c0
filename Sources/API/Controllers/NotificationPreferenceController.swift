import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/me/notification-preferences` (each member's own: muted kinds, quiet hours, digest, e-mail) and
/// `/v1/org/notification-settings` (the org's weekly cap on nudges per member).
struct NotificationPreferenceController: RouteCollection {
    let store: Store

    struct QuietHoursDTO: Codable, Sendable {
        var start: String
        var end: String
    }

    struct PreferencesDTO: Codable, Sendable {
        var mutedKinds: [String]
        var quietHours: QuietHoursDTO?
        var digest: Bool
        var digestAt: String
        var email: Bool
        /// The zone quiet hours and the digest time are read in (the member's, else the org's).
        var timeZone: String
        /// What the member may mute (escalations may not be muted).
        var mutableKinds: [String]
        var weeklyNudgeCap: Int?

        init(_ reader: NotificationPreferenceRepository.Reader) {
            let p = reader.preferences
            mutedKinds = p.mutedKinds.map(\.rawValue).sorted()
            quietHours = p.quietHours.map { QuietHoursDTO(start: $0.start.description, end: $0.end.description) }
            (digest, digestAt, email) = (p.digest, p.digestAt.description, p.email)
            timeZone = reader.zone.identifier
            mutableKinds = NotificationSettings.mutableKinds.map(\.rawValue)
            weeklyNudgeCap = reader.weeklyCap
        }
    }

    struct UpdateInput: RequestBody, Sendable {
        var mutedKinds: [String]?
        var quietHours: PatchField<QuietHoursDTO>
        var digest: Bool?
        var digestAt: String?
        var email: Bool?

        enum CodingKeys: String, CodingKey {
            case mutedKinds, quietHours, digest, digestAt, email
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            mutedKinds = try c.decodeIfPresent([String].self, forKey: .mutedKinds)
            quietHours = try c.patch(.quietHours)
            digest = try c.decodeIfPresent(Bool.self, forKey: .digest)
            digestAt = try c.decodeIfPresent(String.self, forKey: .digestAt)
            email = try c.decodeIfPresent(Bool.self, forKey: .email)
        }

        static let schema = Schema.object(
            ["muted_kinds": Schema.array(Schema.string), "quiet_hours": Schema.nullable(NotificationPreferenceController.quietSchema), "digest": Schema.boolean,
             "digest_at": Schema.string, "email": Schema.boolean])
    }

    struct OrgSettingsDTO: Codable, Sendable {
        var weeklyNudgeCap: Int?
    }

    struct OrgSettingsInput: RequestBody, Sendable {
        var weeklyNudgeCap: PatchField<Int>

        enum CodingKeys: String, CodingKey { case weeklyNudgeCap }

        init(from decoder: any Decoder) throws {
            weeklyNudgeCap = try decoder.container(keyedBy: CodingKeys.self).patch(.weeklyNudgeCap)
        }

        static let schema = NotificationPreferenceController.orgSchema
    }

    static let quietSchema = Schema.of(QuietHoursDTO.self)
    static let schema = Schema.of(PreferencesDTO.self)
    static let orgSchema = Schema.of(OrgSettingsDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "notifications"
        return [
            Route(.get, "/v1/me/notification-preferences", id: "getNotificationPreferences",
                  summary: "The caller's notification preferences", tag: tag, responses: [200: ("Preferences", Self.schema)],
                  handler: get),
            Route(.patch, "/v1/me/notification-preferences", id: "updateNotificationPreferences",
                  summary: "Mute kinds, set quiet hours, switch to a daily digest, turn e-mail on or off", tag: tag,
                  body: UpdateInput.self, responses: [200: ("Preferences", Self.schema)], problems: [422], handler: update),
            Route(.get, "/v1/org/notification-settings", id: "getNotificationSettings",
                  summary: "The org's weekly cap on nudges per member", tag: tag, responses: [200: ("Settings", Self.orgSchema)],
                  handler: getOrgSettings),
            Route(.patch, "/v1/org/notification-settings", id: "updateNotificationSettings",
                  summary: "Set or lift the weekly cap on nudges per member", tag: tag, scope: .admin, body: OrgSettingsInput.self,
                  responses: [200: ("Settings", Self.orgSchema)], problems: [403, 422], handler: updateOrgSettings),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let reader = try await store.tenant(context) { tx, caller in try await NotificationSettings(tx, caller).preferences() }
        return try JSONResponse.make(PreferencesDTO(reader))
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let reader = try await store.tenant(context) { tx, caller in
            try await NotificationSettings(tx, caller).update { try Self.apply(input, to: $0) }
        }
        return try JSONResponse.make(PreferencesDTO(reader))
    }

    @Sendable func getOrgSettings(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let cap = try await store.tenant(context) { tx, caller in try await NotificationSettings(tx, caller).weeklyCap() }
        return try JSONResponse.make(OrgSettingsDTO(weeklyNudgeCap: cap))
    }

    @Sendable func updateOrgSettings(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the body is read, so a caller without the right hears 403 whatever they sent.
        try NotificationSettings.requireManageOrg(context.identity)
        let input = try await request.decodeJSON(as: OrgSettingsInput.self, context: context)
        let cap = try await store.tenant(context) { tx, caller in
            try await NotificationSettings(tx, caller).setWeeklyCap { current in
                let cap = input.weeklyNudgeCap.applied(to: current)
                if let cap, !(1...1000).contains(cap) {
                    throw Problem.invalidField("weekly_nudge_cap", "the weekly cap must be between 1 and 1000 nudges, or null for none")
                }
                return cap
            }
        }
        return try JSONResponse.make(OrgSettingsDTO(weeklyNudgeCap: cap))
    }

    /// The preferences after a PATCH, or the first field that is wrong.
    static func apply(_ input: UpdateInput, to current: NotificationPreferences) throws -> NotificationPreferences {
        var p = current
        if let names = input.mutedKinds {
            var kinds: Set<NotificationMessage.Kind> = []
            for name in names {
                guard let kind = NotificationMessage.Kind(rawValue: name) else {
                    throw Problem.invalidField("muted_kinds", "'\(name)' is not a notification kind")
                }
                guard NotificationSettings.mutableKinds.contains(kind) else {
                    throw Problem(
                        status: .unprocessableContent, code: "not_mutable",
                        detail: "'\(name)' is an escalation and cannot be muted: it is how a missed step reaches someone",
                        fields: [Problem.FieldError(field: "muted_kinds", code: "not_mutable", message: "'\(name)' cannot be muted")])
                }
                kinds.insert(kind)
            }
            p.mutedKinds = kinds
        }
        switch input.quietHours {
        case .absent: break
        case .null: p.quietHours = nil
        case .value(let dto):
            guard let start = LocalTime(dto.start) else { throw Problem.invalidField("quiet_hours.start", "expected HH:MM") }
            guard let end = LocalTime(dto.end) else { throw Problem.invalidField("quiet_hours.end", "expected HH:MM") }
            guard let quiet = QuietHours(start: start, end: end) else {
                throw Problem.invalidField("quiet_hours.end", "quiet hours must not start and end at the same time")
            }
            p.quietHours = quiet
        }
        if let digest = input.digest { p.digest = digest }
        if let text = input.digestAt {
            guard let time = LocalTime(text) else { throw Problem.invalidField("digest_at", "expected HH:MM") }
            p.digestAt = time
        }
        if let email = input.email { p.email = email }
        return p
    }
}
