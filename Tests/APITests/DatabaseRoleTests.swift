import API
import UseCases
import Credentials
import Settings
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import TestSupport
import Testing

/// Issue 10, hardening: serve and worker can run as a login role that owns nothing and is a member of banso_app
/// only; that role serves requests and cannot change the schema.
@Suite struct DatabaseRoleTests {
    @Test func theServerRunsAsARoleThatOwnsNothing() async throws {
        try await TestDatabase.with { db, url in
            // Roles are cluster-wide and tests run side by side: a name of this test's own.
            let role = "banso_server_" + UUID().uuidString.prefix(8).lowercased()
            _ = try await db.query("CREATE ROLE \(identifier: role) LOGIN IN ROLE banso_app")
            defer { Task { _ = try? await db.query("DROP ROLE IF EXISTS \(identifier: role)") } }
            var components = URLComponents(string: url)!
            components.user = role
            let serverURL = components.string!

            // As that role: no CREATE in public, no table of its own to alter.
            let server = Database(configuration: DatabaseConfiguration(url: serverURL, poolSize: 1))
            defer { server.close() }
            await #expect(throws: DatabaseError.self) { try await server.query("CREATE TABLE public.intruder (id int)") }
            await #expect(throws: DatabaseError.self) { try await server.query("ALTER TABLE org ADD COLUMN intruder int") }
            await #expect(throws: DatabaseError.self) { try await server.query("DROP TABLE audit_event") }
            #expect(try await db.query("SELECT has_schema_privilege('banso_app', 'public', 'CREATE')").scalar(Bool.self) == false)

            // And it serves: an org made by the owner is read through the real router as the server role.
            let org = try await OrgProvisioning.create(
                .init(name: "Roles", ownerEmail: "owner@roles.example", ownerPassword: "correct horse battery"), store: Store.testing(db))
            var configuration = AppConfiguration(databaseURL: serverURL, migrationsDirectory: TestDatabase.migrationsDirectory.path)
            configuration.metricsPort = 0
            configuration.secretBox = TestSecrets.box
            let app = try await buildApplication(configuration: configuration, logger: Logger(label: "test"), clock: TestClock.clock)
            try await app.test(.router) { client in
                let me = try await client.call(.get, "/v1/me", token: org.token)
                #expect(me.status == .ok)
                let created = try await client.call(.post, "/v1/companies", token: org.token, json: #"{"name":"SMB"}"#)
                #expect(created.status == .created)
            }
        }
    }
}
