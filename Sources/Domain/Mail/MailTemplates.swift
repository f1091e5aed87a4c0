/// The words of Banso's e-mails in Japanese and English: a plain-text part people read in any client and an HTML
/// part with the same content. Every value put into HTML is escaped.
public enum MailTemplates {
    /// A notification as mail: its title as the subject, its body, and where to change what one receives.
    public static func notification(
        title: String, body: String, to address: String, name: String?, locale: Organization.Locale, publicURL: String
    ) -> OutboundMail {
        let settings = publicURL + "/settings/notifications"
        let footer = locale == .ja
            ? "このメールは Banso からの通知です。受け取る通知は次の画面で変更できます: \(settings)"
            : "This is a notification from Banso. Choose what you receive at \(settings)"
        let text = body + "\n\n-- \n" + footer + "\n"
        let html = page(title: title, paragraphs: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                        link: nil, footer: footer, locale: locale)
        return OutboundMail(kind: .notification, toAddress: address, toName: name, locale: locale, subject: title, text: text, html: html)
    }

    public static func invitation(
        org: String, inviter: String, link: String, expiresOn: String, to address: String, locale: Organization.Locale
    ) -> OutboundMail {
        let subject: String, lines: [String], action: String
        switch locale {
        case .ja:
            subject = "\(org) の Banso に招待されました"
            lines = ["\(inviter)さんから \(org) の Banso に招待されました。", "次のリンクからパスワードを設定して参加してください（\(expiresOn) まで有効）。"]
            action = "参加する"
        case .en:
            subject = "You are invited to \(org) on Banso"
            lines = ["\(inviter) invited you to \(org) on Banso.", "Set your password and join with this link (valid until \(expiresOn))."]
            action = "Join"
        }
        return withLink(.invitation, subject: subject, lines: lines, action: action, link: link, to: address, locale: locale)
    }

    public static func passwordReset(org: String, link: String, expiresOn: String, to address: String, locale: Organization.Locale)
        -> OutboundMail
    {
        let subject: String, lines: [String], action: String
        switch locale {
        case .ja:
            subject = "\(org) の Banso のパスワード再設定"
            lines = ["パスワードの再設定を受け付けました。", "次のリンクから新しいパスワードを設定してください（\(expiresOn) まで有効）。",
                     "心当たりがない場合は、このメールを無視してください。"]
            action = "パスワードを再設定する"
        case .en:
            subject = "Reset your Banso password for \(org)"
            lines = ["We received a request to reset your password.", "Set a new one with this link (valid until \(expiresOn)).",
                     "If you did not ask for this, ignore this e-mail."]
            action = "Reset password"
        }
        return withLink(.passwordReset, subject: subject, lines: lines, action: action, link: link, to: address, locale: locale)
    }

    public static func relayTest(org: String, host: String, to address: String, locale: Organization.Locale) -> OutboundMail {
        let subject = locale == .ja ? "\(org) のメール送信テスト" : "Test e-mail from \(org) on Banso"
        let lines = locale == .ja
            ? ["このメールが届いていれば、\(org) の Banso のメールは \(host) から送信されています。"]
            : ["If this arrived, \(org)'s Banso mail goes out through \(host)."]
        return OutboundMail(
            kind: .relayTest, toAddress: address, toName: nil, locale: locale, subject: subject, text: lines.joined(separator: "\n") + "\n",
            html: page(title: subject, paragraphs: lines, link: nil, footer: nil, locale: locale))
    }

    static func withLink(
        _ kind: OutboundMail.Kind, subject: String, lines: [String], action: String, link: String, to address: String,
        locale: Organization.Locale
    ) -> OutboundMail {
        let text = lines.joined(separator: "\n") + "\n\n" + link + "\n"
        let html = page(title: subject, paragraphs: lines, link: (action, link), footer: nil, locale: locale)
        return OutboundMail(kind: kind, toAddress: address, toName: nil, locale: locale, subject: subject, text: text, html: html)
    }

    static func page(title: String, paragraphs: [String], link: (label: String, url: String)?, footer: String?, locale: Organization.Locale)
        -> String
    {
        var html = "<!DOCTYPE html>\n<html lang=\"\(locale.rawValue)\"><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head>"
        html += "<body style=\"font-family: sans-serif; line-height: 1.6\">\n<h1 style=\"font-size: 18px\">\(escape(title))</h1>\n"
        for paragraph in paragraphs { html += "<p>\(escape(paragraph))</p>\n" }
        if let link { html += "<p><a href=\"\(escape(link.url))\">\(escape(link.label))</a></p>\n" }
        if let footer { html += "<p style=\"color: #666; font-size: 12px\">\(escape(footer))</p>\n" }
        return html + "</body></html>\n"
    }

    /// HTML text and attribute escaping.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
