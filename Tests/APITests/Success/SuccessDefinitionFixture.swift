import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// Success definitions, contracts and usage figures for the success tests, made through the API where the test is
/// about them and straight into the store where they are only the ground the test stands on.
enum SuccessDefinitionFixture {
    /// A light definition with two required manual measures and an optional one.
    static let lightJSON = #"""
        {"tier":"light","definition":"現場の予算回収が早くなる","audience":"経営企画部","aims":["締め作業を3日短縮"],
         "measures":[{"name":"締めが3日早まった","kind":"manual"},{"name":"現場が毎日使っている"},
                     {"name":"役員が話題にした","required":false}],
         "method":"サクセスプログラムとペアサポート"}
        """#

    /// A deep definition bound to the `seats` usage metric.
    static let deepJSON = #"""
        {"tier":"deep","definition":"経営判断に使われる","audience":"取締役会",
         "measures":[{"name":"Seats in use","kind":"metric","metric":"seats","comparison":">=","threshold":50}]}
        """#

    /// Creates a definition and answers its JSON (failing the test on anything but 201).
    static func create(_ client: any TestClientProtocol, token: String, _ json: String) async throws -> [String: Any] {
        let response = try await client.call(.post, "/v1/success-definitions", token: token, json: json)
        #expect(response.status == .created, "\(response.body)")
        return response.body
    }

    static func measureIDs(_ definition: [String: Any]) -> [String] {
        (definition["measures"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// A contract starting on `start` (a year long), straight into the store.
    static func addContract(_ store: Store, _ org: TenantOrg, customer: UUID, start: String) async throws {
        let startDay = try #require(LocalDate(iso: start))
        try await store.tenant(org.orgID) { tx in
            try await tx.execute(
                """
                INSERT INTO contract (org_id, id, customer_id, arr_minor, currency, start_date, end_date)
                VALUES (\(org.orgID), \(UUID.v7()), \(customer), 1200000, 'JPY', \(startDay), \(startDay.adding(months: 12).adding(days: -1)))
                """)
        }
    }

    /// A usage figure of `metric` on `day`, as an import would store it.
    static func addUsage(_ store: Store, _ org: TenantOrg, customer: UUID, metric: String, day: String, value: Double) async throws {
        let on = try #require(LocalDate(iso: day))
        try await store.tenant(org.orgID) { tx in
            try await tx.execute(
                "INSERT INTO usage_metric (org_id, customer_id, metric, day, value) VALUES (\(org.orgID), \(customer), \(metric), \(on), \(value))")
        }
    }

    /// The tier object of a success status answer.
    static func tier(_ status: [String: Any], _ name: String) -> [String: Any] {
        (status["tiers"] as? [[String: Any]] ?? []).first { $0["tier"] as? String == name } ?? [:]
    }

    static func measures(_ tier: [String: Any]) -> [[String: Any]] {
        tier["measures"] as? [[String: Any]] ?? []
    }
}
