import Foundation
import Synchronization

/// A job whose handler succeeded, waiting to be marked completed under its lease.
struct Completion: Sendable {
    var id: UUID
    var lease: UUID
    var kind: String
}

/// Finished jobs waiting to be recorded. A job's task hands its completion over and waits until the recording
/// task has dealt with it; the recording task waits until there is something to take. Neither wait ends on
/// cancellation: a cancelled worker still records the jobs it finished before `run()` returns.
final class CompletionBuffer: Sendable {
    struct Waiting: Sendable {
        var completion: Completion
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var pending: [Waiting] = []
        var recorder: CheckedContinuation<Void, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Hands over a finished job; returns once the recording task has recorded it (or given up on it).
    func record(_ completion: Completion) async {
        await withCheckedContinuation { continuation in
            let recorder = state.withLock { state in
                state.pending.append(Waiting(completion: completion, continuation: continuation))
                defer { state.recorder = nil }
                return state.recorder
            }
            recorder?.resume()
        }
    }

    /// The next batch to record, waiting for one; `nil` once finished with nothing left.
    func next(upTo limit: Int) async -> [Waiting]? {
        while true {
            let (batch, finished) = state.withLock { state in
                let batch = Array(state.pending.prefix(limit))
                state.pending.removeFirst(batch.count)
                return (batch, state.finished)
            }
            if !batch.isEmpty { return batch }
            if finished { return nil }
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    if !state.pending.isEmpty || state.finished { return true }
                    state.recorder = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// No more completions will come: the recording task ends once it has taken what is left.
    func finish() {
        let recorder = state.withLock { state in
            state.finished = true
            defer { state.recorder = nil }
            return state.recorder
        }
        recorder?.resume()
    }
}
