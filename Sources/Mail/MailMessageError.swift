/// A message that cannot be built: an invalid address, a header value that would inject another header, and so on.
///
/// `description` names the code and the field but never the offending value, so it is safe for logs.
public struct MailMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Sendable {
            case invalidAddress, headerInjection, invalidHeaderName, reservedHeader, noRecipients, lineTooLong
            case invalidMessageID, duplicateHeader
        }
        let base: Base
        /// Not an address this client can send to (`local@domain`, ASCII, no quoting or comments).
        public static let invalidAddress = Code(base: .invalidAddress)
        /// A header value contains CR, LF or NUL: it would end the header and start another one.
        public static let headerInjection = Code(base: .headerInjection)
        /// A custom header name that is empty or has characters outside printable ASCII, or a colon.
        public static let invalidHeaderName = Code(base: .invalidHeaderName)
        /// A custom header that the message sets itself (From, Subject, Content-Type, …).
        public static let reservedHeader = Code(base: .reservedHeader)
        /// A message needs at least one recipient.
        public static let noRecipients = Code(base: .noRecipients)
        /// A custom header value with a word too long to fold under the 998-character line limit.
        public static let lineTooLong = Code(base: .lineTooLong)
        /// The same custom header twice.
        public static let duplicateHeader = Code(base: .duplicateHeader)
        /// A Message-ID that is not of the form `<left@right>`.
        public static let invalidMessageID = Code(base: .invalidMessageID)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The header or field at fault (`to`, `subject`, `List-Unsubscribe`, …).
    public var field: String

    public init(code: Code, field: String) {
        self.code = code
        self.field = field
    }

    public var description: String { "MailMessageError(\(code) field=\(field))" }
}
