import Domain
public import Foundation
public import Store

extension Imports {
    /// "Import it for real": a finished dry run's file, uploaded again as a real import from the chunks already
    /// stored (one chunk at a time, never the whole file), so the person does not pick the file a second time. The
    /// dry run itself stays as it was.
    public func importForReal(_ id: UUID) async throws -> ImportFile {
        let file = try await get(id)
        guard file.dryRun, file.state == .succeeded else {
            throw DomainError(.conflict, "cust_import_rerun_refused")
        }
        var seq = 0
        return try await upload(.init(kind: file.kind, encoding: file.encoding, dryRun: false, filename: file.filename)) {
            let chunk = try await ImportRepository.chunk(tx, importID: id, seq: seq)
            seq += 1
            return chunk
        }
    }
}
