public import Database
public import Domain
public import Foundation

extension CustomerField.FieldType: TextColumn {}

/// The org's custom field definitions. Values live in `customer.custom` under each field's key.
public enum CustomerFieldRepository {
    static let columns: SQLQuery = "id, key, label_ja, label_en, type, choices, position, archived_at, created_at, version"

    static func decode(_ row: Row) throws -> CustomerField {
        var r = RowReader(row)
        return CustomerField(
            id: try r.next(), key: try r.next(), labelJa: try r.next(), labelEn: try r.next(), type: try r.next(),
            choices: try r.next(), position: try r.next(), archivedAt: try r.next(), createdAt: try r.next(),
            version: try r.next())
    }

    /// Every field, archived ones too, in the order forms show them.
    public static func all(_ tx: TenantTransaction) async throws -> [CustomerField] {
        try await tx.query("SELECT \(columns) FROM customer_field WHERE org_id = \(tx.org) ORDER BY position, key, id").map(decode)
    }

    public static func count(_ tx: TenantTransaction) async throws -> Int {
        let rows = try await tx.query("SELECT count(*)::bigint FROM customer_field WHERE org_id = \(tx.org)")
        return Int(try rows[0].decode(Int64.self, at: 0))
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> CustomerField? {
        try await tx.query("SELECT \(columns) FROM customer_field WHERE org_id = \(tx.org) AND id = \(id) FOR UPDATE")
            .first.map(decode)
    }

    public static func exists(_ tx: TenantTransaction, key: String) async throws -> Bool {
        try await !tx.query("SELECT 1 FROM customer_field WHERE org_id = \(tx.org) AND key = \(key)").isEmpty
    }

    public static func insert(_ tx: TenantTransaction, _ f: CustomerField) async throws -> CustomerField {
        let rows = try await tx.query(
            """
            INSERT INTO customer_field (org_id, id, key, label_ja, label_en, type, choices, position)
            VALUES (\(tx.org), \(f.id), \(f.key), \(f.labelJa), \(f.labelEn), \(f.type), \(f.choices), \(f.position))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func update(_ tx: TenantTransaction, _ f: CustomerField) async throws -> CustomerField {
        let rows = try await tx.query(
            """
            UPDATE customer_field SET label_ja = \(f.labelJa), label_en = \(f.labelEn), type = \(f.type),
                choices = \(f.choices), position = \(f.position), archived_at = \(f.archivedAt), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(f.id)
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Whether any customer holds a value under `key`.
    public static func inUse(_ tx: TenantTransaction, key: String) async throws -> Bool {
        try await !tx.query("SELECT 1 FROM customer WHERE org_id = \(tx.org) AND custom ? \(key) LIMIT 1").isEmpty
    }

    /// Of `choices`, those some customer holds under `key`.
    public static func choicesInUse(_ tx: TenantTransaction, key: String, among choices: [String]) async throws -> [String] {
        guard !choices.isEmpty else { return [] }
        return try await tx.query(
            """
            SELECT DISTINCT custom ->> \(key) FROM customer
            WHERE org_id = \(tx.org) AND custom ->> \(key) = ANY(\(choices))
            """
        ).map { try $0.decode(String.self, at: 0) }
    }
}
