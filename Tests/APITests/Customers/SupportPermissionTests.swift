import API
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// Issue 13's matrix for the support part: who reads and who writes tickets, expansion signals, problem records and
/// the timeline — by role, on the SMB CSM's own customer and on another CSM's — and what a read-only token may do.
@Suite struct SupportPermissionTests {
    @Test func matrix() async throws {
        try await withTenants { client, a, _, services in
            let w = try await SupportWorld.make(a, services.store)
            let cast: [(String, String)] = [
                ("owner", a.ownerToken), ("smb manager", a.smbManagerToken), ("csm", a.csmToken), ("csm2", w.csm2.token),
                ("ops", w.ops.token), ("support", w.support.token), ("viewer", a.viewerToken), ("enterprise csm", w.entCSM.token),
            ]
            // Who reads an SMB customer's tickets and timeline: everyone in SMB; the Enterprise viewer and CSM get 404.
            let readers: Set<String> = ["owner", "smb manager", "csm", "csm2", "ops", "support"]
            let seed = try await client.call(.post, "/v1/customers/\(w.other.lower)/tickets", token: w.support.token, json: body(["title": "seed"]))
            let seedID = try #require(seed.body["id"] as? String)
            for (name, token) in cast {
                for path in ["/v1/customers/\(w.own.lower)/tickets", "/v1/customers/\(w.other.lower)/timeline", "/v1/tickets/\(seedID)"] {
                    let response = try await client.call(.get, path, token: token)
                    #expect(response.status == (readers.contains(name) ? .ok : .notFound), "\(name) GET \(path): \(response.status)")
                }
                let listed = try await client.call(.get, "/v1/tickets", token: token).body.ids
                #expect(listed.contains(seedID.lowercased()) == readers.contains(name), "\(name) lists the ticket")
            }
            // Who writes tickets and timeline entries, on the CSM's own customer and on another CSM's in the same team:
            // support, the team's CSMs, the SMB manager, ops and the owner. The viewer and the other team's CSM cannot.
            let writers: Set<String> = ["owner", "smb manager", "csm", "csm2", "ops", "support"]
            for (name, token) in cast {
                for customer in [w.own, w.other] {
                    let ticket = try await client.call(.post, "/v1/customers/\(customer.lower)/tickets", token: token, json: body(["title": "by \(name)"]))
                    let entry = try await client.call(.post, "/v1/customers/\(customer.lower)/timeline", token: token,
                                                      json: body(["kind": "call", "title": "by \(name)"]))
                    let refused: HTTPResponse.Status = readers.contains(name) ? .forbidden : .notFound
                    #expect(ticket.status == (writers.contains(name) ? .created : refused), "\(name) POST ticket: \(ticket.status)")
                    #expect(entry.status == (writers.contains(name) ? .created : refused), "\(name) POST timeline: \(entry.status)")
                }
            }
            // Editing a ticket and raising an expansion signal follow the same rule.
            for (name, token) in cast {
                let patched = try await client.call(.patch, "/v1/tickets/\(seedID)", token: token, json: body(["product": "p-\(name)"]))
                #expect(patched.status == (writers.contains(name) ? .ok : readers.contains(name) ? .forbidden : .notFound), "\(name) PATCH ticket")
            }
            let viewerSignal = try await client.call(.post, "/v1/tickets/\(seedID)/expansion-signal", token: a.viewerToken,
                                                     json: body(["note": "x", "hand_to": "csm"]))
            #expect(viewerSignal.status == .notFound)
            let supportSignal = try await client.call(.post, "/v1/tickets/\(seedID)/expansion-signal", token: w.support.token,
                                                      json: body(["note": "追加の相談", "hand_to": "csm"]))
            #expect(supportSignal.status == .created, "support raises expansion signals: \(supportSignal.body)")

            // A timeline entry is edited by its author or by whoever manages the customer (manager, ops, owner);
            // not by another CSM of the team nor by support.
            let entry = try await client.call(.post, "/v1/customers/\(w.other.lower)/timeline", token: w.csm2.token,
                                              json: body(["kind": "meeting", "title": "キックオフ"]))
            let entryID = try #require(entry.body["id"] as? String)
            let editors: Set<String> = ["owner", "smb manager", "ops", "csm2"]
            for (name, token) in cast {
                let response = try await client.call(.patch, "/v1/timeline/\(entryID)", token: token, json: body(["title": "キックオフ (\(name))"]))
                let expected: HTTPResponse.Status = editors.contains(name) ? .ok : readers.contains(name) ? .forbidden : .notFound
                #expect(response.status == expected, "\(name) PATCH timeline: \(response.status)")
            }

            // Problem records in SMB: written where tickets are written over the company (support, ops, the SMB manager,
            // the owner); a team's CSM reads them but does not write them.
            let problemWriters: Set<String> = ["owner", "smb manager", "ops", "support"]
            var problemID = ""
            for (name, token) in cast {
                let response = try await client.call(.post, "/v1/problems", token: token, json: body(["title": "by \(name)", "company_id": a.smb.lower]))
                #expect(response.status == (problemWriters.contains(name) ? .created : .forbidden), "\(name) POST problem: \(response.status)")
                if name == "support" { problemID = try #require(response.body["id"] as? String) }
            }
            for (name, token) in cast {
                let read = try await client.call(.get, "/v1/problems/\(problemID)", token: token)
                #expect(read.status == (readers.contains(name) ? .ok : .notFound), "\(name) GET problem: \(read.status)")
                let link = try await client.call(.post, "/v1/problems/\(problemID)/customers/\(w.own.lower)", token: token)
                let expected: HTTPResponse.Status = problemWriters.contains(name) ? .ok : readers.contains(name) ? .forbidden : .notFound
                #expect(link.status == expected, "\(name) add customer to problem: \(link.status)")
            }
            // An org-wide problem is written only with an org-wide grant.
            try await check(await client.call(.post, "/v1/problems", token: w.support.token, json: body(["title": "全社"])).status == .forbidden)
            try await check(await client.call(.post, "/v1/problems", token: a.ownerToken, json: body(["title": "全社"])).status == .created)

            // The report: anyone reads it over what they read.
            for (name, token) in cast {
                try await check(await client.call(.get, "/v1/reports/tickets", token: token).status == .ok, "\(name) reads the report")
            }
            // Support never sees what a customer pays: nothing here carries a value.
            let ticketKeys = Set((try await client.call(.get, "/v1/tickets/\(seedID)", token: w.support.token).body).keys)
            #expect(ticketKeys.isDisjoint(with: ["arr", "arr_minor", "mrr", "revenue", "amount_minor", "contract_value"]))

            // A read-only token reads but never writes.
            let readOnly = a.readOnlyOwnerToken
            try await check(await client.call(.get, "/v1/tickets", token: readOnly).status == .ok)
            try await check(await client.call(.get, "/v1/timeline/search?q=by", token: readOnly).status == .ok)
            for (method, path, json) in [
                (HTTPRequest.Method.post, "/v1/customers/\(w.own.lower)/tickets", body(["title": "x"])),
                (.patch, "/v1/tickets/\(seedID)", body(["title": "x"])),
                (.post, "/v1/tickets/\(seedID)/expansion-signal", body(["note": "x", "hand_to": "csm"])),
                (.post, "/v1/problems", body(["title": "x"])),
                (.patch, "/v1/problems/\(problemID)", body(["title": "x"])),
                (.post, "/v1/problems/\(problemID)/tickets", body(["ticket_id": seedID])),
                (.delete, "/v1/problems/\(problemID)/tickets/\(seedID)", nil),
                (.post, "/v1/problems/\(problemID)/customers/\(w.own.lower)", nil),
                (.delete, "/v1/problems/\(problemID)/customers/\(w.own.lower)", nil),
                (.post, "/v1/customers/\(w.own.lower)/timeline", body(["kind": "call", "title": "x"])),
                (.patch, "/v1/timeline/\(entryID)", body(["title": "x"])),
                (.delete, "/v1/timeline/\(entryID)", nil),
            ] as [(HTTPRequest.Method, String, String?)] {
                let response = try await client.call(method, path, token: readOnly, json: json)
                #expect(response.status == .forbidden, "read token \(method) \(path): \(response.status)")
            }
        }
    }
}
