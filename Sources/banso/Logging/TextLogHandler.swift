import Foundation
import Logging
import Synchronization

/// One readable line per event on stderr: `time level label: key=value … message`.
///
/// swift-log's `StreamLogHandler` formats all of a logger's metadata again each time one key is set; the server
/// sets four per request (the request id twice, org, member), which a profile showed costing more than the
/// request's own JSON. This handler formats only when a line is written.
struct TextLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    private static let output = Mutex<FileHandle>(FileHandle.standardError)

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = ISO8601DateFormatter.string(
            from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        let all = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let pairs = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var line = "\(time) \(event.level) \(label):"
        if !pairs.isEmpty { line += " " + pairs.joined(separator: " ") }
        line += " \(event.message)\n"
        let data = Data(line.utf8)
        Self.output.withLock { $0.write(data) }
    }
}
