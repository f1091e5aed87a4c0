import Synchronization

/// A queue loop's slots. `concurrency` handlers run at once; a finished job frees its slot while it waits to be
/// recorded, so the next claim overlaps the recording — but once more than `concurrency` finished jobs are waiting,
/// each further one holds a slot until recorded. A worker therefore holds at most twice `concurrency` jobs (their
/// leases heartbeated) however far recording lags.
final class Slots: Sendable {
    private let counts = Mutex((running: 0, recording: 0))
    private let mayBeWaiting = Mutex(false)

    /// Something other than a short job's finish woke the loop (a NOTIFY, the poll, a long job's end): claim at once.
    func workMayBeWaiting() { mayBeWaiting.withLock { $0 = true } }

    func takeWorkMayBeWaiting() -> Bool {
        mayBeWaiting.withLock { value in
            defer { value = false }
            return value
        }
    }

    var isIdle: Bool { counts.withLock { $0.running == 0 && $0.recording == 0 } }

    func free(concurrency: Int) -> Int {
        counts.withLock { concurrency - $0.running - max(0, $0.recording - concurrency) }
    }

    func claimed(_ count: Int) { counts.withLock { $0.running += count } }

    func ran(succeeded: Bool) {
        counts.withLock {
            $0.running -= 1
            if succeeded { $0.recording += 1 }
        }
    }

    func recorded() { counts.withLock { $0.recording -= 1 } }
}
