public import Database
public import Domain
public import Foundation

/// Schedules and their ledger of fires.
public enum ScheduleRepository {
    static let columns: SQLQuery = """
        s.id, s.org_id, s.name, s.job_kind, s.queue, s.payload::text, s.recurrence, s.misfire, s.max_lateness_seconds,
        s.active, s.next_fire_at, s.subject_type, s.subject_id
        """
    static let columnCount = 13

    static func decode(_ row: Row) throws -> Schedule {
        var r = RowReader(row)
        let id: UUID = try r.next(), org: UUID = try r.next(), name: String = try r.next(), kind: String = try r.next()
        let queue: String = try r.next(), payload: String = try r.next(), recurrence: JSON<Recurrence> = try r.next()
        let misfire: String = try r.next()
        var schedule = Schedule(
            id: id, orgID: org, name: name, jobKind: kind, queue: queue, payload: payload, recurrence: recurrence.value,
            misfire: MisfirePolicy(rawValue: misfire) ?? .fireOnce, maxLateness: try r.next(), active: try r.next(),
            nextFireAt: try r.next())
        let subjectType: String = try r.next()
        schedule.subjectType = Schedule.SubjectType(rawValue: subjectType) ?? .org
        schedule.subjectID = try r.next()
        return schedule
    }

    /// Creates or replaces the org's schedule called `name`; `nextFireAt` is its first occurrence.
    @discardableResult
    public static func upsert(_ tx: some QueryRunner, _ s: Schedule) async throws -> Schedule {
        let rows = try await tx.query(
            """
            INSERT INTO schedule AS s (org_id, id, name, job_kind, queue, payload, recurrence, misfire, max_lateness_seconds,
                active, next_fire_at)
            VALUES (\(s.orgID), \(s.id), \(s.name), \(s.jobKind), \(s.queue), \(s.payload)::jsonb, \(JSON(s.recurrence)),
                \(s.misfire.rawValue)::text, \(s.maxLateness), \(s.active), \(s.nextFireAt))
            ON CONFLICT (org_id, name) DO UPDATE SET job_kind = excluded.job_kind, queue = excluded.queue,
                payload = excluded.payload, recurrence = excluded.recurrence, misfire = excluded.misfire,
                max_lateness_seconds = excluded.max_lateness_seconds, active = excluded.active,
                next_fire_at = excluded.next_fire_at, updated_at = banso_now(), version = s.version + 1
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Due schedules of every org, locked for this tick; others' locked rows are skipped (another ticker has them).
    public static func lockDue(_ tx: some QueryRunner, now: Date?, limit: Int) async throws -> [(schedule: Schedule, timeZone: String)] {
        try await tx.query(
            """
            SELECT \(columns), o.time_zone FROM schedule s JOIN org o ON o.id = s.org_id
            WHERE s.active AND s.next_fire_at <= coalesce(\(now)::timestamptz, banso_now())
            ORDER BY s.next_fire_at LIMIT \(limit)
            FOR UPDATE OF s SKIP LOCKED
            """
        ).map { (try decode($0), try $0.decode(String.self, at: columnCount)) }
    }

    public static func setNextFire(_ tx: TenantTransaction, id: UUID, at next: Date) async throws {
        try await tx.execute("UPDATE schedule SET next_fire_at = \(next) WHERE org_id = \(tx.org) AND id = \(id)")
    }

    /// Writes the ledger row; `false` when this occurrence was already handled (by any ticker, ever).
    public static func record(
        _ tx: TenantTransaction, schedule: UUID, decision: MisfirePolicy.Decision, jobID: UUID?, now: Date?
    ) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO schedule_fire (org_id, schedule_id, nominal, occurred_at, handled_at, outcome, lateness_seconds, job_id)
            VALUES (\(tx.org), \(schedule), \(decision.occurrence.nominal), \(decision.occurrence.instant),
                coalesce(\(now)::timestamptz, banso_now()), \(decision.outcome.rawValue)::text, \(decision.lateness), \(jobID))
            ON CONFLICT DO NOTHING
            """) == 1
    }

    public struct Fire: Sendable, Equatable {
        public var nominal: String
        public var outcome: MisfirePolicy.Outcome
        public var lateness: Double
        public var jobID: UUID?
    }

    public static func fires(_ tx: TenantTransaction, schedule: UUID) async throws -> [Fire] {
        try await tx.query(
            """
            SELECT nominal, outcome, lateness_seconds, job_id FROM schedule_fire
            WHERE org_id = \(tx.org) AND schedule_id = \(schedule) ORDER BY occurred_at, nominal
            """
        ).map { row in
            let (nominal, outcome, lateness, job) = try row.decode((String, String, Double, UUID?).self)
            return Fire(nominal: nominal, outcome: MisfirePolicy.Outcome(rawValue: outcome) ?? .missed, lateness: lateness, jobID: job)
        }
    }

    public static func list(_ tx: TenantTransaction) async throws -> [Schedule] {
        try await tx.query("SELECT \(columns) FROM schedule s WHERE s.org_id = \(tx.org) ORDER BY s.name").map(decode)
    }

    /// The schedules of one subject (a goal's), by name.
    public static func list(_ tx: TenantTransaction, subject: Schedule.SubjectType, id: UUID?) async throws -> [Schedule] {
        try await tx.query(
            """
            SELECT \(columns) FROM schedule s
            WHERE s.org_id = \(tx.org) AND s.subject_type = \(subject.rawValue) AND s.subject_id IS NOT DISTINCT FROM \(id)
            ORDER BY s.name
            """
        ).map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Schedule? {
        try await tx.query("SELECT \(columns) FROM schedule s WHERE s.org_id = \(tx.org) AND s.id = \(id)").first.map(decode)
    }

    /// A schedule made through the API; a name the org already uses is a conflict.
    public static func insert(_ tx: some QueryRunner, _ s: Schedule, by member: UUID?) async throws -> Schedule {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO schedule AS s (org_id, id, name, job_kind, queue, payload, recurrence, misfire, max_lateness_seconds,
                    active, next_fire_at, subject_type, subject_id, created_by)
                VALUES (\(s.orgID), \(s.id), \(s.name), \(s.jobKind), \(s.queue), \(s.payload)::jsonb, \(JSON(s.recurrence)),
                    \(s.misfire.rawValue)::text, \(s.maxLateness), \(s.active), \(s.nextFireAt), \(s.subjectType.rawValue)::text,
                    \(s.subjectID), \(member))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: ["schedule_org_id_name_key": ("name", "the org already has a schedule with this name")])
        }
    }

    /// Rewrites a schedule's editable fields; nil when it is gone.
    public static func update(_ tx: some QueryRunner, _ s: Schedule) async throws -> Schedule? {
        do {
            return try await tx.query(
                """
                UPDATE schedule s SET name = \(s.name), payload = \(s.payload)::jsonb, recurrence = \(JSON(s.recurrence)),
                    misfire = \(s.misfire.rawValue)::text, max_lateness_seconds = \(s.maxLateness), active = \(s.active),
                    next_fire_at = \(s.nextFireAt), updated_at = banso_now(), version = s.version + 1
                WHERE s.org_id = \(s.orgID) AND s.id = \(s.id)
                RETURNING \(columns)
                """
            ).first.map(decode)
        } catch {
            throw DomainError.from(error, conflicts: ["schedule_org_id_name_key": ("name", "the org already has a schedule with this name")])
        }
    }

    public static func delete(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        try await tx.execute("DELETE FROM schedule WHERE org_id = \(tx.org) AND id = \(id)") == 1
    }

    /// The org's active owners and admins with their language: who hears of a missed occurrence.
    public static func administrators(_ tx: TenantTransaction) async throws -> [(member: UUID, locale: Organization.Locale)] {
        try await tx.query(
            """
            SELECT DISTINCT m.id, coalesce(m.locale, o.locale) FROM role_grant g
            JOIN member m ON m.org_id = g.org_id AND m.id = g.member_id
            JOIN org o ON o.id = g.org_id
            WHERE g.org_id = \(tx.org) AND g.role IN ('owner', 'admin') AND g.scope_type = 'org' AND m.active
            ORDER BY m.id
            """
        ).map { row in
            let (id, locale) = try row.decode((UUID, String).self)
            return (id, Organization.Locale(rawValue: locale) ?? .ja)
        }
    }

    /// The org's closure days (system work reads them for any org).
    public static func closures(_ tx: TenantTransaction) async throws -> Set<LocalDate> {
        Set(try await tx.query("SELECT day FROM org_closure WHERE org_id = \(tx.org)").decodeColumn(LocalDate.self))
    }
}

extension ScheduleRepository {
    /// Creates the schedule unless the org already has one by that name (whose timing then stands).
    public static func insertIfAbsent(_ tx: some QueryRunner, _ s: Schedule) async throws {
        try await tx.execute(
            """
            INSERT INTO schedule (org_id, id, name, job_kind, queue, payload, recurrence, misfire, max_lateness_seconds,
                active, next_fire_at)
            VALUES (\(s.orgID), \(s.id), \(s.name), \(s.jobKind), \(s.queue), \(s.payload)::jsonb, \(JSON(s.recurrence)),
                \(s.misfire.rawValue)::text, \(s.maxLateness), \(s.active), \(s.nextFireAt))
            ON CONFLICT (org_id, name) DO NOTHING
            """)
    }

    /// Every org that lacks a schedule called `name` (system work).
    public static func orgsWithout(_ tx: some QueryRunner, name: String) async throws -> [(org: UUID, timeZone: String)] {
        try await tx.query(
            """
            SELECT o.id, o.time_zone FROM org o
            WHERE NOT EXISTS (SELECT 1 FROM schedule s WHERE s.org_id = o.id AND s.name = \(name))
            ORDER BY o.id
            """
        ).map { try $0.decode((UUID, String).self) }
    }
}

extension ScheduleRepository {
    /// Records a check-in reminder's outcome; `false` when this (check-in, kind) was already handled.
    public static func recordReminder(_ tx: TenantTransaction, checkIn: UUID, kind: String, outcome: String) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO reminder_sent (org_id, check_in_id, kind, outcome) VALUES (\(tx.org), \(checkIn), \(kind), \(outcome))
            ON CONFLICT DO NOTHING
            """) == 1
    }
}
