public import Domain
public import Foundation

/// The mail that carries a check-up or NPS link to a customer contact, in the org's language. Every one names who
/// sends it and carries the unsubscribe link (特定電子メール法: the sender identified, opting out always possible).
public enum CheckUpMailText {
    public struct Content: Sendable {
        public var orgName: String
        public var customerName: String
        public var contactName: String
        public var link: String
        public var unsubscribe: String
        public var expiresOn: LocalDate
        /// The NPS question, for a campaign's mail; `nil` for a check-up.
        public var npsQuestion: String?
        public var reminder: Bool
    }

    public static func mail(_ c: Content, to address: String, locale: Organization.Locale) -> OutboundMail {
        let expires = String(format: "%04d-%02d-%02d", c.expiresOn.year, c.expiresOn.month, c.expiresOn.day)
        let subject: String
        let text: String
        switch locale {
        case .ja:
            let what = c.npsQuestion == nil ? "定期検診アンケート" : "アンケート"
            subject = (c.reminder ? "【再送】" : "") + "\(c.orgName)より\(what)のお願い"
            let ask = c.npsQuestion.map { "1 問だけのアンケートです。\n「\($0)」\n" }
                ?? "\(c.customerName) 様でのご利用状況をお伺いする定期検診アンケートへのご協力をお願いいたします（数分で終わります）。\n"
            text = """
                \(c.contactName) 様

                いつも \(c.orgName) をご利用いただき、ありがとうございます。
                \(c.reminder ? "先日お送りしたアンケートへのご回答がまだのようでしたので、再度ご案内いたします。\n" : "")\(ask)
                回答する: \(c.link)
                回答期限: \(expires)（このリンクはご本人様専用です。回答は 1 回限りです）

                --
                このメールは \(c.orgName) カスタマーサクセスチームからお送りしています。
                今後このようなメールの配信を希望されない場合は、こちらから停止できます:
                \(c.unsubscribe)
                """
        case .en:
            let what = c.npsQuestion == nil ? "check-up survey" : "survey"
            subject = (c.reminder ? "Reminder: " : "") + "A short \(what) from \(c.orgName)"
            let ask = c.npsQuestion.map { "It is a single question:\n\"\($0)\"\n" }
                ?? "Please take a few minutes to answer our regular check-up on how \(c.customerName) is getting on.\n"
            text = """
                Dear \(c.contactName),

                Thank you for working with \(c.orgName).
                \(c.reminder ? "We have not received your answer yet, so here is the link again.\n" : "")\(ask)
                Answer: \(c.link)
                Open until: \(expires) (this link is yours alone and can be used once)

                --
                This mail was sent by the customer success team of \(c.orgName).
                If you would rather not receive such mail, you can unsubscribe here:
                \(c.unsubscribe)
                """
        }
        return OutboundMail(
            kind: .survey, toAddress: address, toName: c.contactName, locale: locale, subject: subject, text: text, html: nil,
            listUnsubscribe: c.unsubscribe)
    }
}
