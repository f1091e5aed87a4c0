import Foundation
import Logging
import Settings
import Synchronization

/// One line per event on stderr, in the deployment's `BANSO_LOG_FORMAT`:
/// - `json`: one JSON object per line, what log collectors (Loki, CloudWatch, Cloud Logging) parse without
///   configuration;
/// - `text`: `time level label: key=value … message`, for a person at a terminal.
///
/// Metadata is formatted only when a line is written. (swift-log's `StreamLogHandler` formats all of a logger's
/// metadata again each time one key is set; the server sets four per request, which a profile showed costing more
/// than the request's own JSON.)
struct StderrLogHandler: LogHandler {
    let label: String
    let format: AppConfiguration.LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    private static let output = Mutex<FileHandle>(FileHandle.standardError)

    init(label: String, format: AppConfiguration.LogFormat) {
        self.label = label
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = ISO8601DateFormatter.string(
            from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        let all = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        guard var data = format == .json ? json(time, event, all) : text(time, event, all) else { return }
        data.append(0x0a)
        Self.output.withLock { $0.write(data) }
    }

    private func json(_ time: String, _ event: LogEvent, _ all: Logger.Metadata) -> Data? {
        var object: [String: Any] = [
            "time": time, "level": event.level.rawValue, "logger": label, "message": event.message.description,
        ]
        for (key, value) in all { object[key] = Self.plain(value) }
        return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private func text(_ time: String, _ event: LogEvent, _ all: Logger.Metadata) -> Data? {
        let pairs = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var line = "\(time) \(event.level) \(label):"
        if !pairs.isEmpty { line += " " + pairs.joined(separator: " ") }
        return Data((line + " \(event.message)").utf8)
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): s
        case .stringConvertible(let s): s.description
        case .array(let a): a.map(plain)
        case .dictionary(let d): d.mapValues(plain)
        }
    }
}
