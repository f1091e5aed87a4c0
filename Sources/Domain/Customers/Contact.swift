public import Foundation

/// A person at a customer (担当者): name, email, phone, role and whether they decide. Erased on request
/// (個人情報保護法): the personal fields are blanked and the name becomes ``erasedName``; the row stays, so the
/// history around it (NPS answers, timeline) keeps its shape without the person.
public struct Contact: Sendable, Equatable, Codable {
    public var id: UUID
    public var customerID: UUID
    public var externalID: String?
    public var name: String
    public var email: String?
    public var phone: String?
    public var role: String?
    public var decisionMaker: Bool
    public var erasedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, customerID: UUID, externalID: String?, name: String, email: String?, phone: String?, role: String?,
        decisionMaker: Bool, erasedAt: Date?, createdAt: Date, updatedAt: Date, version: Int
    ) {
        (self.id, self.customerID, self.externalID, self.name, self.email) = (id, customerID, externalID, name, email)
        (self.phone, self.role, self.decisionMaker, self.erasedAt) = (phone, role, decisionMaker, erasedAt)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }

    /// What an erased contact is called.
    public static let erasedName = "削除済みの連絡先"

    /// A contact's fields checked and tidied: a name of 1–200 characters, an email address that looks like one
    /// (one `@`, a dot in the domain, no spaces, 320 at most), a phone of digits and `+-() ` (50 at most), a role
    /// of 200 at most. Blank optional fields become nil.
    public static func validated(
        name: String, email: String?, phone: String?, role: String?
    ) throws -> (name: String, email: String?, phone: String?, role: String?) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else { throw DomainError(.invalid, "a contact's name has 1 to 200 characters", field: "name") }
        func blankToNil(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        let email = blankToNil(email)
        if let email, !isEmail(email) {
            throw DomainError(.invalid, "the email address is not valid", field: "email")
        }
        let phone = blankToNil(phone)
        if let phone, phone.count > 50 || phone.contains(where: { !($0.isASCII && ($0.isNumber || "+-() .".contains($0))) }) {
            throw DomainError(.invalid, "a phone number has at most 50 digits, spaces and + - ( )", field: "phone")
        }
        let role = blankToNil(role)
        if let role, role.count > 200 { throw DomainError(.invalid, "a role is at most 200 characters", field: "role") }
        return (name, email, phone, role)
    }

    /// An address of the form local@domain.tld, without spaces or control characters, 320 characters at most.
    public static func isEmail(_ text: String) -> Bool {
        guard text.count <= 320, text.wholeMatch(of: /[^\s@]+@[^\s@]+\.[^\s@.]+/) != nil else { return false }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
