import Logging
import Settings
import Foundation

import Domain

/// The language a page is written in: the member's, or before sign-in the browser's first choice among ours.
public enum Language: String, Sendable, CaseIterable {
    case ja, en

    init(_ locale: Organization.Locale) {
        self = locale == .en ? .en : .ja
    }

    /// The first of `Accept-Language`'s languages we write, in the header's order of preference; Japanese when
    /// none is ours (most of Banso's people read it).
    static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return .ja }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q)
        }
        for (tag, _) in ranked.sorted(by: { $0.1 > $1.1 }) {
            if tag == "ja" || tag.hasPrefix("ja-") { return .ja }
            if tag == "en" || tag.hasPrefix("en-") { return .en }
        }
        return .ja
    }

    /// The other language, for the switch in the header.
    var other: Language { self == .ja ? .en : .ja }
}
