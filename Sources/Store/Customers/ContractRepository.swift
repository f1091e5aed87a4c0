public import Database
public import Domain
public import Foundation

extension Contract.Status: TextColumn {}
extension RenewalOutcome: TextColumn {}

/// Contracts of customers: ARR in minor units with its currency, the term, the notice period and the renewal's
/// outcome. Rows are never deleted (the back-test and revenue history read old contracts).
public enum ContractRepository {
    static let columns: SQLQuery = """
        id, customer_id, external_id, name, arr_minor, currency, start_date, end_date, auto_renews, notice_days,
        notice_months, status, renewal_outcome, created_at, updated_at, version
        """

    static func decode(_ row: Row) throws -> Contract {
        var r = RowReader(row)
        let id: UUID = try r.next()
        let customer: UUID = try r.next()
        let external: String? = try r.next()
        let name: String? = try r.next()
        let minor: Int64 = try r.next()
        let currency = try CurrencyCode(try r.next(String.self))
        return Contract(
            id: id, customerID: customer, externalID: external, name: name,
            arr: Money(minorUnits: minor, currency: currency), startDate: try r.next(), endDate: try r.next(),
            autoRenews: try r.next(), noticeDays: try r.next(), noticeMonths: try r.next(), status: try r.next(),
            renewalOutcome: try r.next(), createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    static let conflicts = ["contract_org_id_external_id_key": ("external_id", "another contract has this external id")]

    public static func insert(_ tx: TenantTransaction, _ c: Contract) async throws -> Contract {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO contract (org_id, id, customer_id, external_id, name, arr_minor, currency, start_date, end_date,
                    auto_renews, notice_days, notice_months, status, renewal_outcome)
                VALUES (\(tx.org), \(c.id), \(c.customerID), \(c.externalID), \(c.name), \(c.arr.minorUnits),
                    \(c.arr.currency.rawValue), \(c.startDate), \(c.endDate), \(c.autoRenews), \(c.noticeDays),
                    \(c.noticeMonths), \(c.status), \(c.renewalOutcome))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> Contract? {
        let locking: SQLQuery = lock ? "FOR UPDATE" : ""
        return try await tx.query("SELECT \(columns) FROM contract WHERE org_id = \(tx.org) AND id = \(id) \(locking)")
            .first.map(decode)
    }

    /// Writes every field of `c` and bumps the version.
    public static func update(_ tx: TenantTransaction, _ c: Contract) async throws -> Contract {
        do {
            let rows = try await tx.query(
                """
                UPDATE contract SET external_id = \(c.externalID), name = \(c.name), arr_minor = \(c.arr.minorUnits),
                    currency = \(c.arr.currency.rawValue), start_date = \(c.startDate), end_date = \(c.endDate),
                    auto_renews = \(c.autoRenews), notice_days = \(c.noticeDays), notice_months = \(c.noticeMonths),
                    status = \(c.status), renewal_outcome = \(c.renewalOutcome), updated_at = banso_now(), version = version + 1
                WHERE org_id = \(tx.org) AND id = \(c.id)
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    /// A customer's contracts, a keyset page by id (v7 ids: the order they were entered in).
    public static func list(_ tx: TenantTransaction, customer: UUID, after cursor: UUID?, limit: Int) async throws -> Page<Contract> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM contract
            WHERE org_id = \(tx.org) AND customer_id = \(customer)
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }
}
