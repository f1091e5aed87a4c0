public import Domain
public import Foundation
public import Store

/// CSV imports (issue 13): the upload streams the file into chunks in one transaction and queues the job that
/// processes it (``ImportProcessor``); the importer follows its progress and reads every problem.
public struct Imports {
    let tx: TenantTransaction
    let caller: Caller

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The job kind that processes an upload.
    public static let jobKind = "customers.import"
    /// An upload's limit (its own; the API's body limit does not apply to it).
    public static let maxBytes = 50 << 20
    /// Chunks of the stored file.
    public static let chunkBytes = 1 << 20

    /// The upload went over ``maxBytes``: the transaction rolls back, nothing is stored.
    public struct TooLarge: Error, Sendable { public let limit: Int }

    public struct Upload: Sendable {
        public var kind: ImportKind
        public var encoding: CSVEncoding
        public var dryRun: Bool
        public var filename: String

        public init(kind: ImportKind, encoding: CSVEncoding, dryRun: Bool, filename: String) {
            (self.kind, self.encoding, self.dryRun, self.filename) = (kind, encoding, dryRun, filename)
        }
    }

    /// Whether the caller may import at all (each row is checked again as its own write would be).
    public static func check(_ identity: Identity, _ upload: Upload) throws {
        let reach = identity.reach(.importCustomers)
        guard reach.anywhere else {
            throw DomainError(.forbidden, "importing needs the customers.import permission", permission: Permission.importCustomers.rawValue)
        }
        if upload.kind.carriesValues, !identity.reach(.manageCustomers).anywhere {
            throw DomainError(
                .forbidden, "importing contracts or revenue needs the customers.manage permission",
                permission: Permission.manageCustomers.rawValue)
        }
        let name = upload.filename.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 300 else {
            throw DomainError(.invalid, "the file name is 1 to 300 characters", field: "filename")
        }
        // PostgreSQL text cannot hold NUL and other control characters have no place in a name shown on pages and
        // in the audit: refused here, for every way in (API header, page upload), before anything is stored.
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError(.invalid, "the file name cannot contain control characters", field: "filename")
        }
    }

    /// Stores the body as it arrives (`next` answers the next piece, nil at the end) in chunks of ~1 MB — never the
    /// whole file in memory — and queues the job, all in the request's transaction.
    public func upload(_ upload: Upload, next: () async throws -> [UInt8]?) async throws -> ImportFile {
        try Self.check(caller.identity, upload)
        let id = UUID.v7()
        try await ImportRepository.create(
            tx, id: id, kind: upload.kind, filename: upload.filename, encoding: upload.encoding, dryRun: upload.dryRun,
            by: caller.identity.memberID)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.chunkBytes)
        var size = 0, seq = 0
        while let piece = try await next() {
            size += piece.count
            if size > Self.maxBytes { throw TooLarge(limit: Self.maxBytes) }
            buffer.append(contentsOf: piece)
            if buffer.count >= Self.chunkBytes {
                try await ImportRepository.appendChunk(tx, importID: id, seq: seq, data: buffer)
                seq += 1
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty || seq == 0 {
            try await ImportRepository.appendChunk(tx, importID: id, seq: seq, data: buffer)
        }
        let payload = "{\"import_id\":\"\(id.uuidString.lowercased())\"}"
        let jobID = UUID.v7()
        _ = try await JobRepository.enqueue(
            tx, NewJob(kind: Self.jobKind, payload: payload, orgID: tx.org, maxAttempts: 5, uniqueKey: "import:\(id)", id: jobID))
        let file = try await ImportRepository.queue(tx, id: id, size: Int64(size), jobID: jobID)
        try await Audit.record(
            tx, caller, action: "import.upload", resource: "import", id: id,
            after: ["kind": upload.kind.rawValue, "filename": upload.filename, "dry_run": String(upload.dryRun), "bytes": String(size)])
        return file
    }

    /// Whether the caller sees every import of the org (managers and CS operations of the whole org) or only their own.
    var seesAll: Bool { caller.identity.reach(.manageCustomers).everywhere }

    /// An import the caller uploaded, or any for an org-wide manager; else not found.
    public func get(_ id: UUID) async throws -> ImportFile {
        guard let file = try await ImportRepository.get(tx, id: id), seesAll || file.uploadedBy == caller.identity.memberID else {
            throw DomainError(.notFound, "no such import")
        }
        return file
    }

    public func list(kind: ImportKind?, after cursor: UUID?, limit: Int) async throws -> Page<ImportFile> {
        try await ImportRepository.list(
            tx, uploadedBy: seesAll ? nil : caller.identity.memberID, kind: kind, after: cursor, limit: limit)
    }
}
