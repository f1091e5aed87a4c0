public import Database
public import Domain
public import Foundation

/// The job queue's SQL. Every decision about time uses one clock: the transaction's `banso_now()` (the store's clock), or the instant a caller
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
    static func clock(_ now: Date?) -> SQLQuery { "coalesce(\(now)::timestamptz, banso_now())" }

    static func requireValidQueue(_ name: String) throws {
        guard NewJob.isValidQueueName(name) else {
            throw DomainError(.invalid, "a queue name is 1–64 of a-z, 0-9, _ . -", field: "queue")
        }
    }

    /// Enqueues inside the caller's transaction (the job commits, or not, with the business rows) and wakes idle
    /// workers at commit. Returns `nil` when a job with the same unique key exists: the enqueue is a no-op.
    ///
    /// The wake-up (`pg_notify`) rides in the same statement — one round trip per enqueue — and only when a row
    /// was inserted; PostgreSQL delivers it at commit, once per queue however many jobs the transaction enqueued.
    @discardableResult
    public static func enqueue(_ tx: some QueryRunner, _ job: NewJob, now: Date? = nil) async throws -> Job? {
        try requireValidQueue(job.queue)
        return try await tx.query(
            """
            WITH inserted AS (
                INSERT INTO job (id, org_id, queue, kind, payload, priority, max_attempts, run_at, unique_key)
                VALUES (\(job.id ?? UUID.v7()), \(job.orgID), \(job.queue), \(job.kind), \(job.payload)::jsonb, \(job.priority),
                    \(job.maxAttempts), coalesce(\(job.runAt)::timestamptz, \(clock(now))), \(job.uniqueKey))
                ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
                RETURNING *
            )
            SELECT \(columns) FROM inserted WHERE (SELECT count(pg_notify('banso_jobs', queue)) FROM inserted) > 0
            """
        ).first.map(decode)
    }

    /// Enqueues many jobs in one statement inside the caller's transaction, with one wake-up per queue; a job whose
    /// unique key exists (or repeats one earlier in `jobs`) is skipped. Returns the ids of the jobs inserted.
    @discardableResult
    public static func enqueue(_ tx: some QueryRunner, _ jobs: [NewJob], now: Date? = nil) async throws -> [UUID] {
        guard !jobs.isEmpty else { return [] }
        for job in jobs { try requireValidQueue(job.queue) }
        return try await tx.query(
            """
            WITH inserted AS (
                INSERT INTO job (id, org_id, queue, kind, payload, priority, max_attempts, run_at, unique_key)
                SELECT n.id, n.org_id, n.queue, n.kind, n.payload::jsonb, n.priority, n.max_attempts,
                    coalesce(n.run_at, \(clock(now))), n.unique_key
                FROM unnest(\(jobs.map { $0.id ?? UUID.v7() })::uuid[], \(jobs.map(\.orgID))::uuid[], \(jobs.map(\.queue))::text[],
                    \(jobs.map(\.kind))::text[], \(jobs.map(\.payload))::text[], \(jobs.map(\.priority))::int[],
                    \(jobs.map(\.maxAttempts))::int[], \(jobs.map(\.runAt))::timestamptz[], \(jobs.map(\.uniqueKey))::text[])
                    AS n(id, org_id, queue, kind, payload, priority, max_attempts, run_at, unique_key)
                ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
                RETURNING id, queue
            )
            SELECT id FROM inserted
            WHERE (SELECT count(pg_notify('banso_jobs', queue)) FROM (SELECT DISTINCT queue FROM inserted) AS queues) > 0
            """
        ).decodeColumn(UUID.self)
    }

    /// Claims up to `limit` due jobs of `queue`, most urgent first; rows other workers hold are skipped, never
    /// waited for. Each claimed job gets a fresh lease token and `lease` seconds.
    ///
    /// With `perOrg`, no org holds more than that many running jobs of the queue (this claim's included), so one
    /// org's flood of webhooks or mail cannot take every slot from the others. Such claims of a queue take turns
    /// (a transaction-scoped advisory lock), so two workers cannot both see a free slot and overshoot; they rank the
    /// queue's whole due backlog, which is fine for the queues that need it (tenant-driven outbound traffic) and is
    /// why the general queues do not.
    public static func claim(
        _ tx: some QueryRunner, queue: String, limit: Int, lease: Double, perOrg: Int? = nil, now: Date? = nil,
        excluding ran: [UUID] = []
    ) async throws -> [Job] {
        if let perOrg {
            return try await claimFairly(tx, queue: queue, limit: limit, lease: lease, perOrg: perOrg, now: now, excluding: ran)
        }
        return try await tx.query(
            """
            WITH next AS (
                SELECT id FROM job
                WHERE queue = \(queue) AND state IN ('available', 'retryable') AND run_at <= \(clock(now))
                  AND id <> ALL(\(ran)::uuid[])
                ORDER BY priority, run_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            \(takeLeases(lease: lease, now: now))
            """
        ).map(decode)
    }

    /// The claim's second half, after a `next` CTE of the ids to take: each gets a fresh lease; the jobs come back.
    static func takeLeases(lease: Double, now: Date?) -> SQLQuery {
        """
        UPDATE job j SET state = 'running', attempt = j.attempt + 1, lease_owner = gen_random_uuid(),
            lease_expires_at = \(clock(now)) + make_interval(secs => \(lease)), attempted_at = \(clock(now))
        FROM next WHERE j.id = next.id
        RETURNING \(unsafeSQL: "j.id, j.org_id, j.queue, j.kind, j.payload::text, j.priority, j.state, j.attempt, j.max_attempts, j.run_at, j.unique_key, j.lease_owner, j.lease_expires_at, j.errors, j.created_at, j.attempted_at, j.finished_at")
        """
    }

    static func claimFairly(
        _ tx: some QueryRunner, queue: String, limit: Int, lease: Double, perOrg: Int, now: Date?, excluding ran: [UUID] = []
    ) async throws -> [Job] {
        try await tx.execute("SELECT pg_advisory_xact_lock(hashtextextended('banso.claim.' || \(queue), 0))")
        return try await tx.query(
            """
            WITH busy AS (
                SELECT org_id, count(*) AS running FROM job WHERE queue = \(queue) AND state = 'running' GROUP BY org_id
            ), ranked AS (
                SELECT j.id, j.priority, j.run_at,
                    coalesce(b.running, 0) + row_number() OVER (PARTITION BY j.org_id ORDER BY j.priority, j.run_at, j.id) AS slot
                FROM job j LEFT JOIN busy b ON b.org_id IS NOT DISTINCT FROM j.org_id
                WHERE j.queue = \(queue) AND j.state IN ('available', 'retryable') AND j.run_at <= \(clock(now))
                  AND j.id <> ALL(\(ran)::uuid[])
            ), next AS (
                SELECT id FROM job
                WHERE id IN (SELECT id FROM ranked WHERE slot <= \(perOrg) ORDER BY priority, run_at, id LIMIT \(limit))
                  AND state IN ('available', 'retryable')
                FOR UPDATE SKIP LOCKED
            )
            \(takeLeases(lease: lease, now: now))
            """
        ).map(decode)
    }

    /// Marks a job done; `false` when the lease is no longer this worker's (rescued, cancelled).
    public static func complete(_ tx: some QueryRunner, id: UUID, lease: UUID, now: Date? = nil) async throws -> Bool {
        try await complete(tx, [(id: id, lease: lease)], now: now) == [id]
    }

    /// The rows of `leases` still held under those leases, found by primary key (whatever the table's statistics
    /// say) and locked in id order. A lease token is drawn afresh for every claim, so a row whose id is among the
    /// ids and whose owner is among the tokens is held under its own token: two set tests (each hashed by
    /// PostgreSQL) instead of a pairwise join the planner tends to run as a nested loop. Every statement that updates many
    /// running jobs at once (completions, heartbeats, rescues) locks them in this one order, so two of them — a
    /// worker's completion flush and its heartbeat, say — wait for each other instead of deadlocking.
    static func lockHeld(_ leases: [(id: UUID, lease: UUID)]) -> SQLQuery {
        """
        SELECT j.id FROM job j
        WHERE j.id = ANY(\(leases.map(\.id))::uuid[]) AND j.lease_owner = ANY(\(leases.map(\.lease))::uuid[])
          AND j.state = 'running'
        ORDER BY j.id
        FOR UPDATE OF j
        """
    }

    /// Marks many jobs done in one statement, each only under its own lease; returns the ids it marked. A job
    /// whose lease is no longer the caller's (rescued and claimed again, cancelled) is left as it is.
    public static func complete(_ tx: some QueryRunner, _ leases: [(id: UUID, lease: UUID)], now: Date? = nil) async throws -> [UUID] {
        guard !leases.isEmpty else { return [] }
        return try await tx.query(
            """
            UPDATE job j SET state = 'completed', finished_at = \(clock(now)), lease_owner = NULL, lease_expires_at = NULL
            FROM (\(lockHeld(leases))) AS mine
            WHERE j.id = mine.id
            RETURNING j.id
            """
        ).decodeColumn(UUID.self)
    }

    /// Records a failed attempt: retried after `retryIn` seconds, or discarded after `max_attempts`; every error is
    /// kept. `false` when the lease is no longer this worker's.
    public static func fail(_ tx: some QueryRunner, id: UUID, lease: UUID, error: String, retryIn: Double, now: Date? = nil) async throws -> Bool {
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
    public static func heartbeat(_ tx: some QueryRunner, leases: [(id: UUID, lease: UUID)], extendBy seconds: Double, now: Date? = nil)
        async throws -> [UUID]
    {
        try await tx.query(
            """
            UPDATE job j SET lease_expires_at = \(clock(now)) + make_interval(secs => \(seconds))
            FROM (\(lockHeld(leases))) AS mine
            WHERE j.id = mine.id
            RETURNING j.id
            """
        ).decodeColumn(UUID.self)
    }

    /// Gives back jobs a worker claimed but will not run (graceful shutdown): available again at once, and the
    /// claim does not count as an attempt.
    public static func release(_ tx: some QueryRunner, id: UUID, lease: UUID) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE job SET state = 'available', attempt = greatest(attempt - 1, 0), lease_owner = NULL,
                lease_expires_at = NULL
            WHERE id = \(id) AND lease_owner = \(lease) AND state = 'running'
            """) == 1
    }

    /// Jobs whose lease expired (their worker died or hung) become retryable — or discarded when that was their
    /// last attempt — with the lapse recorded as an error. Returns how many. A row another transaction holds (its
    /// worker recording it at this moment) is skipped, not waited for: the next rescue sees it if it is still due.
    public static func rescueExpired(_ tx: some QueryRunner, now: Date? = nil) async throws -> Int {
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
            WHERE id IN (
                SELECT id FROM job WHERE state = 'running' AND lease_expires_at < \(clock(now))
                ORDER BY id FOR UPDATE SKIP LOCKED)
            """)
    }

    /// Cancels a job that has not finished; a running one's worker then fails its lease check.
    public static func cancel(_ tx: some QueryRunner, id: UUID, now: Date? = nil) async throws -> Job? {
        try await tx.query(
            """
            UPDATE job SET state = 'cancelled', finished_at = \(clock(now)), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(id) AND state IN ('available', 'retryable', 'running')
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// Runs a discarded, cancelled or waiting job again now, with a fresh set of attempts.
    public static func retry(_ tx: some QueryRunner, id: UUID, now: Date? = nil) async throws -> Job? {
        try await tx.query(
            """
            UPDATE job SET state = 'available', run_at = \(clock(now)), attempt = 0, finished_at = NULL
            WHERE id = \(id) AND state IN ('retryable', 'discarded', 'cancelled', 'available')
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// Deletes finished jobs older than `olderThan` seconds; returns how many.
    public static func prune(_ tx: some QueryRunner, olderThan seconds: Double, now: Date? = nil) async throws -> Int {
        try await tx.execute(
            """
            DELETE FROM job WHERE state IN ('completed', 'discarded', 'cancelled')
              AND finished_at < \(clock(now)) - make_interval(secs => \(seconds))
            """)
    }

    /// The transaction's instant by the database's clock: the one clock decisions use.
    public static func databaseNow(_ tx: some QueryRunner) async throws -> Date {
        try await tx.query("SELECT banso_now()").scalar(Date.self)!
    }

    public static func get(_ tx: some QueryRunner, id: UUID) async throws -> Job? {
        try await tx.query("SELECT \(columns) FROM job WHERE id = \(id)").first.map(decode)
    }

    /// How many jobs are in each state (for metrics).
    public static func depth(_ tx: some QueryRunner) async throws -> [Job.State: Int] {
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
        _ tx: TenantTransaction, state: Job.State?, kind: String?, before cursor: UUID?, limit: Int
    ) async throws -> Page<Job> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM job
            WHERE org_id = \(tx.org) AND (\(state)::text IS NULL OR state = \(state))
              AND (\(kind)::text IS NULL OR kind = \(kind))
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// The org's job, for an operator's retry or cancel.
    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Job? {
        try await tx.query("SELECT \(columns) FROM job WHERE org_id = \(tx.org) AND id = \(id)").first.map(decode)
    }
}

extension JobRepository {
    /// Jobs by queue and state, and how far behind the most overdue active schedule is (seconds; 0 when none is),
    /// for `/metrics` (system work: every org's).
    public static func queueFigures(_ tx: some QueryRunner) async throws -> (depth: [(queue: String, state: String, count: Int)], scheduleLag: Double) {
        let depth = try await tx.query("SELECT queue, state, count(*) FROM job GROUP BY queue, state ORDER BY queue, state")
            .decode((String, String, Int).self).map { (queue: $0.0, state: $0.1, count: $0.2) }
        let lag = try await tx.query(
            "SELECT coalesce(extract(epoch FROM banso_now() - min(next_fire_at)), 0)::float8 FROM schedule WHERE active AND next_fire_at < banso_now()"
        ).scalar(Double.self) ?? 0
        return (depth, max(0, lag))
    }
}
