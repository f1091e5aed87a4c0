public import Foundation

/// The header row of an import file matched against its kind's columns: NFKC-normalised, case-insensitive, spaces
/// and hyphens read as underscores, English or Japanese names (`顧客名` or `name`). Customers also take the org's
/// custom field keys as columns. Unknown and repeated columns are problems of line 1.
public struct ImportHeader: Sendable {
    public let kind: ImportKind
    /// Column key → position in the row.
    public let positions: [String: Int]
    /// The file's own header text of each known key (for problems: the user's words).
    public let names: [String: String]
    public let problems: [ImportProblem]

    public init(kind: ImportKind, fields: [String], customFieldKeys: Set<String> = []) {
        self.kind = kind
        var lookup: [String: String] = [:]
        for column in kind.columns {
            lookup[Self.normalise(column.key)] = column.key
            lookup[Self.normalise(column.ja)] = column.key
        }
        if kind == .customers {
            for key in customFieldKeys { lookup[Self.normalise(key)] = "custom." + key }
        }
        var positions: [String: Int] = [:], names: [String: String] = [:], problems: [ImportProblem] = []
        for (index, raw) in fields.enumerated() {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let key = lookup[Self.normalise(text)] else {
                problems.append(ImportProblem(line: 1, column: text, reason: "unknown column"))
                continue
            }
            if positions[key] != nil {
                problems.append(ImportProblem(line: 1, column: text, reason: "the column appears twice"))
                continue
            }
            positions[key] = index
            names[key] = text
        }
        for column in kind.columns where column.required && positions[column.key] == nil {
            problems.append(ImportProblem(line: 1, column: column.key, reason: "a required column is missing"))
        }
        if kind.namesCustomer, positions["customer_external_id"] == nil, positions["customer_id"] == nil {
            problems.append(ImportProblem(line: 1, column: "customer_external_id", reason: "a required column is missing"))
        }
        (self.positions, self.names, self.problems) = (positions, names, problems)
    }

    /// Whether the file has the column.
    public func has(_ key: String) -> Bool { positions[key] != nil }

    /// The keys of the custom field columns present.
    public var customFieldKeys: [String] {
        positions.keys.filter { $0.hasPrefix("custom.") }.map { String($0.dropFirst(7)) }.sorted()
    }

    /// How the file names a column (its own header text), for a problem.
    public func name(_ key: String) -> String { names[key] ?? key }

    static func normalise(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased().trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }
}

/// One data row of an import file, read through its header.
public struct ImportRow: Sendable {
    /// The spreadsheet line (header = 1).
    public let line: Int
    public let fields: [String]
    public let header: ImportHeader

    public init(line: Int, fields: [String], header: ImportHeader) {
        (self.line, self.fields, self.header) = (line, fields, header)
    }

    /// The trimmed cell of `key`, `nil` when the column is absent or the cell empty.
    public func text(_ key: String) -> String? {
        guard let position = header.positions[key], position < fields.count else { return nil }
        var value = Self.trimmed(fields[position])
        // An export's formula guard (`'=…`, SpreadsheetCell) comes back off, so an export re-imports unchanged.
        if value.hasPrefix("'"), let second = value.dropFirst().first, SpreadsheetCell.formulaStarts.contains(second) {
            value.removeFirst()
        }
        return value.isEmpty ? nil : value
    }

    /// Whether every cell is empty (a blank line Excel leaves at the end).
    public var isBlank: Bool {
        fields.allSatisfy { field in
            if let first = field.unicodeScalars.first, Self.isPlain(first) { return false }
            return field.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    /// `text` without leading and trailing white space and newlines. Most cells have none: when the first and the
    /// last scalar are printable ASCII other than the space, there is nothing to trim and Foundation's trimming
    /// (slow on Linux, and run for every cell of every row) is skipped.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if isPlain(first) || !spaces.contains(first), isPlain(last) || !spaces.contains(last) { return text }
        return text.trimmingCharacters(in: spaces)
    }

    private static let spaces = CharacterSet.whitespacesAndNewlines

    /// Printable ASCII other than the space: never white space or a newline.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool { scalar.value > 0x20 && scalar.value < 0x7F }
}
