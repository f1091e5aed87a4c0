public import Credentials
public import Database
public import Domain
public import Logging
import Mail
public import Settings
public import Store

/// The job worker with every built-in handler, after giving each org its built-in schedules. `banso worker` and
/// `banso serve` with `BANSO_WORKER=1` both use it.
public func makeWorker(database: Database, configuration: AppConfiguration, logger: Logger, clock: AppClock) async throws -> JobWorker {
    let store = Store(database: database, clock: clock)
    try await BuiltInSchedules.ensure(store)
    var worker = logger
    worker[metadataKey: "role"] = "worker"
    return JobWorker(
        store: store, database: database,
        queues: [
            QueueConfiguration(name: "default", concurrency: configuration.workerConcurrency),
            // Outbound traffic that tenants drive: no org may hold every slot (a quarter each, at least one).
            QueueConfiguration(name: "webhooks", concurrency: configuration.workerConcurrency, perOrg: max(1, configuration.workerConcurrency / 4)),
            QueueConfiguration(
                name: MailOutboxRepository.queue, concurrency: configuration.workerConcurrency, perOrg: max(1, configuration.workerConcurrency / 4)),
        ],
        handlers: builtInJobHandlers(egress: configuration.egress, secrets: try configuration.requireSecretBox())
            .merging(PasswordResetRequests.handlers(publicURL: configuration.publicURL)) { a, _ in a }
            .merging(CheckUpSending.handlers(publicURL: configuration.publicURL)) { a, _ in a }
            .merging(MailDelivery.handlers(try mailSettings(configuration, logger: logger))) { a, _ in a },
        settings: JobWorker.Settings(lease: Double(configuration.jobsLease), pollInterval: Double(configuration.jobsPoll)),
        logger: worker)
}

/// How the deployment sends mail: through the configured relay, or not at all (recorded as skipped).
public func mailSettings(_ configuration: AppConfiguration, logger: Logger) throws -> MailSettings {
    var transport: (any MailTransport)?
    if let smtp = configuration.smtp {
        var mailLogger = logger
        mailLogger[metadataKey: "role"] = "mail"
        transport = try SMTPClient(configuration: smtp, logger: mailLogger)
    }
    return MailSettings(
        from: configuration.mailFrom, publicURL: configuration.publicURL, transport: transport,
        relays: MailRelays(egress: configuration.egress, secrets: try configuration.requireSecretBox()))
}

/// Every job kind Banso itself enqueues, with its handler (mail's and forgotten-password requests' need the
/// deployment's settings and are merged in by `makeWorker`);
/// webhooks connect only where `egress` allows.
public func builtInJobHandlers(egress: EgressPolicy, secrets: SecretBox) -> [String: JobHandler] {
    [CheckInCadence.handlers, CheckInReminders.handlers, NotificationDigests.handlers, ScheduledWorkHandlers.handlers,
     WebhookDelivery.handlers(egress: egress, secrets: secrets), HealthScoring.handlers, RenewalAlerts.handlers, MeetingAgendas.handlers, ProgramReminderRun.handlers,
     ImportProcessing.handlers]
        .reduce(into: [:]) { all, handlers in all.merge(handlers) { a, _ in a } }
}
