import Domain
import Foundation
import Testing

@Suite struct KanaReadingTests {
    @Test func hiraganaHalfWidthAndKatakanaBecomeOneReading() {
        #expect(KanaReading.normalise("あさひ") == "アサヒ")
        #expect(KanaReading.normalise("ｱｻﾋ") == "アサヒ")
        #expect(KanaReading.normalise("ｶﾞｲｱ") == "ガイア", "a half-width voiced mark joins its kana")
        #expect(KanaReading.normalise(" アサヒ ") == "アサヒ")
        #expect(KanaReading.normalise("   ") == nil)
        #expect(KanaReading.normalise(nil) == nil)
    }

    @Test func sortKeysFollowTheGojuonOrder() {
        let names = [("伊藤商事", "いとうしょうじ"), ("朝日物産", "アサヒブッサン"), ("上田製作所", "ｳｴﾀﾞｾｲｻｸｼｮ"), ("Zeta", nil), ("acme", nil)]
        let sorted = names.map { KanaReading.sortKey(name: $0.0, reading: $0.1) }.sorted()
        #expect(sorted == ["ACME", "ZETA", "アサヒブッサン", "イトウショウジ", "ウエダセイサクショ"])
    }

    @Test func searchFoldsCaseWidthAndKana() {
        #expect(CustomerSearch.normalise("あさひ") == "アサヒ")
        #expect(CustomerSearch.normalise("ＡＣＭＥ") == "acme")
        #expect(CustomerSearch.normalise(" ") == nil)
    }

    @Test func tagsAreTrimmedDeduplicatedAndBounded() throws {
        #expect(try CustomerTags.normalise([" 更新注意 ", "更新注意", "", "VIP"]) == ["更新注意", "VIP"])
        #expect(throws: DomainError.self) { try CustomerTags.normalise([String(repeating: "あ", count: 51)]) }
        #expect(throws: DomainError.self) { try CustomerTags.normalise((1...21).map { "t\($0)" }) }
    }

    @Test func customValuesFollowTheFieldType() throws {
        let plan = CustomerField(
            id: UUID(), key: "plan", labelJa: "プラン", labelEn: "Plan", type: .choice, choices: ["Basic", "Pro"], position: 0,
            archivedAt: nil, createdAt: Date(timeIntervalSince1970: 0), version: 1)
        let seats = CustomerField(
            id: UUID(), key: "seats", labelJa: "席数", labelEn: "Seats", type: .number, choices: [], position: 1,
            archivedAt: nil, createdAt: Date(timeIntervalSince1970: 0), version: 1)
        let applied = try CustomerField.apply(["plan": .text("Pro"), "seats": .number(40)], to: [:], fields: [plan, seats])
        #expect(applied == ["plan": .text("Pro"), "seats": .number(40)])
        #expect(try CustomerField.apply(["seats": nil], to: applied, fields: [plan, seats]) == ["plan": .text("Pro")])
        do {
            _ = try CustomerField.apply(["plan": .text("Enterprise")], to: [:], fields: [plan])
            Issue.record("a value outside the choices passed")
        } catch let error as DomainError { #expect(error.field == "custom.plan") }
        do {
            _ = try CustomerField.apply(["nope": .text("x")], to: [:], fields: [plan])
            Issue.record("an unknown key passed")
        } catch let error as DomainError { #expect(error.field == "custom.nope") }
    }

    @Test func listQueryReadsRepeatedAndCommaSeparatedValues() throws {
        let query = try CustomerListQuery.parse(CustomerListQuery.pairs(of: "?phase=onboarding&phase=outcome,embedded&grade=c,D&grade=none&owner_id=me&q=%E3%81%82&sort=grade"))
        #expect(query.phases == [.onboarding, .outcome, .embedded])
        #expect(query.grades == [.c, .d])
        #expect(query.ungraded)
        #expect(query.owner == .me)
        #expect(query.search == "ア")
        #expect(query.sort == .grade)
        #expect(throws: DomainError.self) { try CustomerListQuery.parse([("grade", "E")]) }
        #expect(throws: DomainError.self) { try CustomerListQuery.parse([("renewal_within_days", "-1")]) }
    }

    @Test func contactFieldsAreChecked() throws {
        #expect(try Contact.validated(name: " 山田 太郎 ", email: " taro@example.co.jp ", phone: "", role: nil).email == "taro@example.co.jp")
        #expect(throws: DomainError.self) { try Contact.validated(name: "x", email: "not an email", phone: nil, role: nil) }
        #expect(throws: DomainError.self) { try Contact.validated(name: "x", email: nil, phone: "03-xxxx", role: nil) }
        #expect(throws: DomainError.self) { try Contact.validated(name: " ", email: nil, phone: nil, role: nil) }
    }
}
