public import Database
public import Domain
public import Foundation

/// An uploaded import file as the API shows it (its chunks are not part of it).
public struct ImportFile: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable { case uploading, queued, running, succeeded, failed }

    public var id: UUID
    public var kind: ImportKind
    public var filename: String
    public var encoding: CSVEncoding
    public var dryRun: Bool
    public var sizeBytes: Int64
    public var uploadedBy: UUID
    public var state: State
    public var rowsTotal: Int?
    public var rowsDone: Int
    public var inserted: Int
    public var updated: Int
    /// The first ``ImportRepository/problemCap`` problems; `problemCount` says how many there were in all.
    public var problems: [ImportProblem]
    public var problemCount: Int
    public var failure: String?
    public var jobID: UUID?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}

extension ImportFile.State: TextColumn {}
extension ImportKind: TextColumn {}
extension CSVEncoding: TextColumn {}

/// Import files and their chunks: the upload streams the body into `import_chunk` rows of about 1 MB in the
/// request's transaction, so any worker on any host can read the file back a chunk at a time.
public enum ImportRepository {
    /// How many problems an import keeps listed (the count is always exact).
    public static let problemCap = 1000

    static let columns: SQLQuery = """
        id, kind, filename, encoding, dry_run, size_bytes, uploaded_by, state, rows_total, rows_done, inserted, updated,
        problems, problem_count, failure, job_id, created_at, started_at, finished_at
        """

    static func decode(_ row: Row) throws -> ImportFile {
        var r = RowReader(row)
        return ImportFile(
            id: try r.next(), kind: try r.next(), filename: try r.next(), encoding: try r.next(), dryRun: try r.next(),
            sizeBytes: try r.next(), uploadedBy: try r.next(), state: try r.next(), rowsTotal: try r.next(),
            rowsDone: try r.next(), inserted: try r.next(), updated: try r.next(),
            problems: try r.next(JSON<[ImportProblem]>.self).value, problemCount: try r.next(), failure: try r.next(),
            jobID: try r.next(), createdAt: try r.next(), startedAt: try r.next(), finishedAt: try r.next())
    }

    public static func create(
        _ tx: TenantTransaction, id: UUID, kind: ImportKind, filename: String, encoding: CSVEncoding, dryRun: Bool, by member: UUID
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO import_file (org_id, id, kind, filename, encoding, dry_run, uploaded_by)
            VALUES (\(tx.org), \(id), \(kind), \(filename), \(encoding), \(dryRun), \(member))
            """)
    }

    public static func appendChunk(_ tx: TenantTransaction, importID: UUID, seq: Int, data: [UInt8]) async throws {
        try await tx.execute(
            "INSERT INTO import_chunk (org_id, import_id, seq, data) VALUES (\(tx.org), \(importID), \(seq), \(data))")
    }

    /// Ends the upload: the file's size, the job that will process it, and the state `queued`.
    public static func queue(_ tx: TenantTransaction, id: UUID, size: Int64, jobID: UUID) async throws -> ImportFile {
        try await tx.query(
            """
            UPDATE import_file SET size_bytes = \(size), job_id = \(jobID), state = 'queued'
            WHERE org_id = \(tx.org) AND id = \(id) RETURNING \(columns)
            """)
            .map(decode)[0]
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> ImportFile? {
        try await tx.query("SELECT \(columns) FROM import_file WHERE org_id = \(tx.org) AND id = \(id)").first.map(decode)
    }

    /// The imports `uploadedBy` made (nil: everyone's), newest first.
    public static func list(_ tx: TenantTransaction, uploadedBy: UUID?, kind: ImportKind?, after cursor: UUID?, limit: Int)
        async throws -> Page<ImportFile>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM import_file
            WHERE org_id = \(tx.org) AND (\(uploadedBy)::uuid IS NULL OR uploaded_by = \(uploadedBy))
              AND (\(kind)::text IS NULL OR kind = \(kind))
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// The file's chunk `seq` (0-based), or nil after the last.
    public static func chunk(_ tx: TenantTransaction, importID: UUID, seq: Int) async throws -> [UInt8]? {
        try await tx.query(
            "SELECT data FROM import_chunk WHERE org_id = \(tx.org) AND import_id = \(importID) AND seq = \(seq)"
        ).scalar([UInt8].self)
    }

    /// Marks the import running (a retried job finds it running already) unless it has finished; the file as it is.
    public static func start(_ tx: TenantTransaction, id: UUID) async throws -> ImportFile? {
        try await tx.query(
            """
            UPDATE import_file SET state = 'running', started_at = coalesce(started_at, banso_now()), rows_done = 0
            WHERE org_id = \(tx.org) AND id = \(id) AND state IN ('queued', 'running')
            RETURNING \(columns)
            """).first.map(decode)
    }

    /// Progress, written from its own short transaction while the import's transaction is open.
    public static func progress(_ tx: TenantTransaction, id: UUID, rowsDone: Int) async throws {
        try await tx.execute(
            "UPDATE import_file SET rows_done = \(rowsDone) WHERE org_id = \(tx.org) AND id = \(id) AND state = 'running'")
    }

    /// Records the outcome. Returns false when the import had already finished (another run of the job got there
    /// first): the caller's transaction must then roll back, so the rows are written once.
    public static func finish(
        _ tx: TenantTransaction, id: UUID, state: ImportFile.State, rowsTotal: Int, inserted: Int, updated: Int,
        problems: [ImportProblem], problemCount: Int, failure: String?
    ) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE import_file SET state = \(state), rows_total = \(rowsTotal), rows_done = \(rowsTotal), inserted = \(inserted),
                updated = \(updated), problems = \(JSON(Array(problems.prefix(problemCap)))), problem_count = \(problemCount),
                failure = \(failure), finished_at = banso_now()
            WHERE org_id = \(tx.org) AND id = \(id) AND state IN ('queued', 'running')
            """) == 1
    }

    /// A finished import's chunks are no longer needed (kept for a dry run, which the user may run for real next).
    public static func dropChunks(_ tx: TenantTransaction, id: UUID) async throws {
        try await tx.execute("DELETE FROM import_chunk WHERE org_id = \(tx.org) AND import_id = \(id)")
    }

    /// What the rows are checked against: companies, teams, active members by email, custom fields; and the org's
    /// time zone and today in it.
    public static func directory(_ tx: TenantTransaction) async throws -> (ImportDirectory, TimeZone, LocalDate) {
        let results = try await tx.batch([
            "SELECT id, name FROM company WHERE org_id = \(tx.org)",
            "SELECT id, company_id, name FROM team WHERE org_id = \(tx.org)",
            "SELECT lower(email::text), id FROM member WHERE org_id = \(tx.org) AND active",
            "SELECT key, type, choices FROM customer_field WHERE org_id = \(tx.org) AND archived_at IS NULL",
            "SELECT time_zone, (banso_now() AT TIME ZONE time_zone)::date FROM org WHERE id = \(tx.org)",
        ])
        let companies = try results[0].map { row in
            let (id, name) = try row.decode((UUID, String).self)
            return ImportDirectory.Company(id: id, name: name)
        }
        let teams = try results[1].map { row in
            let (id, company, name) = try row.decode((UUID, UUID, String).self)
            return ImportDirectory.Team(id: id, companyID: company, name: name)
        }
        var members: [String: UUID] = [:]
        for row in results[2] {
            let (email, id) = try row.decode((String, UUID).self)
            members[email] = id
        }
        let fields = try results[3].map { row in
            let (key, type, choices) = try row.decode((String, String, [String]).self)
            return ImportDirectory.Field(key: key, type: type, choices: choices)
        }
        let (zoneName, today) = try results[4][0].decode((String, LocalDate).self)
        return (
            ImportDirectory(companies: companies, teams: teams, members: members, fields: fields),
            TimeZone(identifier: zoneName) ?? TimeZone(identifier: "Asia/Tokyo")!, today
        )
    }
}
