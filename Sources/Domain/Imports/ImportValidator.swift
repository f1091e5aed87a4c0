public import Foundation

/// Reads one data row of an import into its typed record, or every problem of the row (line, column, reason) —
/// all of them, not just the first, so a dry run reports the whole file. Checks that need the database (does the
/// customer exist, may the importer write it) come after, in the use case.
public struct ImportValidator: Sendable {
    public let header: ImportHeader
    public let directory: ImportDirectory
    public let zone: TimeZone

    public static let contractStatuses = ["active", "renewed", "cancelled", "expired"]
    public static let npsChannels = ["email", "in_app", "survey", "meeting", "phone", "other"]
    public static let ticketPriorities = ["urgent", "high", "normal", "low"]
    public static let ticketStatuses = ["open", "pending", "resolved", "closed"]

    public init(header: ImportHeader, directory: ImportDirectory, zone: TimeZone) {
        (self.header, self.directory, self.zone) = (header, directory, zone)
    }

    /// The row's record, or `nil` and every problem of the row.
    public func validate(_ row: ImportRow) -> (record: ImportRecord?, problems: [ImportProblem]) {
        var cells = Cells(row: row)
        let record: ImportRecord?
        switch header.kind {
        case .customers: record = customer(&cells)
        case .contacts: record = contact(&cells)
        case .contracts: record = contract(&cells)
        case .revenue: record = revenue(&cells)
        case .usage: record = usage(&cells)
        case .nps: record = nps(&cells)
        case .tickets: record = ticket(&cells)
        }
        if let record, cells.problems.isEmpty { return (record, []) }
        return (nil, cells.problems)
    }

    /// A row's cells, collecting problems as they are read.
    struct Cells {
        let row: ImportRow
        var problems: [ImportProblem] = []

        mutating func fail(_ key: String, _ reason: String) {
            problems.append(ImportProblem(line: row.line, column: row.header.name(key), reason: reason))
        }

        /// Text up to `limit` characters.
        mutating func text(_ key: String, limit: Int = 200, required: Bool = false) -> String? {
            guard let value = row.text(key) else {
                if required { fail(key, "required") }
                return nil
            }
            if value.utf8.count > limit, value.count > limit {
                fail(key, "longer than \(limit) characters")
                return nil
            }
            return value
        }

        mutating func parse<T>(_ key: String, required: Bool = false, _ parser: (String) -> Result<T, ImportCell.Failure>) -> T? {
            guard let value = row.text(key) else {
                if required { fail(key, "required") }
                return nil
            }
            switch parser(value) {
            case .success(let parsed): return parsed
            case .failure(.invalid(let reason)):
                fail(key, reason)
                return nil
            }
        }

        mutating func choice(_ key: String, _ allowed: [String], default fallback: String) -> String {
            guard let value = row.text(key) else { return fallback }
            let normal = ImportCell.compatibilityMapped(value).lowercased()
            guard allowed.contains(normal) else {
                fail(key, "one of \(allowed.joined(separator: ", "))")
                return fallback
            }
            return normal
        }

        mutating func customer() -> CustomerReference? {
            if let raw = row.text("customer_id") {
                guard let id = UUID(uuidString: raw) else {
                    fail("customer_id", "not a customer id")
                    return nil
                }
                return .id(id)
            }
            if let external = row.text("customer_external_id") { return .externalID(external) }
            fail(row.header.has("customer_external_id") ? "customer_external_id" : "customer_id", "required")
            return nil
        }
    }

    func customer(_ cells: inout Cells) -> ImportRecord? {
        let externalID = cells.text("external_id", required: true)
        let name = cells.text("name")
        if header.has("name"), name == nil, cells.row.text("name") == nil { cells.fail("name", "required") }
        var companyID: UUID?, teamID: UUID?
        if let text = cells.row.text("company") {
            if let company = directory.company(text) { companyID = company.id } else { cells.fail("company", "no such company") }
        }
        if let text = cells.row.text("team") {
            if let team = directory.team(text, in: companyID) {
                teamID = team.id
                if companyID == nil { companyID = team.companyID }
                if companyID != team.companyID { cells.fail("team", "the team is not in this company") }
            } else {
                cells.fail("team", companyID == nil ? "no such team" : "no such team in this company")
            }
        }
        func member(_ key: String) -> UUID? {
            guard let email = cells.row.text(key) else { return nil }
            guard let id = directory.member(email: email) else {
                cells.fail(key, "no active member with this email")
                return nil
            }
            return id
        }
        let owner = member("owner_email"), sales = member("sales_owner_email")
        var phase: LifecyclePhase?
        if let text = cells.row.text("phase") {
            phase = LifecyclePhase(rawValue: text.lowercased())
            if phase == nil { cells.fail("phase", "one of \(LifecyclePhase.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        let tags = (cells.row.text("tags") ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if tags.contains(where: { $0.count > 50 }) { cells.fail("tags", "a tag is longer than 50 characters") }
        var custom: [String: CustomFieldValue] = [:]
        for key in header.customFieldKeys {
            guard let field = directory.fields[key], let text = cells.row.text("custom." + key) else { continue }
            let column = "custom." + key
            switch field.type {
            case "number":
                if let n = cells.parse(column, ImportCell.number) { custom[key] = .number(n) }
            case "date":
                if let d = cells.parse(column, ImportCell.date) { custom[key] = .date(d) }
            case "boolean":
                if let b = cells.parse(column, ImportCell.flag) { custom[key] = .boolean(b) }
            case "choice":
                if field.choices.contains(text) { custom[key] = .text(text) } else {
                    cells.fail(column, "one of \(field.choices.joined(separator: ", "))")
                }
            default:
                if text.count > 2000 { cells.fail(column, "longer than 2000 characters") } else { custom[key] = .text(text) }
            }
        }
        let record = CustomerImportRecord(
            line: cells.row.line, externalID: externalID ?? "", name: name, nameEn: cells.text("name_en"),
            nameKana: cells.text("name_kana"), companyID: companyID, teamID: teamID, ownerID: owner, salesOwnerID: sales,
            segment: cells.text("segment", limit: 100), phase: phase, churnReason: cells.text("churn_reason", limit: 2000),
            tags: tags, custom: custom, present: Set(header.positions.keys))
        return externalID == nil ? nil : .customer(record)
    }

    func contact(_ cells: inout Cells) -> ImportRecord? {
        let externalID = cells.text("external_id", required: true), customer = cells.customer()
        let name = cells.text("name", required: true)
        let email = cells.text("email", limit: 320)
        if let email, !email.contains("@") { cells.fail("email", "not an email address") }
        let phone = cells.text("phone", limit: 50), role = cells.text("role")
        let decision = cells.parse("decision_maker", ImportCell.flag) ?? false
        guard let externalID, let customer, let name else { return nil }
        return .contact(ContactImportRecord(
            line: cells.row.line, externalID: externalID, customer: customer, name: name, email: email, phone: phone,
            role: role, decisionMaker: decision))
    }

    func currency(_ cells: inout Cells) -> String? {
        guard let code = cells.text("currency", limit: 3, required: true)?.uppercased() else { return nil }
        guard (try? CurrencyCode(code)) != nil else {
            cells.fail("currency", "a three-letter ISO 4217 code such as JPY or USD")
            return nil
        }
        return code
    }

    func contract(_ cells: inout Cells) -> ImportRecord? {
        let externalID = cells.text("external_id", required: true), customer = cells.customer()
        let name = cells.text("name"), currency = currency(&cells)
        let arr = currency.flatMap { code in cells.parse("arr", required: true) { ImportCell.amount($0, currency: code) } }
        let start = cells.parse("start_date", required: true, ImportCell.date)
        let end = cells.parse("end_date", required: true, ImportCell.date)
        if let start, let end, end < start { cells.fail("end_date", "before the start date") }
        let auto = cells.parse("auto_renews", ImportCell.flag) ?? false
        let days = cells.parse("notice_days") { ImportCell.integer($0, in: 0...730) }
        let months = cells.parse("notice_months") { ImportCell.integer($0, in: 0...24) }
        if days != nil, months != nil { cells.fail("notice_months", "give the notice in days or in months, not both") }
        let status = cells.choice("status", Self.contractStatuses, default: "active")
        guard let externalID, let customer, let currency, let arr, let start, let end else { return nil }
        return .contract(ContractImportRecord(
            line: cells.row.line, externalID: externalID, customer: customer, name: name, arrMinor: arr, currency: currency,
            startDate: start, endDate: end, autoRenews: auto, noticeDays: days, noticeMonths: months, status: status))
    }

    func revenue(_ cells: inout Cells) -> ImportRecord? {
        let customer = cells.customer(), month = cells.parse("month", required: true, ImportCell.month)
        let currency = currency(&cells)
        let amount = currency.flatMap { code in cells.parse("amount", required: true) { ImportCell.amount($0, currency: code) } }
        guard let customer, let month, let currency, let amount else { return nil }
        return .revenue(RevenueImportRecord(line: cells.row.line, customer: customer, month: month, amountMinor: amount, currency: currency))
    }

    func usage(_ cells: inout Cells) -> ImportRecord? {
        let customer = cells.customer()
        let metric = cells.text("metric", limit: 40, required: true)?.lowercased()
        if let metric, !ImportCell.isIdentifier(metric) {
            cells.fail("metric", "lower-case letters, digits and _ starting with a letter (active_users)")
        }
        let day = cells.parse("day", required: true, ImportCell.date)
        let value = cells.parse("value", required: true, ImportCell.number)
        guard let customer, let metric, let day, let value else { return nil }
        return .usage(UsageImportRecord(line: cells.row.line, customer: customer, metric: metric, day: day, value: value))
    }

    func nps(_ cells: inout Cells) -> ImportRecord? {
        let externalID = cells.text("external_id"), customer = cells.customer()
        let score = cells.parse("score", required: true) { ImportCell.integer($0, in: 0...10) }
        let date = cells.parse("date", required: true, ImportCell.date)
        let comment = cells.text("comment", limit: 5000), respondent = cells.text("respondent")
        let channel = cells.choice("channel", Self.npsChannels, default: "other")
        guard let customer, let score, let date else { return nil }
        return .nps(NPSImportRecord(
            line: cells.row.line, externalID: externalID, customer: customer, score: score, date: date, comment: comment,
            respondent: respondent, channel: channel))
    }

    func ticket(_ cells: inout Cells) -> ImportRecord? {
        let customer = cells.customer()
        let source = cells.text("source", limit: 40)?.lowercased() ?? "import"
        if !ImportCell.isIdentifier(source) {
            cells.fail("source", "lower-case letters, digits and _ starting with a letter (zendesk)")
        }
        let externalID = cells.text("external_id", required: true)
        let title = cells.text("title", limit: 500, required: true)
        let priority = cells.choice("priority", Self.ticketPriorities, default: "normal")
        let product = cells.text("product", limit: 100)
        let status = cells.choice("status", Self.ticketStatuses, default: "open")
        let zone = zone
        let opened = cells.parse("opened_at", required: true) { ImportCell.instant($0, zone: zone) }
        let first = cells.parse("first_response_at") { ImportCell.instant($0, zone: zone) }
        let resolved = cells.parse("resolved_at") { ImportCell.instant($0, zone: zone) }
        if let opened, let first, first < opened { cells.fail("first_response_at", "before the ticket was opened") }
        if let opened, let resolved, resolved < opened { cells.fail("resolved_at", "before the ticket was opened") }
        let reopen = cells.parse("reopen_count") { ImportCell.integer($0, in: 0...10_000) } ?? 0
        let csat = cells.parse("csat") { ImportCell.integer($0, in: 1...5) }
        guard let customer, let externalID, let title, let opened else { return nil }
        return .ticket(TicketImportRecord(
            line: cells.row.line, customer: customer, source: source, externalID: externalID, title: title,
            priority: priority, product: product, status: status, openedAt: opened, firstResponseAt: first,
            resolvedAt: resolved, reopenCount: reopen, csat: csat))
    }
}
