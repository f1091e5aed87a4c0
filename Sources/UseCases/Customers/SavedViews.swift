import Domain
public import Foundation
public import Store

/// A member's own saved list views: a name and the list's query string, checked by reading it as the list does.
/// Nobody sees or deletes another member's views.
public struct SavedViews: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    /// The pages that have views, and how many one member keeps per page.
    public static let pages: Set<String> = ["customers"]
    public static let limit = 50

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public func list(page: String?) async throws -> [SavedViewRepository.View] {
        if let page, !Self.pages.contains(page) { throw DomainError(.invalid, "page is customers", field: "page") }
        return try await SavedViewRepository.list(tx, member: identity.memberID, page: page)
    }

    public func create(page: String, name: String, query: String) async throws -> SavedViewRepository.View {
        guard Self.pages.contains(page) else { throw DomainError(.invalid, "page is customers", field: "page") }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw DomainError(.invalid, "a view's name has 1 to 100 characters", field: "name") }
        let query = try Self.checkedQuery(query)
        guard try await !SavedViewRepository.named(tx, member: identity.memberID, page: page, name: name) else {
            throw DomainError(.conflict, "you already have a view of this name", field: "name")
        }
        guard try await SavedViewRepository.count(tx, member: identity.memberID, page: page) < Self.limit else {
            throw DomainError(.conflict, "you keep at most 50 views of a page")
        }
        let view = try await SavedViewRepository.insert(
            tx, member: identity.memberID, .init(id: .v7(), page: page, name: name, query: query, createdAt: caller.now))
        try await Audit.record(tx, caller, action: "saved_view.create", resource: "saved_view", id: view.id, after: view)
        return view
    }

    public func delete(_ id: UUID) async throws {
        guard let view = try await SavedViewRepository.delete(tx, member: identity.memberID, id: id) else {
            throw DomainError(.notFound, "saved view not found")
        }
        try await Audit.record(tx, caller, action: "saved_view.delete", resource: "saved_view", id: id, before: view)
    }

    /// The query string without its `?`, refused (field `query`) when it names a parameter the list does not read
    /// or a page position, or (field `query.<name>`) when a value is one the list would refuse.
    static func checkedQuery(_ text: String) throws -> String {
        let query = text.hasPrefix("?") ? String(text.dropFirst()) : text
        guard query.count <= 2000 else { throw DomainError(.invalid, "a view's query is at most 2000 characters", field: "query") }
        let pairs = CustomerListQuery.pairs(of: query)
        guard pairs.allSatisfy({ CustomerListQuery.parameterNames.contains($0.name) }) else {
            throw DomainError(.invalid, "the query names a parameter the customer list does not read", field: "query")
        }
        do {
            _ = try CustomerListQuery.parse(pairs)
        } catch var error as DomainError {
            error.field = error.field.map { "query.\($0)" } ?? "query"
            throw error
        }
        return query
    }
}
