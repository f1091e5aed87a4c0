import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/me/notification-preferences` (each member's own: muted kinds, quiet hours, digest, e-mail) and
/// `/v1/org/notification-settings` (the org's weekly cap on nudges per member).
struct NotificationPreferenceController {
    let store: Store

    struct QuietHoursDTO: Codable, Sendable {
        var start: String
        var end: String
    }

    struct PreferencesDTO: Encodable, Sendable {
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
            mutableKinds = NotificationPreferenceController.mutableKinds.map(\.rawValue)
            weeklyNudgeCap = reader.weeklyCap
        }
    }

    struct UpdateInput: Decodable, Sendable {
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
    }

    struct OrgSettingsDTO: Encodable, Sendable {
        var weeklyNudgeCap: Int?
    }

    struct OrgSettingsInput: Decodable, Sendable {
        var weeklyNudgeCap: PatchField<Int>

        enum CodingKeys: String, CodingKey { case weeklyNudgeCap }

        init(from decoder: any Decoder) throws {
            weeklyNudgeCap = try decoder.container(keyedBy: CodingKeys.self).patch(.weeklyNudgeCap)
        }
    }

    static let mutableKinds = NotificationMessage.Kind.allCases.filter { $0.urgency != .escalation && $0 != .digest }

    static let quietSchema = Schema.object(["start": Schema.string, "end": Schema.string])
    static let schema = Schema.object(
        ["muted_kinds": Schema.array(Schema.string), "quiet_hours": Schema.nullable(quietSchema), "digest": Schema.boolean,
         "digest_at": Schema.string, "email": Schema.boolean, "time_zone": Schema.string,
         "mutable_kinds": Schema.array(Schema.string), "weekly_nudge_cap": Schema.nullable(Schema.integer)])
    static let orgSchema = Schema.object(["weekly_nudge_cap": Schema.nullable(Schema.integer)])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/me/notification-preferences", id: "getNotificationPreferences",
                         summary: "The caller's notification preferences", tag: "notifications", responses: [200: ("Preferences", schema)]),
        OpenAPIOperation("PATCH", "/v1/me/notification-preferences", id: "updateNotificationPreferences",
                         summary: "Mute kinds, set quiet hours, switch to a daily digest, turn e-mail on or off", tag: "notifications",
                         requestBody: schema, responses: [200: ("Preferences", schema)], problems: [422]),
        OpenAPIOperation("GET", "/v1/org/notification-settings", id: "getNotificationSettings",
                         summary: "The org's weekly cap on nudges per member", tag: "notifications", responses: [200: ("Settings", orgSchema)]),
        OpenAPIOperation("PATCH", "/v1/org/notification-settings", id: "updateNotificationSettings",
                         summary: "Set or lift the weekly cap on nudges per member", tag: "notifications", requestBody: orgSchema,
                         responses: [200: ("Settings", orgSchema)], problems: [403, 422]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/me/notification-preferences") { _, context in
            let identity = try context.requireIdentity()
            let reader = try await store.tenant(identity.orgID) { tx in
                try await NotificationPreferenceRepository.reader(tx, member: identity.memberID)
            }
            guard let reader else { throw Problem.notFound("member") }
            return try JSONResponse.make(PreferencesDTO(reader))
        }
        router.patch("/v1/me/notification-preferences") { request, context in
            let identity = try context.requireIdentity()
            let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                guard var reader = try await NotificationPreferenceRepository.reader(tx, member: identity.memberID)
                else { throw Problem.notFound("member") }
                reader.preferences = try Self.apply(input, to: reader.preferences)
                try await NotificationPreferenceRepository.set(tx, member: identity.memberID, reader.preferences)
                return try JSONResponse.make(PreferencesDTO(reader))
            }
        }
        router.get("/v1/org/notification-settings") { _, context in
            let identity = try context.requireIdentity()
            let cap = try await store.tenant(identity.orgID) { tx in
                try await NotificationPreferenceRepository.weeklyCap(tx)
            }
            return try JSONResponse.make(OrgSettingsDTO(weeklyNudgeCap: cap))
        }
        router.patch("/v1/org/notification-settings") { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageGoalSettings, in: .org)
            let input = try await request.decodeJSON(as: OrgSettingsInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                let current = try await NotificationPreferenceRepository.weeklyCap(tx)
                let cap = input.weeklyNudgeCap.applied(to: current)
                if let cap, !(1...1000).contains(cap) {
                    throw Problem.invalidField("weekly_nudge_cap", "the weekly cap must be between 1 and 1000 nudges, or null for none")
                }
                try await NotificationPreferenceRepository.setWeeklyCap(tx, cap)
                return try JSONResponse.make(OrgSettingsDTO(weeklyNudgeCap: cap))
            }
        }
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
                guard mutableKinds.contains(kind) else {
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
