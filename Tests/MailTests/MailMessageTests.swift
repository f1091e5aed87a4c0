import Foundation
@testable import Mail
import NIOCore
import Testing

/// Rendering and validation, without a server (the round trip through a real parser is in SMTPClientTests).
@Suite struct MailMessageTests {
    func render(_ message: MailMessage) -> String { String(decoding: message.rendered(), as: UTF8.self) }

    /// The header block, unfolded: one string per field.
    func headerFields(_ rendered: String) -> [String] {
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        return head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
    }

    @Test func encodedWordsHoldWholeCharactersAndStayWithinTheirLimits() throws {
        let subject = "【重要】" + String(repeating: "11月のチェックインの期限が近づいています。", count: 6) + "👩‍👩‍👧‍👦🇯🇵é"
        let message = try MailMessage(
            from: MailAddress("notify@banso.example", displayName: String(repeating: "伴走通知", count: 12)),
            to: [MailAddress("hanako@customer.example")], subject: subject, text: "x")
        let rendered = render(message)
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        for line in head.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "folded to 78: \(line)")
            #expect(line.utf8.allSatisfy { $0 < 128 }, "headers are ASCII")
        }
        let subjectField = try #require(headerFields(rendered).first { $0.hasPrefix("Subject: ") })
        let words = subjectField.dropFirst("Subject: ".count).split(separator: " ")
        #expect(words.count > 5)
        var decoded = ""
        for word in words {
            #expect(word.utf8.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst(10).dropLast(2)
            let bytes = try #require(Data(base64Encoded: String(payload)))
            // Each word decodes on its own: no UTF-8 sequence is cut between two words.
            let text = try #require(String(validating: bytes, as: UTF8.self), "word \(word) is whole UTF-8")
            decoded += text
        }
        #expect(decoded == subject)
    }

    @Test func plainASCIIStaysReadableAndFoldsAtSpaces() throws {
        let subject = "Your November check-in is due soon: please submit it before the review meeting on Friday"
        let message = try MailMessage(
            from: MailAddress("notify@banso.example", displayName: "Banso"),
            to: [MailAddress("a@customer.example", displayName: "Doe, Jane")], subject: subject, text: "Hello")
        let rendered = render(message)
        #expect(rendered.contains("From: Banso <notify@banso.example>\r\n"))
        #expect(rendered.contains("To: \"Doe, Jane\" <a@customer.example>\r\n"))
        #expect(headerFields(rendered).contains("Subject: " + subject), "unfolding gives the subject back")
        #expect(rendered.contains("Subject: Your November"))
        #expect(rendered.contains("\r\n before") || rendered.contains("\r\n "), "folded")
        #expect(rendered.contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"))
    }

    @Test func bodiesAreBase64InLinesOf76WithCRLF() throws {
        let text = String(repeating: "チェックイン\n", count: 40)
        let message = try MailMessage(
            from: MailAddress("n@banso.example"), to: [MailAddress("a@customer.example")], subject: "s", text: text,
            html: "<p>" + text + "</p>")
        let rendered = render(message)
        #expect(rendered.contains("Content-Type: multipart/alternative; boundary=\"\(message.boundary)\""))
        #expect(rendered.hasSuffix("--\(message.boundary)--\r\n"))
        let bodyLines = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            .components(separatedBy: "\r\n")
        #expect(bodyLines.allSatisfy { $0.utf8.count <= 76 })
        #expect(!rendered.utf8.contains { $0 >= 128 })
        var previous: UInt8 = 0
        for byte in rendered.utf8 {
            #expect(byte != 10 || previous == 13, "bare LF")
            previous = byte
        }
    }

    @Test func headerInjectionIsRefused() throws {
        func code(_ body: () throws -> Void) -> MailMessageError.Code? {
            do { try body() } catch let error as MailMessageError { return error.code } catch { return nil }
            return nil
        }
        let from = try MailAddress("n@banso.example")
        let to = [try MailAddress("a@customer.example")]
        #expect(code { _ = try MailAddress("a@customer.example\r\nBcc: victim@x.example") } == .headerInjection)
        #expect(code { _ = try MailAddress("a@customer.example", displayName: "Eve\r\nBcc: v@x.example") } == .headerInjection)
        #expect(code { _ = try MailMessage(from: from, to: to, subject: "Hi\r\nBcc: v@x.example", text: "") } == .headerInjection)
        #expect(code { _ = try MailMessage(from: from, to: to, subject: "Hi\nthere", text: "") } == .headerInjection)
        #expect(code { _ = try MailHeader("X-Banso-Notification", "a\r\nBcc: v@x.example") } == .headerInjection)
        #expect(code { _ = try MailHeader("X-Bad\r\nBcc", "v") } == .invalidHeaderName)
        #expect(code { _ = try MailHeader("Bcc", "v@x.example") } == .reservedHeader)
        #expect(code { _ = try MailHeader("content-type", "text/html") } == .reservedHeader)
        #expect(code { _ = try MailMessage(from: from, to: [], subject: "s", text: "") } == .noRecipients)
        let twice = [try MailHeader("X-Banso-Notification", "a"), try MailHeader("x-banso-notification", "b")]
        #expect(code { _ = try MailMessage(from: from, to: to, subject: "s", text: "", headers: twice) } == .duplicateHeader)
        #expect(code { _ = try MailMessage(from: from, to: to, subject: "s", text: "", messageID: "<a@b>\r\nX: y") }
            == .invalidMessageID)
        // The body may hold anything: it is base64.
        #expect(code { _ = try MailMessage(from: from, to: to, subject: "s", text: "\r\n.\r\nRCPT TO:<v@x.example>") } == nil)
    }

    @Test func addressesAreChecked() {
        for valid in ["a@b.example", "first.last+tag@sub.example.co.jp", "x@[192.0.2.1]", "o'neil@example.com"] {
            #expect((try? MailAddress(valid)) != nil, "\(valid)")
        }
        for invalid in [
            "", "no-at", "@example.com", "a@", "a b@example.com", "a..b@example.com", ".a@example.com",
            "a@-example.com", "a@exa_mple.com", "<a@example.com>", "\"q\"@example.com", "山田@example.jp",
            "a@example..com", String(repeating: "a", count: 65) + "@example.com",
        ] {
            #expect((try? MailAddress(invalid)) == nil, "\(invalid)")
        }
    }

    @Test func theDateHeaderIsRFC5322InUTC() throws {
        let date = Date(timeIntervalSince1970: 1_796_000_000)  // Monday 2026-11-30 09:53:20 in Tokyo
        let message = try MailMessage(
            from: MailAddress("n@banso.example"), to: [MailAddress("a@customer.example")], subject: "s", text: "",
            date: date)
        #expect(render(message).hasPrefix("Date: Mon, 30 Nov 2026 00:53:20 +0000\r\n"))
    }

    @Test func dotStuffingDoublesLeadingDotsAndEndsTheData() {
        let encoded = SMTPDataEncoding.encode(Array(".\r\n.hidden\nmiddle.\r..\r\nend".utf8))
        #expect(String(buffer: encoded) == "..\r\n..hidden\r\nmiddle.\r\n...\r\nend\r\n.\r\n")
        #expect(String(buffer: SMTPDataEncoding.encode([])) == ".\r\n")
        #expect(String(buffer: SMTPDataEncoding.encode(Array("a\r\n".utf8))) == "a\r\n.\r\n")
    }
}
