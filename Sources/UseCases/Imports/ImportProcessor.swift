import CSV
import Database
public import Domain
public import Foundation
public import Logging
public import Store

/// Processes an uploaded import (the `customers.import` job): reads its chunks in order, one at a time, converts
/// them to UTF-8 (CP932 through iconv), parses them with CSV.swift, checks every row — its values, then the
/// importer's permission on it as its own write would be checked — and upserts in batches, all in ONE transaction:
/// any bad row and nothing is written, the import fails and every bad row is reported. Progress is written from
/// separate short transactions. A dry run does everything but commit.
///
/// Idempotent: the outcome is recorded in the import's own transaction with a guard on the state, so a job retried
/// after its worker died either finds the import finished or runs it again from nothing (nothing was committed).
public struct ImportProcessor {
    let store: Store
    let logger: Logger
    /// Rows per upsert statement.
    public var batchSize = 1000
    /// Rows between progress updates.
    public var progressEvery = 5000

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// What ends the import's transaction without committing (a dry run, or problems).
    struct Rollback: Error { let outcome: Outcome }

    struct Outcome: Sendable {
        var rows = 0
        var counts = ImportWriteRepository.Counts()
        var problems: [ImportProblem] = []
        var problemCount = 0
        var failure: String?
    }

    public func run(org: UUID, importID: UUID) async throws {
        guard let file = try await store.tenant(org, { tx in try await ImportRepository.start(tx, id: importID) }) else {
            logger.info("import already finished", metadata: ["import": "\(importID)"])
            return
        }
        let outcome: Outcome
        do {
            outcome = try await store.tenant(org) { tx in
                let caller = try await uploader(tx, file)
                var outcome = try await process(tx, file, caller)
                if outcome.problemCount > 0 || file.dryRun { throw Rollback(outcome: outcome) }
                guard try await ImportRepository.finish(
                    tx, id: file.id, state: .succeeded, rowsTotal: outcome.rows, inserted: outcome.counts.inserted,
                    updated: outcome.counts.updated, problems: [], problemCount: 0, failure: nil)
                else { throw Rollback(outcome: Outcome(failure: "finished elsewhere")) }
                try await Audit.record(
                    tx, caller, action: "import.apply", resource: "import", id: file.id,
                    after: ["kind": file.kind.rawValue, "rows": String(outcome.rows), "inserted": String(outcome.counts.inserted),
                            "updated": String(outcome.counts.updated)])
                try await ImportRepository.dropChunks(tx, id: file.id)
                outcome.failure = nil
                return outcome
            }
            logger.info("import applied", metadata: ["import": "\(importID)", "rows": "\(outcome.rows)"])
            return
        } catch let rollback as Rollback {
            if rollback.outcome.failure == "finished elsewhere" { return }
            outcome = rollback.outcome
        } catch let error as DomainError {
            outcome = Outcome(failure: error.message)
        } catch let error as DatabaseError where error.sqlState.map({ $0.hasPrefix("22") || $0.hasPrefix("23") }) == true {
            // Data the checks let through and a constraint refused: the file's fault, not worth a retry.
            outcome = Outcome(failure: "the database refused a row: \(error.constraint ?? error.message)")
        } catch let error as CharacterConverter.Failure {
            outcome = Outcome(failure: "the file is not valid \(error.encoding == "CP932" ? "CP932" : "UTF-8") (at byte \(error.offset))")
        }
        let failed = outcome.problemCount > 0 || outcome.failure != nil
        _ = try await store.tenant(org) { tx in
            try await ImportRepository.finish(
                tx, id: file.id, state: failed ? .failed : .succeeded, rowsTotal: outcome.rows,
                inserted: failed ? 0 : outcome.counts.inserted, updated: failed ? 0 : outcome.counts.updated,
                problems: outcome.problems, problemCount: outcome.problemCount, failure: outcome.failure)
        }
    }

    /// The importer as a caller with their grants as they are now (a member who lost the right, or left, imports nothing).
    func uploader(_ tx: TenantTransaction, _ file: ImportFile) async throws -> Caller {
        guard let member = try await MemberRepository.get(tx, id: file.uploadedBy), member.active else {
            throw DomainError(.forbidden, "the member who uploaded the file is no longer active")
        }
        let grants = try await GrantRepository.forMember(tx, member: member.id).map(\.grant)
        let structure = try await TeamRepository.structure(tx)
        let credential = Credential(kind: .session, id: file.id, orgID: tx.org, memberID: member.id, scopes: nil)
        let identity = Identity(
            orgID: tx.org, memberID: member.id, credential: credential,
            actor: Actor(memberID: member.id, grants: grants), structure: structure, fiscalYearStartMonth: 4)
        return Caller(identity: identity, requestID: "import-\(file.id.uuidString.lowercased())", now: store.now)
    }

    func process(_ tx: TenantTransaction, _ file: ImportFile, _ caller: Caller) async throws -> Outcome {
        let (directory, zone, today) = try await ImportRepository.directory(tx)
        var state = RunState(file: file, caller: caller, directory: directory, zone: zone, today: today)
        do {
            try await read(tx, file, &state)
            try await settle(&state)
            // Usage figures are what success measures bound to a metric are judged on: the customers they name
            // stand where their new figures put them (a tier reached or lost is announced as any other change).
            if file.kind == .usage, state.outcome.problemCount == 0 {
                try await CustomerSuccess.reconcile(
                    tx, customers: Array(state.customers.values), today: today, now: caller.now, by: caller.identity.memberID)
            }
        } catch {
            // The batch being written uses the transaction: it ends before the transaction does.
            if let pending = state.pending { _ = try? await pending.value }
            throw error
        }
        return state.outcome
    }

    func read(_ tx: TenantTransaction, _ file: ImportFile, _ state: inout RunState) async throws {
        var parser = CSVChunks()
        var converter: CharacterConverter?
        var seq = 0
        while let chunk = try await nextChunk(tx, file, seq, &state) {
            if converter == nil {
                let encoding = file.encoding == .auto ? CSVEncoding.detect(chunk.prefix(4096)) : file.encoding
                converter = encoding == .cp932 ? try .cp932Decoder() : try .utf8Validator()
            }
            let text = try converter!.convert(chunk)
            for fields in try parser.feed(text) { try await handle(fields, &state, tx) }
            seq += 1
        }
        if let converter { _ = try converter.convert([], final: true) }
        for fields in try parser.finish() { try await handle(fields, &state, tx) }
        if state.header == nil {
            state.problem(ImportProblem(line: 1, column: nil, reason: "the file is empty"))
        }
        try await flush(&state, tx)
    }

    /// The next chunk, once the batch being written is done with the transaction.
    func nextChunk(_ tx: TenantTransaction, _ file: ImportFile, _ seq: Int, _ state: inout RunState) async throws -> [UInt8]? {
        try await settle(&state)
        return try await ImportRepository.chunk(tx, importID: file.id, seq: seq)
    }

    /// Waits for the batch being written (if any) and counts its rows. Every statement of the import's transaction
    /// comes after it: a transaction runs one statement at a time.
    func settle(_ state: inout RunState) async throws {
        guard let pending = state.pending else { return }
        state.pending = nil
        state.outcome.counts = state.outcome.counts + (try await pending.value)
    }

    /// What one run keeps between rows.
    struct RunState {
        let file: ImportFile
        let caller: Caller
        let directory: ImportDirectory
        let zone: TimeZone
        let today: LocalDate
        var header: ImportHeader?
        var validator: ImportValidator?
        var line = 0
        var batch: [ImportRecord] = []
        var seen: [String: Int] = [:]
        var customers: [CustomerReference: Customer] = [:]
        var outcome = Outcome()
        var lastProgress = 0
        /// The upsert of the last checked batch, running while the next batch is parsed and checked (the database
        /// writes one batch as the worker reads the next). ``settle(_:)`` waits for it.
        var pending: Task<ImportWriteRepository.Counts, any Error>?

        init(file: ImportFile, caller: Caller, directory: ImportDirectory, zone: TimeZone, today: LocalDate) {
            (self.file, self.caller, self.directory, self.zone, self.today) = (file, caller, directory, zone, today)
        }

        mutating func problem(_ problem: ImportProblem) {
            outcome.problemCount += 1
            if outcome.problems.count < ImportRepository.problemCap { outcome.problems.append(problem) }
        }

        var authorizer: Authorizer { caller.identity.authorizer }
        var actor: Actor { caller.identity.actor }
    }

    func handle(_ fields: [String], _ state: inout RunState, _ tx: TenantTransaction) async throws {
        state.line += 1
        guard let validator = state.validator else {
            let header = ImportHeader(kind: state.file.kind, fields: fields, customFieldKeys: Set(state.directory.fields.keys))
            state.header = header
            state.validator = ImportValidator(header: header, directory: state.directory, zone: state.zone)
            for problem in header.problems { state.problem(problem) }
            return
        }
        let row = ImportRow(line: state.line, fields: fields, header: validator.header)
        if row.isBlank { return }
        state.outcome.rows += 1
        let (record, problems) = validator.validate(row)
        for problem in problems { state.problem(problem) }
        if let record {
            if let key = record.key {
                if let first = state.seen[key] {
                    state.problem(ImportProblem(line: row.line, column: "external_id", reason: "the same key as line \(first)"))
                    return
                }
                state.seen[key] = row.line
            }
            state.batch.append(record)
        }
        if state.batch.count >= batchSize { try await flush(&state, tx) }
        if state.outcome.rows - state.lastProgress >= progressEvery {
            state.lastProgress = state.outcome.rows
            let (id, done) = (state.file.id, state.outcome.rows)
            try await store.tenant(tx.org) { progress in try await ImportRepository.progress(progress, id: id, rowsDone: done) }
        }
    }

    /// Checks a batch against the database and the importer's permissions; writes it while the file has no problem.
    func flush(_ state: inout RunState, _ tx: TenantTransaction) async throws {
        let batch = state.batch
        state.batch = []
        guard !batch.isEmpty else { return }
        try await settle(&state)
        if state.file.kind == .customers {
            try await flushCustomers(batch, &state, tx)
            return
        }
        // The customers the rows name, read once per import.
        let missing = Set(batch.compactMap(\.customer)).filter { state.customers.index(forKey: $0) == nil }
        var externals: [String] = [], ids: [UUID] = []
        for ref in missing {
            switch ref {
            case .externalID(let key): externals.append(key)
            case .id(let id): ids.append(id)
            }
        }
        for customer in try await ImportWriteRepository.customers(tx, externalIDs: externals, ids: ids) {
            state.customers[.id(customer.id)] = customer
            if let key = customer.externalID { state.customers[.externalID(key)] = customer }
        }
        let keys = batch.compactMap { record -> String? in
            if case .revenue = record { return nil }
            if case .usage = record { return nil }
            return record.key
        }
        let previous = try await ImportWriteRepository.owningCustomers(tx, kind: state.file.kind, keys: keys)
        let erased = state.file.kind == .contacts ? try await ImportWriteRepository.erasedContacts(tx, externalIDs: keys) : []
        var previousCustomers: [UUID: Customer] = [:]
        let unknownPrevious = Set(previous.values).filter { state.customers.index(forKey: .id($0)) == nil }
        if !unknownPrevious.isEmpty {
            for customer in try await ImportWriteRepository.customers(tx, externalIDs: [], ids: Array(unknownPrevious)) {
                state.customers[.id(customer.id)] = customer
            }
        }
        for id in Set(previous.values) { previousCustomers[id] = state.customers[.id(id)] }

        var accepted: [(ImportRecord, UUID)] = []
        for record in batch {
            let column = record.customer.map { if case .id = $0 { "customer_id" } else { "customer_external_id" } } ?? "customer_external_id"
            let columnName = state.header?.name(column) ?? column
            guard let ref = record.customer, let customer = state.customers[ref],
                CustomerAccessRules.canRead(state.actor, state.authorizer, customer)
            else {
                state.problem(ImportProblem(line: record.line, column: columnName, reason: "no such customer"))
                continue
            }
            if customer.archivedAt != nil || customer.mergedInto != nil {
                state.problem(ImportProblem(line: record.line, column: columnName, reason: "the customer is archived or merged"))
                continue
            }
            var targets = [customer]
            if let key = record.key, let before = previous[key], before != customer.id, let old = previousCustomers[before] {
                targets.append(old)
            }
            if let refusal = refusal(record, targets, state) {
                state.problem(ImportProblem(line: record.line, column: columnName, reason: refusal))
                continue
            }
            if case .contact(let contact) = record, erased.contains(contact.externalID) {
                state.problem(ImportProblem(
                    line: record.line, column: state.header?.name("external_id") ?? "external_id",
                    reason: "this contact's personal data was erased; it cannot be imported again"))
                continue
            }
            accepted.append((record, customer.id))
        }
        guard state.outcome.problemCount == 0 else { return }
        let existing = Set(previous.keys)
        state.pending = Task { try await Self.write(accepted, tx, existing: existing) }
    }

    /// Why the importer may not write this row, if they may not: as the single write of the row would be checked.
    func refusal(_ record: ImportRecord, _ customers: [Customer], _ state: RunState) -> String? {
        let (actor, authorizer) = (state.actor, state.authorizer)
        for customer in customers {
            switch record {
            case .contract, .revenue:
                if !authorizer.can(actor, .manageCustomers, in: customer.scope).allowed {
                    return "you may not edit this customer's contracts and revenue"
                }
            case .ticket:
                if !authorizer.can(actor, .writeTickets, in: customer.scope).allowed {
                    return "you may not write this customer's tickets"
                }
            default:
                if !CustomerAccessRules.canEdit(actor, authorizer, customer) { return "you may not edit this customer" }
            }
        }
        return nil
    }

    /// `existing`: the keys of rows already in the table (they update, and need no new id).
    static func write(_ rows: [(ImportRecord, UUID)], _ tx: TenantTransaction, existing: Set<String> = [])
        async throws -> ImportWriteRepository.Counts
    {
        var contacts: [(ContactImportRecord, UUID)] = [], contracts: [(ContractImportRecord, UUID)] = []
        var revenue: [(RevenueImportRecord, UUID)] = [], usage: [(UsageImportRecord, UUID)] = []
        var nps: [(NPSImportRecord, UUID)] = [], tickets: [(TicketImportRecord, UUID)] = []
        for (record, customer) in rows {
            switch record {
            case .contact(let r): contacts.append((r, customer))
            case .contract(let r): contracts.append((r, customer))
            case .revenue(let r): revenue.append((r, customer))
            case .usage(let r): usage.append((r, customer))
            case .nps(let r): nps.append((r, customer))
            case .ticket(let r): tickets.append((r, customer))
            case .customer: break
            }
        }
        var counts = ImportWriteRepository.Counts()
        counts = counts + (try await ImportWriteRepository.upsertContacts(tx, contacts))
        counts = counts + (try await ImportWriteRepository.upsertContracts(tx, contracts))
        counts = counts + (try await ImportWriteRepository.upsertRevenue(tx, revenue))
        counts = counts + (try await ImportWriteRepository.upsertUsage(tx, usage))
        counts = counts + (try await ImportWriteRepository.upsertNPS(tx, nps))
        counts = counts + (try await ImportWriteRepository.upsertTickets(tx, tickets, existing: existing))
        return counts
    }

    func flushCustomers(_ batch: [ImportRecord], _ state: inout RunState, _ tx: TenantTransaction) async throws {
        let records = batch.compactMap { if case .customer(let r) = $0 { r } else { nil } }
        let existing = try await ImportWriteRepository.customers(tx, externalIDs: records.map(\.externalID))
        var rows: [Customer] = [], previous: [UUID: Customer] = [:]
        let (actor, authorizer) = (state.actor, state.authorizer)
        for record in records {
            let before = existing[record.externalID]
            let after: Customer
            switch record.applied(to: before, newID: .v7(), today: state.today, now: state.caller.now) {
            case .success(let customer): after = customer
            case .failure(let problem):
                state.problem(ImportProblem(line: problem.line, column: state.header?.name(problem.column ?? "") ?? problem.column, reason: problem.reason))
                continue
            }
            if let before, !CustomerAccessRules.canEdit(actor, authorizer, before) {
                state.problem(ImportProblem(
                    line: record.line, column: state.header?.name("external_id") ?? "external_id", reason: "you may not edit this customer"))
                continue
            }
            if !CustomerAccessRules.canEdit(actor, authorizer, after) {
                let inScope = authorizer.can(actor, .manageCustomers, in: after.scope).allowed
                    || authorizer.can(actor, .writeOwnCustomers, in: after.scope).allowed
                let column = inScope ? "owner_email" : (after.teamID != nil ? "team" : "company")
                let reason = inScope
                    ? "you may only import customers you own into this team"
                    : "you may not write customers in this team or company"
                state.problem(ImportProblem(line: record.line, column: state.header?.name(column) ?? column, reason: reason))
                continue
            }
            if let before { previous[before.id] = before }
            rows.append(after)
        }
        guard state.outcome.problemCount == 0 else { return }
        state.outcome.counts = state.outcome.counts
            + (try await ImportWriteRepository.upsertCustomers(tx, rows, previous: previous, today: state.today, by: actor.memberID))
    }
}

/// Cuts converted UTF-8 text into whole CSV records and hands them to CSV.swift's reader: a record ends at a line
/// break outside quotes (RFC 4180 doubles a quote inside a quoted field, so the parity of quotes tells). Whatever
/// follows the last complete record waits for the next chunk; the text is never held whole.
struct CSVChunks {
    private var pending: [UInt8] = []
    private var scanned = 0
    private var quoted = false
    private var started = false

    mutating func feed(_ bytes: [UInt8]) throws -> [[String]] {
        pending.append(contentsOf: bytes)
        if !started {
            guard pending.count >= 3 || bytes.isEmpty else { return [] }
            if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
            started = true
        }
        var cut: Int?
        var i = scanned
        while i < pending.count {
            let byte = pending[i]
            if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: "\n"), !quoted { cut = i }
            i += 1
        }
        scanned = pending.count
        guard let cut else { return [] }
        let records = try parse(Array(pending[...cut]))
        pending.removeSubrange(...cut)
        scanned = pending.count
        // The quote state after the cut: it was even at the cut, so recount the rest.
        quoted = pending.reduce(false) { $1 == UInt8(ascii: "\"") ? !$0 : $0 }
        return records
    }

    mutating func finish() throws -> [[String]] {
        if !started, pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
        started = true
        guard !pending.isEmpty else { return [] }
        defer { pending = [] }
        return try parse(pending)
    }

    private func parse(_ bytes: [UInt8]) throws -> [[String]] {
        let reader = try CSVReader(string: String(decoding: bytes, as: UTF8.self))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if reader.error != nil { throw DomainError(.invalid, "the file is not valid CSV") }
        return rows
    }
}
