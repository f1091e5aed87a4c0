import Domain
import Testing

@Suite struct MoneyTests {
    let jpy = CurrencyCode.jpy

    @Test func arithmeticWithinOneCurrency() {
        let a = Money(minorUnits: 120_000, currency: jpy)
        let b = Money(minorUnits: 20_000, currency: jpy)
        #expect((a + b).minorUnits == 140_000)
        #expect((a - b).minorUnits == 100_000)
        #expect((-b).minorUnits == -20_000)
        #expect(Money.min(a, b) == b)
        #expect(Money.max(a, b) == a)
        #expect(b < a)
    }

    @Test func scalingRoundsHalfAwayFromZero() {
        let arr = Money(minorUnits: 1_000_000, currency: jpy)
        #expect(arr.scaled(by: 1, over: 12).minorUnits == 83_333, "83,333.33 rounds down")
        #expect(Money(minorUnits: 1_000_006, currency: jpy).scaled(by: 1, over: 12).minorUnits == 83_334, "83,333.83 rounds up")
        #expect(Money(minorUnits: 5, currency: jpy).scaled(by: 1, over: 2).minorUnits == 3, "2.5 → 3")
        #expect(Money(minorUnits: -5, currency: jpy).scaled(by: 1, over: 2).minorUnits == -3, "−2.5 → −3")
        let huge = Money(minorUnits: Int64.max / 10, currency: jpy)
        #expect(huge.scaled(by: 31, over: 31) == huge, "the intermediate product does not overflow")
    }

    @Test func mixingCurrenciesThroughTheThrowingAPIIsInvalid() throws {
        let yen = Money(minorUnits: 100, currency: jpy)
        let dollars = Money(minorUnits: 100, currency: .usd)
        #expect(try yen.adding(Money(minorUnits: 5, currency: jpy)).minorUnits == 105)
        #expect(try yen.subtracting(Money(minorUnits: 5, currency: jpy)).minorUnits == 95)
        #expect(throws: DomainError.self) { try yen.adding(dollars) }
        do {
            _ = try yen.subtracting(dollars)
            Issue.record("expected a currency error")
        } catch let error as DomainError {
            #expect(error.code == .invalid)
            #expect(error.field == "currency")
        }
    }

    @Test func totalsArePerCurrencyAndNeverConverted() {
        let totals = Money.totals([
            Money(minorUnits: 100, currency: jpy), Money(minorUnits: 250, currency: .usd),
            Money(minorUnits: 50, currency: jpy),
        ])
        #expect(totals.count == 2)
        #expect(totals[jpy]?.minorUnits == 150)
        #expect(totals[.usd]?.minorUnits == 250)
    }

    @Test func currencyCodesAreThreeCapitalLetters() throws {
        #expect(try CurrencyCode("JPY") == .jpy)
        #expect(try CurrencyCode("GBP").rawValue == "GBP")
        for bad in ["jpy", "JP", "JPYY", "", "J1Y", "ＪＰＹ"] {
            #expect(throws: DomainError.self, "\(bad)") { try CurrencyCode(bad) }
        }
    }
}
