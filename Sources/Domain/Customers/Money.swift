/// An ISO 4217 currency code (`JPY`, `USD`). Kept as its own type so an amount can never be paired with a
/// free-form string, and so figures can be grouped by it: Banso never converts between currencies.
public struct CurrencyCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Three ASCII capital letters; anything else is `DomainError(.invalid, field: "currency")`, because codes come
    /// from imports and API bodies. (Whether the code is an assigned one is not checked: the list changes, and a
    /// wrong but well-formed code only ever groups with itself.)
    public init(_ code: String) throws {
        let bytes = Array(code.utf8)
        guard bytes.count == 3, bytes.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw DomainError(.invalid, "a currency is a three-letter ISO 4217 code such as JPY or USD", field: "currency")
        }
        self.rawValue = code
    }

    private init(known: String) { self.rawValue = known }

    public static let jpy = CurrencyCode(known: "JPY")
    public static let usd = CurrencyCode(known: "USD")
    public static let eur = CurrencyCode(known: "EUR")

    public var description: String { rawValue }
    public static func < (lhs: CurrencyCode, rhs: CurrencyCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// An amount of money in minor units (yen for JPY, cents for USD) with its currency. Integers, not `Double`, so
/// sums of thousands of monthly snapshots are exact and match what was imported to the unit.
///
/// Arithmetic stays within one currency and amounts are never converted. Mixing currencies in `+`, `-`, `<` or
/// `min`/`max` is a **programming error** and stops on a precondition: every computation that adds money
/// (GRR/NRR, contract-derived revenue) partitions by currency first, so two currencies meeting in an operator
/// means that partition was skipped — a silently wrong, "converted at 1:1" figure would be far worse than a crash
/// a test catches. Where the currencies come straight from input and have not been partitioned yet, use the
/// throwing `adding(_:)`/`subtracting(_:)`, which answer `DomainError(.invalid, field: "currency")`.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: CurrencyCode

    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Nothing, in `currency`: the start of a sum.
    public static func zero(_ currency: CurrencyCode) -> Money { Money(minorUnits: 0, currency: currency) }

    public var isZero: Bool { minorUnits == 0 }
    public var isPositive: Bool { minorUnits > 0 }
    public var isNegative: Bool { minorUnits < 0 }

    // MARK: Within one currency (precondition)

    public static func + (lhs: Money, rhs: Money) -> Money {
        sameCurrency(lhs, rhs)
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        sameCurrency(lhs, rhs)
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    public static prefix func - (amount: Money) -> Money {
        Money(minorUnits: -amount.minorUnits, currency: amount.currency)
    }

    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    /// Whether `lhs` is less than `rhs`; only meaningful within one currency (precondition), which is why `Money`
    /// is not `Comparable` — sorting a mixed list must not look legitimate.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        sameCurrency(lhs, rhs)
        return lhs.minorUnits < rhs.minorUnits
    }

    public static func min(_ a: Money, _ b: Money) -> Money { b < a ? b : a }
    public static func max(_ a: Money, _ b: Money) -> Money { a < b ? b : a }

    /// `numerator / denominator` of this amount, rounded half away from zero to the minor unit, computed in full
    /// width so `ARR × days` cannot overflow. Used to turn an annual amount into a month (or part of one).
    public func scaled(by numerator: Int64, over denominator: Int64) -> Money {
        precondition(denominator > 0, "denominator must be positive")
        let product = minorUnits.multipliedFullWidth(by: numerator)
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        var result = quotient
        // Half away from zero: |remainder| * 2 >= denominator moves one unit outwards.
        if remainder.magnitude * 2 >= denominator.magnitude {
            result += (remainder < 0) ? -1 : 1
        }
        return Money(minorUnits: result, currency: currency)
    }

    // MARK: Across input (throwing)

    /// `self + other`, or `DomainError(.invalid, field: "currency")` when the currencies differ.
    public func adding(_ other: Money) throws -> Money {
        try Money.requireSameCurrency(self, other)
        return self + other
    }

    /// `self - other`, or `DomainError(.invalid, field: "currency")` when the currencies differ.
    public func subtracting(_ other: Money) throws -> Money {
        try Money.requireSameCurrency(self, other)
        return self - other
    }

    /// Totals per currency: the one way to add amounts of unknown currencies, and it never converts.
    public static func totals<S: Sequence>(_ amounts: S) -> [CurrencyCode: Money] where S.Element == Money {
        var totals: [CurrencyCode: Money] = [:]
        for amount in amounts { totals[amount.currency, default: .zero(amount.currency)] += amount }
        return totals
    }

    private static func sameCurrency(_ a: Money, _ b: Money) {
        precondition(a.currency == b.currency, "money in \(a.currency) and \(b.currency) cannot be combined; partition by currency first")
    }

    private static func requireSameCurrency(_ a: Money, _ b: Money) throws {
        guard a.currency == b.currency else {
            throw DomainError(.invalid, "amounts in \(a.currency) and \(b.currency) cannot be combined; Banso never converts currencies", field: "currency")
        }
    }

    /// `JPY 120000` style (minor units, no formatting: presentation formats per locale and currency exponent).
    public var description: String { "\(currency) \(minorUnits)" }
}
