public import Foundation

/// A customer id as a sort key that orders exactly as its `uuidString` does — the order revenue rows and
/// retention lines have always been given in — without formatting a string per comparison: `uuidString` goes
/// through `snprintf` on Linux, and sorting 20,000 revenue rows by it was most of a GRR/NRR report's time.
/// Upper-case hex of each byte in turn (dashes at fixed places) sorts as the bytes do, so comparing the 16 bytes
/// big-endian as two integers gives the same order.
struct RetentionOrder: Comparable, Hashable, Sendable {
    let high: UInt64
    let low: UInt64

    init(_ id: UUID) {
        let u = id.uuid
        high = UInt64(u.0) << 56 | UInt64(u.1) << 48 | UInt64(u.2) << 40 | UInt64(u.3) << 32
            | UInt64(u.4) << 24 | UInt64(u.5) << 16 | UInt64(u.6) << 8 | UInt64(u.7)
        low = UInt64(u.8) << 56 | UInt64(u.9) << 48 | UInt64(u.10) << 40 | UInt64(u.11) << 32
            | UInt64(u.12) << 24 | UInt64(u.13) << 16 | UInt64(u.14) << 8 | UInt64(u.15)
    }

    static func < (a: RetentionOrder, b: RetentionOrder) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}
