public import Foundation
import Synchronization

extension UUID {
    /// A time-ordered UUID (RFC 9562 version 7): 48 bits of Unix milliseconds, a 12-bit counter, then random bits.
    /// Ids made this way sort by creation, so keyset pagination by id is pagination by age and B-tree inserts stay
    /// at the right edge. Within one millisecond the counter (RFC 9562 §6.2, method 1) keeps them in the order they
    /// were made in this process — random bits alone put two ids of the same millisecond in either order, and a
    /// list of things made in a loop came back shuffled.
    public static func v7(now: Date = Date()) -> UUID {
        let (millis, counter) = V7Sequence.next(millis: UInt64(max(0, now.timeIntervalSince1970 * 1000)))
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(i)))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                           bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// The last millisecond and counter handed out: a later call never goes below them.
private enum V7Sequence {
    static let state = Mutex<(millis: UInt64, counter: UInt16)>((0, 0))

    static func next(millis: UInt64) -> (UInt64, UInt16) {
        state.withLock { last in
            if millis > last.millis {
                // A fresh millisecond starts the counter low but not at zero, leaving room to count up.
                last = (millis, UInt16.random(in: 0..<512))
            } else if last.counter < 0x0fff {
                last.counter += 1
            } else {
                // 4,096 ids in one millisecond: borrow the next one rather than go backwards.
                last = (last.millis + 1, 0)
            }
            return last
        }
    }
}
