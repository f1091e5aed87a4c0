import CSV
public import Domain
public import Foundation
public import Store

/// CSV exports of customer data for Excel: UTF-8 with a BOM (or CP932 on request), CRLF, the import's own column
/// names (English, or Japanese on request) so an export imports back cleanly, every text cell formula-safe
/// (``SpreadsheetCell``), only the rows the caller reads. Rows stream from a cursor in batches.
public enum Exports {
    public struct Options: Sendable {
        public var kind: ImportKind
        public var cp932: Bool
        public var japaneseHeaders: Bool

        public init(kind: ImportKind, cp932: Bool, japaneseHeaders: Bool) {
            (self.kind, self.cp932, self.japaneseHeaders) = (kind, cp932, japaneseHeaders)
        }
    }

    static let batch = 1000

    /// Refuses before anything streams: reading customers is needed, and contract values or revenue are never
    /// exported to those who may not see them (support).
    public static func check(_ identity: Identity, _ options: Options) throws {
        guard ImportKind.exportable.contains(options.kind) else {
            throw DomainError(.notFound, "no such export")
        }
        guard identity.reach(.readCustomers).anywhere else {
            throw DomainError(.forbidden, "exporting needs the customers.read permission", permission: Permission.readCustomers.rawValue)
        }
        if options.kind.carriesValues, !identity.reach(.readContractValues).anywhere {
            throw DomainError(
                .forbidden, "contract values and revenue are not visible to you", permission: Permission.readContractValues.rawValue)
        }
    }

    /// Writes the export through `write`, a piece at a time, in one transaction of the caller's org.
    public static func stream(
        _ store: Store, _ identity: Identity, _ options: Options, write: @escaping ([UInt8]) async throws -> Void
    ) async throws {
        try check(identity, options)
        let encoder = options.cp932 ? try CharacterConverter.cp932Encoder() : nil
        func emit(_ bytes: [UInt8]) async throws {
            try await write(encoder.map { try $0.convert(bytes) } ?? bytes)
        }
        let reach = identity.reach(options.kind.carriesValues ? .readContractValues : .readCustomers)
        try await store.tenant(identity.orgID) { tx in
            let fields = options.kind == .customers ? try await ImportExportRepository.customFieldKeys(tx) : []
            try await ImportExportRepository.open(tx, kind: options.kind, visibleTo: reach, customFields: fields)
            let header = options.kind.columns.map { $0.header(japanese: options.japaneseHeaders) } + fields
            try await emit((options.cp932 ? [] : [0xEF, 0xBB, 0xBF]) + (try csv([header])))
            while true {
                let rows = try await ImportExportRepository.fetch(tx, count: batch)
                if rows.isEmpty { break }
                try await emit(try csv(rows.map { cells(options.kind, $0) }))
                if rows.count < batch { break }
            }
        }
    }

    /// A fetched row as the cells of the file: amounts back in major units, every text formula-safe.
    static func cells(_ kind: ImportKind, _ row: [String?]) -> [String] {
        var cells = row.map { $0 ?? "" }
        switch kind {
        case .contracts where cells.count > 5:
            cells[4] = Int64(cells[4]).map { ImportCell.majorUnits($0, currency: cells[5]) } ?? cells[4]
        case .revenue where cells.count > 4:
            cells[3] = Int64(cells[3]).map { ImportCell.majorUnits($0, currency: cells[4]) } ?? cells[3]
        default: break
        }
        return cells.map(SpreadsheetCell.neutralised)
    }

    static func csv(_ rows: [[String]]) throws -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Array(data) + [0x0D, 0x0A]
    }
}
