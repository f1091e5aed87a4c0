/// An e-mail Banso sends, rendered in its reader's language when it is queued (DESIGN §5): notifications,
/// invitations, password resets. The transport (SMTP) only sends what is here.
public struct OutboundMail: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case notification, invitation
        case passwordReset = "password_reset"
        /// An admin's check that the org's relay works.
        case relayTest = "relay_test"

        /// Mail carrying a secret link: its body is not kept once sent.
        public var carriesSecret: Bool { self == .invitation || self == .passwordReset }
    }

    public var kind: Kind
    public var toAddress: String
    public var toName: String?
    public var locale: Organization.Locale
    public var subject: String
    public var text: String
    public var html: String?

    public init(
        kind: Kind, toAddress: String, toName: String?, locale: Organization.Locale, subject: String, text: String, html: String?
    ) {
        self.kind = kind
        self.toAddress = toAddress
        self.toName = toName
        self.locale = locale
        self.subject = subject
        self.text = text
        self.html = html
    }
}
