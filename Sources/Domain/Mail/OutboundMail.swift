/// An e-mail Banso sends, rendered in its reader's language when it is queued (DESIGN §5): notifications,
/// invitations, password resets. The transport (SMTP) only sends what is here.
public struct OutboundMail: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case notification, invitation
        case passwordReset = "password_reset"
        /// An admin's check that the org's relay works.
        case relayTest = "relay_test"
        /// A check-up or NPS survey to a customer contact, with its single-use answer link.
        case survey

        /// Mail carrying a secret link for a member: only the deployment's relay sends it.
        public var carriesSecret: Bool { self == .invitation || self == .passwordReset }
        /// Mail whose body holds a working link: the outbox forgets the body once the mail is sent.
        public var forgetsBody: Bool { carriesSecret || self == .survey }
    }

    public var kind: Kind
    public var toAddress: String
    public var toName: String?
    public var locale: Organization.Locale
    public var subject: String
    public var text: String
    public var html: String?
    /// The page where the recipient stops such mail (RFC 2369 `List-Unsubscribe`), for mail to customer contacts.
    public var listUnsubscribe: String?

    public init(
        kind: Kind, toAddress: String, toName: String?, locale: Organization.Locale, subject: String, text: String, html: String?,
        listUnsubscribe: String? = nil
    ) {
        self.listUnsubscribe = listUnsubscribe
        self.kind = kind
        self.toAddress = toAddress
        self.toName = toName
        self.locale = locale
        self.subject = subject
        self.text = text
        self.html = html
    }
}
