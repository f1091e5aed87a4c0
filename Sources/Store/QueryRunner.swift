public import Database

/// What a repository needs to run its statements: a plain transaction (system work, jobs) or a tenant one.
/// Repositories that are not bound to one organisation's rows — an organisation's own row, the job queue, the
/// schedules — take either, so a request's tenant transaction can call them without unwrapping.
public protocol QueryRunner: Sendable {
    @discardableResult func query(_ query: SQLQuery) async throws -> QueryResult
    @discardableResult func execute(_ query: SQLQuery) async throws -> Int
    func batch(_ queries: [SQLQuery]) async throws -> [QueryResult]
}

extension Transaction: QueryRunner {}
extension TenantTransaction: QueryRunner {}
