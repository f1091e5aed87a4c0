public import Store
import Domain
import Foundation
import UseCases

/// The job that processes an uploaded CSV import (or its dry run): ``ImportProcessor`` in the org of the job.
public enum ImportProcessing {
    struct Payload: Decodable { var importId: UUID }

    /// The handlers this part contributes to a worker.
    public static var handlers: [String: JobHandler] {
        [Imports.jobKind: { context in
            guard let org = context.job.orgID else { return }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let payload = try decoder.decode(Payload.self, from: Data(context.job.payload.utf8))
            let store = context.now.map { context.store.pinned(at: $0) } ?? context.store
            try await ImportProcessor(store: store, logger: context.logger).run(org: org, importID: payload.importId)
        }]
    }
}
