public import Database
public import Domain
public import Foundation

/// The job queue's SQL. Every decision about time uses one clock: the database's `now()`, or the instant a caller
/// passes as `now` (the `--once --now` catch-up run and tests that travel in time).
public enum JobRepository {
    static let columns: SQLQuery = """
        id, org_id, queue, kind, payload::text, priority, state, attempt, max_attempts, run_at, unique_key, lease_owner,
        lease_expires_at, errors, created_at, attempted_at, finished_at
        """

    static func decode(_ row: Row) throws -> Job {
        var r = RowReader(row)
        return Job(
            id: try r.next(), orgID: try r.next(), queue: try r.next(), kind: try r.next(), payload: try r.next(),
            priority: try r.next(), state: try r.next(), attempt: try r.next(), maxAttempts: try r.next(),
            runAt: try r.next(), uniqueKey: try r.next(), leaseOwner: try r.next(), leaseExpiresAt: try r.next(),
            errors: (try r.next(JSON<[Job.Failure]>.self)).value, createdAt: try r.next(), attemptedAt: try r.next(),
            finishedAt: try r.next())
    }

    /// The instant decisions use: `now` when given, else the database's clock.
    static func clock(_ now: Date?) -> SQLQuery { "coalesce(\(now)::timestamptz, now())" }

    /// Enqueues inside the caller's transaction (the job commits, or not, with the business rows) and wakes idle
    /// workers at commit. Returns `nil` when a job with the same unique key exists: the enqueue is a no-op.
    @discardableResult
    public static func enqueue(_ tx: Transaction, _ job: NewJob, now: Date? = nil) async throws -> Job? {
        let rows = try await tx.query(
            """
            INSERT INTO job (id, org_id, queue, kind, payload, priority, max_attempts, run_at, unique_key)
            VALUES (\(job.id ?? UUID.v7()), \(job.orgID), \(job.queue), \(job.kind), \(job.payload)::jsonb, \(job.priority),
                \(job.maxAttempts), coalesce(\(job.runAt)::timestamptz, \(clock(now))), \(job.uniqueKey))
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
            RETURNING \(columns)
            """)
        guard let row = rows.first else { return nil }
        try await tx.execute("SELECT pg_notify('banso_jobs', \(job.queue))")
        return try decode(row)
    }

    /// Claims up to `limit` due jobs of `queue`, most urgent first; rows other workers hold are skipped, never
    /// waited for. Each claimed job gets a fresh lease token and `lease` seconds.
    public static func claim(_ tx: Transaction, queue: String, limit: Int, lease: Double, now: Date? = nil) async throws -> [Job] {
        try await tx.query(
            """
            WITH next AS (
                SELECT id FROM job
                WHERE queue = \(queue) AND state IN ('available', 'retryable') AND run_at <= \(clock(now))
                ORDER BY priority, run_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE job j SET state = 'running', attempt = j.attempt + 1, lease_owner = gen_random_uuid(),
                lease_expires_at = \(clock(now)) + make_interval(secs => \(lease)), attempted_at = \(clock(now))
            FROM next WHERE j.id = next.id
            RETURNING \(unsafeSQL: "j.id, j.org_id, j.queue, j.kind, j.payload::text, j.priority, j.state, j.attempt, j.max_attempts, j.run_at, j.unique_key, j.lease_owner, j.lease_expires_at, j.errors, j.created_at, j.attempted_at, j.finished_at")
            """
        ).map(decode)
    }

    /// Marks a job done; `false` when the lease is no longer this worker's (rescued, cancelled).
    public static func complete(_ tx: Transaction, id: UUID, lease: UUID, now: Date? = nil) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE job SET state = 'completed', finished_at = \(clock(now)), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(id) AND lease_owner = \(lease) AND state = 'running'
            """) == 1
    }

    /// Records a failed attempt: retried after `retryIn` seconds, or discarded after `max_attempts`; every error is
    /// kept. `false` when the lease is no longer this worker's.
    public static func fail(_ tx: Transaction, id: UUID, lease: UUID, error: String, retryIn: Double, now: Date? = nil) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE job SET
                state = CASE WHEN attempt >= max_attempts THEN 'discarded' ELSE 'retryable' END,
                run_at = CASE WHEN attempt >= max_attempts THEN run_at ELSE \(clock(now)) + make_interval(secs => \(retryIn)) END,
                finished_at = CASE WHEN attempt >= max_attempts THEN \(clock(now)) END,
                errors = errors || jsonb_build_array(jsonb_build_object(
                    'attempt', attempt, 'error', \(String(error.prefix(2000)))::text,
                    'at', to_char(\(clock(now)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
                lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(id) AND lease_owner = \(lease) AND state = 'running'
            """) == 1
    }

    /// Extends the leases of the jobs a worker is running; returns the ids whose lease it still holds.
    public static func heartbeat(_ tx: Transaction, leases: [(id: UUID, lease: UUID)], extendBy seconds: Double, now: Date? = nil)
        async throws -> [UUID]
    {
        try await tx.query(
            """
            UPDATE job j SET lease_expires_at = \(clock(now)) + make_interval(secs => \(seconds))
            FROM unnest(\(leases.map(\.id)), \(leases.map(\.lease))) AS held(id, lease)
            WHERE j.id = held.id AND j.lease_owner = held.lease AND j.state = 'running'
            RETURNING j.id
            """
        ).decodeColumn(UUID.self)
    }

    /// Gives back jobs a worker claimed but will not run (graceful shutdown): available again at once, and the
    /// claim does not count as an attempt.
    public static func release(_ tx: Transaction, id: UUID, lease: UUID) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE job SET state = 'available', attempt = greatest(attempt - 1, 0), lease_owner = NULL,
                lease_expires_at = NULL
            WHERE id = \(id) AND lease_owner = \(lease) AND state = 'running'
            """) == 1
    }

    /// Jobs whose lease expired (their worker died or hung) become retryable — or discarded when that was their
    /// last attempt — with the lapse recorded as an error. Returns how many.
    public static func rescueExpired(_ tx: Transaction, now: Date? = nil) async throws -> Int {
        try await tx.execute(
            """
            UPDATE job SET
                state = CASE WHEN attempt >= max_attempts THEN 'discarded' ELSE 'retryable' END,
                finished_at = CASE WHEN attempt >= max_attempts THEN \(clock(now)) END,
                run_at = \(clock(now)),
                errors = errors || jsonb_build_array(jsonb_build_object(
                    'attempt', attempt, 'error', 'the lease expired: the worker stopped or hung',
                    'at', to_char(\(clock(now)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
                lease_owner = NULL, lease_expires_at = NULL
            WHERE state = 'running' AND lease_expires_at < \(clock(now))
            """)
    }

    /// Cancels a job that has not finished; a running one's worker then fails its lease check.
    public static func cancel(_ tx: Transaction, id: UUID, now: Date? = nil) async throws -> Job? {
        try await tx.query(
            """
            UPDATE job SET state = 'cancelled', finished_at = \(clock(now)), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(id) AND state IN ('available', 'retryable', 'running')
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// Runs a discarded, cancelled or waiting job again now, with a fresh set of attempts.
    public static func retry(_ tx: Transaction, id: UUID, now: Date? = nil) async throws -> Job? {
        try await tx.query(
            """
            UPDATE job SET state = 'available', run_at = \(clock(now)), attempt = 0, finished_at = NULL
            WHERE id = \(id) AND state IN ('retryable', 'discarded', 'cancelled', 'available')
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// Deletes finished jobs older than `olderThan` seconds; returns how many.
    public static func prune(_ tx: Transaction, olderThan seconds: Double, now: Date? = nil) async throws -> Int {
        try await tx.execute(
            """
            DELETE FROM job WHERE state IN ('completed', 'discarded', 'cancelled')
              AND finished_at < \(clock(now)) - make_interval(secs => \(seconds))
            """)
    }

    /// The transaction's instant by the database's clock: the one clock decisions use.
    public static func databaseNow(_ tx: Transaction) async throws -> Date {
        try await tx.query("SELECT now()").scalar(Date.self)!
    }

    public static func get(_ tx: Transaction, id: UUID) async throws -> Job? {
        try await tx.query("SELECT \(columns) FROM job WHERE id = \(id)").first.map(decode)
    }

    /// How many jobs are in each state (for metrics).
    public static func depth(_ tx: Transaction) async throws -> [Job.State: Int] {
        var result: [Job.State: Int] = [:]
        for row in try await tx.query("SELECT state, count(*) FROM job GROUP BY state") {
            let (state, count) = try row.decode((Job.State, Int).self)
            result[state] = count
        }
        return result
    }
}

extension JobRepository {
    /// An org's jobs for its operators, newest first, optionally of one state or kind.
    public static func list(
        _ tx: Transaction, org: UUID, state: Job.State?, kind: String?, before cursor: UUID?, limit: Int
    ) async throws -> Page<Job> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM job
            WHERE org_id = \(org) AND (\(state)::text IS NULL OR state = \(state))
              AND (\(kind)::text IS NULL OR kind = \(kind)) AND (\(cursor)::uuid IS NULL OR id < \(cursor))
            ORDER BY id DESC LIMIT \(limit + 1)
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// The org's job, for an operator's retry or cancel.
    public static func get(_ tx: Transaction, org: UUID, id: UUID) async throws -> Job? {
        try await tx.query("SELECT \(columns) FROM job WHERE org_id = \(org) AND id = \(id)").first.map(decode)
    }
}

extension JobRepository {
    /// Jobs by queue and state, and how far behind the most overdue active schedule is (seconds; 0 when none is),
    /// for `/metrics` (system work: every org's).
    public static func queueFigures(_ tx: Transaction) async throws -> (depth: [(queue: String, state: String, count: Int)], scheduleLag: Double) {
        let depth = try await tx.query("SELECT queue, state, count(*) FROM job GROUP BY queue, state ORDER BY queue, state")
            .decode((String, String, Int).self).map { (queue: $0.0, state: $0.1, count: $0.2) }
        let lag = try await tx.query(
            "SELECT coalesce(extract(epoch FROM now() - min(next_fire_at)), 0)::float8 FROM schedule WHERE active AND next_fire_at < now()"
        ).scalar(Double.self) ?? 0
        return (depth, max(0, lag))
    }
}
