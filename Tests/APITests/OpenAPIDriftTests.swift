import API
import Foundation
import Testing

/// The document cannot drift from the code: every documented request body has exactly the properties its input
/// type reads, and requires exactly the ones the type cannot do without.
@Suite struct OpenAPIDriftTests {
    @Test func everyDocumentedBodyIsWhatItsInputTypeDecodes() throws {
        let contracts = APIRoutes.bodyContracts
        #expect(!contracts.isEmpty)
        for contract in contracts {
            let documented = Set(contract.documented["properties"].flatMap { value -> [String]? in
                if case .object(let object) = value { return Array(object.keys) }
                return nil
            } ?? [])
            let required = Set(contract.documented["required"].flatMap { value -> [String]? in
                if case .array(let items) = value { return items.compactMap { if case .string(let s) = $0 { s } else { nil } } }
                return nil
            } ?? [])
            #expect(!contract.decoded.incomplete, "\(contract.operation): its input type could not be read through")
            #expect(documented == contract.decoded.all,
                    "\(contract.operation): documented \(documented.sorted()), decoded \(contract.decoded.all.sorted())")
            #expect(required == contract.decoded.required,
                    "\(contract.operation): documented required \(required.sorted()), decoded \(contract.decoded.required.sorted())")
        }
    }

    /// Every operation says how a caller authenticates and what it may answer: the bearer scheme on protected
    /// routes with the token scope they need, and a problem answer for each failure status.
    @Test func everyProtectedOperationNamesItsScopeAndProblems() {
        for operation in APIRoutes.operations where operation.requiresAuth {
            // Legacy operations (not yet route collections) carry no scope; the rest must.
            let document = OpenAPIDocument.build(operations: [operation])
            let entry = document["paths"]?[operation.path]?[operation.method.lowercased()]
            #expect(entry?["security"] == [["bearerAuth": []]], "\(operation.operationID)")
            if operation.tokenScope == nil { continue }
            #expect(["read", "write", "admin"].contains(entry?["x-token-scope"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""))
            for status in ["401", "403"] {
                #expect(entry?["responses"]?[status] != nil, "\(operation.operationID) lacks \(status)")
            }
        }
    }
}
