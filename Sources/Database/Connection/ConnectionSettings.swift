/// How to open a session: the libpq URL plus the session settings Banso relies on.
public struct ConnectionSettings: Sendable {
    /// A libpq connection URL or keyword string, e.g. `postgres://banso@127.0.0.1:5432/banso`.
    public var url: String
    public var applicationName: String
    public var connectTimeout: Duration
    /// Extra server settings for every session (`-c name=value`), e.g. `["role": "banso_app"]`.
    public var sessionSettings: [(String, String)]

    public init(
        url: String, applicationName: String = "banso", connectTimeout: Duration = .seconds(10),
        sessionSettings: [(String, String)] = []
    ) {
        self.url = url
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.sessionSettings = sessionSettings
    }

    /// The codecs read the server's text forms, so these session settings are fixed rather than left to the
    /// server's configuration: UTC and ISO for timestamps, exact floats, UTF-8. TCP keepalives find a peer that
    /// vanished without closing the socket.
    func libpqParameters() -> [(String, String)] {
        var settings: [(String, String)] = [
            ("TimeZone", "UTC"), ("DateStyle", "ISO,YMD"), ("IntervalStyle", "iso_8601"), ("extra_float_digits", "3"),
        ]
        settings += sessionSettings
        let options = settings.map { "-c \(escape($0.0))=\(escape($0.1))" }.joined(separator: " ")
        return [
            ("dbname", url),
            ("options", options),
            ("client_encoding", "UTF8"),
            ("application_name", applicationName),
            ("keepalives", "1"),
            ("keepalives_idle", "30"),
            ("keepalives_interval", "10"),
            ("keepalives_count", "3"),
        ]
    }

    private func escape(_ value: String) -> String {
        var out = ""
        for ch in value {
            if ch == " " || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
