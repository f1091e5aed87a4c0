/// All of the database's I/O threads as one executor: a job runs on the I/O thread it is enqueued from, or on
/// the threads in turn.
///
/// A server whose work is mostly statements runs its request tasks here (`withTaskExecutorPreference`, which
/// child tasks inherit): a request's statements then resume it on the thread that read their answers, and the
/// request itself starts on one of these threads instead of hopping through the cooperative pool first.
final class IOLoopGroup: TaskExecutor, Sendable {
    static let shared = IOLoopGroup()

    func enqueue(_ job: consuming ExecutorJob) {
        (IOLoop.current ?? IOLoop.next()).enqueue(job)
    }
}
