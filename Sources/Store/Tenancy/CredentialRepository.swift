public import Database
public import Domain
public import Foundation

/// What a bearer token resolves to.
public struct Credential: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case session, apiToken = "api_token" }
    public var kind: Kind
    public var id: UUID
    public var orgID: UUID
    public var memberID: UUID
    /// `nil` for a session; an API token's scopes otherwise.
    public var scopes: Set<TokenScope>?
    /// When it was last used (to the minute; `banso_authenticate` records a use at most once a minute).
    public var lastUsedAt: Date?

    public init(kind: Kind, id: UUID, orgID: UUID, memberID: UUID, scopes: Set<TokenScope>?, lastUsedAt: Date? = nil) {
        (self.kind, self.id, self.orgID, self.memberID, self.scopes, self.lastUsedAt) = (kind, id, orgID, memberID, scopes, lastUsedAt)
    }
}

/// An API token as listed (never its secret).
public struct APITokenRecord: Sendable, Equatable {
    public var id: UUID
    public var memberID: UUID
    public var name: String
    public var scopes: [TokenScope]
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?
}

/// A live credential with what authorisation needs: its member's grants and the org's team → company map.
public struct Authentication: Sendable {
    public var credential: Credential
    public var grants: [Grant]
    public var structure: OrgStructure
    /// The org's fiscal year's first month, so a request can read a period (FY2026-H2) without a statement.
    public var fiscalYearStartMonth: Int
}

/// Sessions and API tokens, stored as SHA-256 of the token only.
public enum CredentialRepository {
    /// The credential a token hash names, if it is live, with its member's grants and the org's structure — one
    /// statement outside any transaction (`banso_authenticate`, migration 0018), which also records the use at
    /// most once a minute. Revocation is immediate: nothing is cached.
    static func authenticate(_ database: Database, tokenHash: [UInt8], sessionIdle: Double, now: Date?) async throws
        -> Authentication?
    {
        let rows = try await database.query(
            "SELECT * FROM banso_authenticate(\(tokenHash), \(sessionIdle), \(now)::timestamptz)")
        guard let row = rows.first else { return nil }
        var r = RowReader(row)
        let kind: String = try r.next(), id: UUID = try r.next(), org: UUID = try r.next(), member: UUID = try r.next()
        let scopes: [String]? = try r.next(), used: Date? = try r.next()
        let roles: [String] = try r.next(), scopeTypes: [String] = try r.next(), scopeIDs: [UUID?] = try r.next()
        let teams: [UUID] = try r.next(), companies: [UUID] = try r.next(), startMonth: Int = try r.next()
        var grants: [Grant] = []
        for index in roles.indices {
            guard let role = Role(rawValue: roles[index]) else { continue }
            grants.append(Grant(role: role, scope: try Scope(kind: scopeTypes[index], id: scopeIDs[index])))
        }
        return Authentication(
            credential: Credential(
                kind: Credential.Kind(rawValue: kind) ?? .session, id: id, orgID: org, memberID: member,
                scopes: scopes.map { Set($0.compactMap(TokenScope.init(rawValue:))) }, lastUsedAt: used),
            grants: grants, structure: OrgStructure(companyOfTeam: Dictionary(zip(teams, companies)) { a, _ in a }),
            fiscalYearStartMonth: startMonth)
    }

    public static func createSession(
        _ tx: TenantTransaction, id: UUID, member: UUID, tokenHash: [UInt8], expiresAt: Date
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO auth_session (org_id, id, member_id, token_hash, expires_at)
            VALUES (\(tx.org), \(id), \(member), \(tokenHash), \(expiresAt))
            """)
    }

    public static func revokeSession(_ tx: TenantTransaction, id: UUID) async throws {
        try await tx.execute(
            "UPDATE auth_session SET revoked_at = banso_now() WHERE org_id = \(tx.org) AND id = \(id) AND revoked_at IS NULL")
    }

    /// Ends a member's sessions but one (the one that asked, after a password change).
    @discardableResult
    public static func revokeSessions(_ tx: TenantTransaction, member: UUID, except kept: UUID) async throws -> Int {
        try await tx.execute(
            """
            UPDATE auth_session SET revoked_at = banso_now()
            WHERE org_id = \(tx.org) AND member_id = \(member) AND revoked_at IS NULL AND id <> \(kept)
            """)
    }

    /// Ends every open session of a member (after their password changed); returns how many.
    @discardableResult
    public static func revokeSessions(_ tx: TenantTransaction, member: UUID) async throws -> Int {
        try await tx.execute(
            "UPDATE auth_session SET revoked_at = banso_now() WHERE org_id = \(tx.org) AND member_id = \(member) AND revoked_at IS NULL")
    }

    static let tokenColumns: SQLQuery = "id, member_id, name, scopes, created_at, expires_at, last_used_at, revoked_at"

    static func decodeToken(_ row: Row) throws -> APITokenRecord {
        let (id, member, name, scopes, created, expires, used, revoked) = try row.decode(
            (UUID, UUID, String, [String], Date, Date?, Date?, Date?).self)
        return APITokenRecord(
            id: id, memberID: member, name: name, scopes: scopes.compactMap(TokenScope.init(rawValue:)),
            createdAt: created, expiresAt: expires, lastUsedAt: used, revokedAt: revoked)
    }

    public static func createToken(
        _ tx: TenantTransaction, id: UUID, member: UUID, name: String, scopes: [TokenScope], tokenHash: [UInt8],
        expiresAt: Date?, createdBy: UUID
    ) async throws -> APITokenRecord {
        let rows = try await tx.query(
            """
            INSERT INTO api_token (org_id, id, member_id, name, token_hash, scopes, expires_at, created_by)
            VALUES (\(tx.org), \(id), \(member), \(name), \(tokenHash), \(scopes.map(\.rawValue))::text[], \(expiresAt), \(createdBy))
            RETURNING \(tokenColumns)
            """)
        return try decodeToken(rows[0])
    }

    public static func getToken(_ tx: TenantTransaction, id: UUID) async throws -> APITokenRecord? {
        try await tx.query("SELECT \(tokenColumns) FROM api_token WHERE org_id = \(tx.org) AND id = \(id)").first
            .map(decodeToken)
    }

    public static func listTokens(_ tx: TenantTransaction, member: UUID?, after cursor: UUID?, limit: Int)
        async throws -> Page<APITokenRecord>
    {
        let rows = try await tx.query(
            """
            SELECT \(tokenColumns) FROM api_token
            WHERE org_id = \(tx.org) AND (\(member)::uuid IS NULL OR member_id = \(member))
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decodeToken), limit: limit, id: \.id)
    }

    public static func revokeToken(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        try await tx.execute(
            "UPDATE api_token SET revoked_at = banso_now() WHERE org_id = \(tx.org) AND id = \(id) AND revoked_at IS NULL") == 1
    }

    // MARK: sign-in rate limiting (not tenant data: the org is not known yet when an attempt is counted)

    /// Failed attempts for `key` within `window`.
    public static func recentFailures(_ tx: some QueryRunner, key: String, window: Duration) async throws -> (count: Int, oldest: Date?) {
        let seconds = Double(window.components.seconds)
        let row = try await tx.query(
            """
            SELECT count(*), min(at) FROM login_attempt
            WHERE key = \(key) AND at > banso_now() - make_interval(secs => \(seconds))
            """)[0]
        let (count, oldest) = try row.decode((Int, Date?).self)
        return (count, oldest)
    }

    /// Counts an attempt against each key's limit before the attempt is judged: under a transaction-scoped lock per
    /// key (taken in key order, so two attempts cannot deadlock), a key already at its limit refuses — the answer
    /// names it and the oldest attempt in the window — else the attempt is recorded under every key and its row ids
    /// returned, for a success to take back (``forgetAttempts(_:ids:)``).
    public static func countAttempt(_ tx: some QueryRunner, limits: [(key: String, limit: Int)], window: Duration) async throws
        -> (refused: (key: String, oldest: Date?)?, ids: [UUID])
    {
        for (key, _) in limits.sorted(by: { $0.key < $1.key }) {
            try await tx.execute("SELECT pg_advisory_xact_lock(hashtextextended('banso.login.' || \(key), 0))")
        }
        for (key, limit) in limits {
            let (count, oldest) = try await recentFailures(tx, key: key, window: window)
            if count >= limit { return ((key, oldest), []) }
        }
        let ids = try await tx.query(
            "INSERT INTO login_attempt (key) SELECT unnest(\(limits.map(\.key))::text[]) RETURNING id"
        ).decodeColumn(UUID.self)
        try await tx.execute("DELETE FROM login_attempt WHERE at < banso_now() - interval '1 day'")
        return (nil, ids)
    }

    /// Takes back the attempts of a sign-in that succeeded.
    public static func forgetAttempts(_ tx: some QueryRunner, ids: [UUID]) async throws {
        try await tx.execute("DELETE FROM login_attempt WHERE id = ANY(\(ids))")
    }

    public static func recordFailure(_ tx: some QueryRunner, keys: [String]) async throws {
        try await tx.execute("INSERT INTO login_attempt (key) SELECT unnest(\(keys)::text[])")
        try await tx.execute("DELETE FROM login_attempt WHERE at < banso_now() - interval '1 day'")
    }

    public static func clearFailures(_ tx: some QueryRunner, key: String) async throws {
        try await tx.execute("DELETE FROM login_attempt WHERE key = \(key)")
    }
}
