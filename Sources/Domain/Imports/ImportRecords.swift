public import Foundation

/// Which customer a row of contacts, contracts, revenue, usage, NPS or tickets is about.
public enum CustomerReference: Hashable, Sendable {
    case externalID(String)
    case id(UUID)
}

/// A customers row, resolved against the directory. Fields of columns the file lacks are left as they are on an
/// existing customer (`header.has`); an empty cell of a present column clears an optional field.
public struct CustomerImportRecord: Sendable {
    public var line: Int
    public var externalID: String
    public var name: String?
    public var nameEn: String?
    public var nameKana: String?
    public var companyID: UUID?
    public var teamID: UUID?
    public var ownerID: UUID?
    public var salesOwnerID: UUID?
    public var segment: String?
    public var phase: LifecyclePhase?
    public var churnReason: String?
    public var tags: [String]
    public var custom: [String: CustomFieldValue]
    public var present: Set<String>

    /// The customer as it will be after the row: `existing` with the row's columns applied, or a new customer.
    /// `nil` with the problem when a new customer lacks its name or company, or the team is not in the company.
    public func applied(to existing: Customer?, newID: UUID, today: LocalDate, now: Date) -> Result<Customer, ImportProblem> {
        var c = existing ?? Customer(
            id: newID, externalID: externalID, name: "", companyID: companyID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            phaseSince: today, createdAt: now, updatedAt: now)
        if existing == nil {
            guard let name else { return .failure(ImportProblem(line: line, column: "name", reason: "a new customer needs a name")) }
            guard companyID != nil || teamID != nil else {
                return .failure(ImportProblem(line: line, column: "company", reason: "a new customer needs a company or a team"))
            }
            c.name = name
        }
        if present.contains("name"), let name { c.name = name }
        if present.contains("name_en") { c.nameEn = nameEn }
        if present.contains("name_kana") { c.nameKana = KanaReading.normalise(nameKana) }
        if let companyID { c.companyID = companyID }
        if present.contains("team") { c.teamID = teamID }
        if present.contains("owner_email") { c.ownerID = ownerID }
        if present.contains("sales_owner_email") { c.salesOwnerID = salesOwnerID }
        if present.contains("segment") { c.segment = segment }
        if let phase, phase != c.phase || existing == nil {
            if existing != nil { c.phaseSince = today }
            c.phase = phase
        }
        if present.contains("churn_reason") { c.churnReason = churnReason }
        if c.phase != .churned, c.churnReason != nil {
            return .failure(ImportProblem(line: line, column: "churn_reason", reason: "only a churned customer has a churn reason"))
        }
        if present.contains("tags") { c.tags = tags }
        for (key, value) in custom { c.custom[key] = value }
        return .success(c)
    }
}

public struct ContactImportRecord: Sendable {
    public var line: Int
    public var externalID: String
    public var customer: CustomerReference
    public var name: String
    public var email: String?
    public var phone: String?
    public var role: String?
    public var decisionMaker: Bool
}

public struct ContractImportRecord: Sendable {
    public var line: Int
    public var externalID: String
    public var customer: CustomerReference
    public var name: String?
    public var arrMinor: Int64
    public var currency: String
    public var startDate: LocalDate
    public var endDate: LocalDate
    public var autoRenews: Bool
    public var noticeDays: Int?
    public var noticeMonths: Int?
    public var status: String
}

public struct RevenueImportRecord: Sendable {
    public var line: Int
    public var customer: CustomerReference
    public var month: LocalDate
    public var amountMinor: Int64
    public var currency: String
}

public struct UsageImportRecord: Sendable {
    public var line: Int
    public var customer: CustomerReference
    public var metric: String
    public var day: LocalDate
    public var value: Double

    /// For figures that come from elsewhere than a file (the demo's); `line` 0.
    public init(line: Int = 0, customer: CustomerReference, metric: String, day: LocalDate, value: Double) {
        (self.line, self.customer, self.metric, self.day, self.value) = (line, customer, metric, day, value)
    }
}

public struct NPSImportRecord: Sendable {
    public var line: Int
    public var externalID: String?
    public var customer: CustomerReference
    public var score: Int
    public var date: LocalDate
    public var comment: String?
    public var respondent: String?
    public var channel: String
}

public struct TicketImportRecord: Sendable {
    public var line: Int
    public var customer: CustomerReference
    public var source: String
    public var externalID: String
    public var title: String
    public var priority: String
    public var product: String?
    public var status: String
    public var openedAt: Date
    public var firstResponseAt: Date?
    public var resolvedAt: Date?
    public var reopenCount: Int
    public var csat: Int?
}

/// A row that passed the checks that need no database, typed for its kind.
public enum ImportRecord: Sendable {
    case customer(CustomerImportRecord)
    case contact(ContactImportRecord)
    case contract(ContractImportRecord)
    case revenue(RevenueImportRecord)
    case usage(UsageImportRecord)
    case nps(NPSImportRecord)
    case ticket(TicketImportRecord)

    public var line: Int {
        switch self {
        case .customer(let r): r.line
        case .contact(let r): r.line
        case .contract(let r): r.line
        case .revenue(let r): r.line
        case .usage(let r): r.line
        case .nps(let r): r.line
        case .ticket(let r): r.line
        }
    }

    /// The customer a row is about (every kind but customers).
    public var customer: CustomerReference? {
        switch self {
        case .customer: nil
        case .contact(let r): r.customer
        case .contract(let r): r.customer
        case .revenue(let r): r.customer
        case .usage(let r): r.customer
        case .nps(let r): r.customer
        case .ticket(let r): r.customer
        }
    }

    /// The key the row upserts by; two rows of one file with the same key are a problem.
    public var key: String? {
        switch self {
        case .customer(let r): r.externalID
        case .contact(let r): r.externalID
        case .contract(let r): r.externalID
        case .revenue(let r): "\(r.customer)|\(r.month)|\(r.currency)"
        case .usage(let r): "\(r.customer)|\(r.metric)|\(r.day)"
        case .nps(let r): r.externalID
        case .ticket(let r): r.source + "|" + r.externalID
        }
    }
}
