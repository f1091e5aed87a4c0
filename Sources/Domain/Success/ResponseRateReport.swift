public import Foundation

/// Response rates per CSM, company and month, from sends or from counts the database grouped already.
public struct ResponseRateReport: Sendable, Equatable {
    /// Counts of one (CSM, company, month): the grain everything else is summed from.
    public struct Row: Sendable, Hashable {
        public var csmID: UUID?
        public var companyID: UUID
        public var month: YearMonth
        public var rate: ResponseRate

        public init(csmID: UUID?, companyID: UUID, month: YearMonth, rate: ResponseRate) {
            (self.csmID, self.companyID, self.month, self.rate) = (csmID, companyID, month, rate)
        }
    }

    /// What a figure is for: the whole org, one CSM (`nil`: customers without one), or one company.
    public enum Group: Sendable, Hashable {
        case org
        case csm(UUID?)
        case company(UUID)
    }

    public let rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Groups sends by CSM, company and month; a send answered later still counts in the month it was sent.
    public init(sends: [CheckUpSend]) {
        struct Key: Hashable { var csm: UUID?, company: UUID, month: YearMonth }
        var counts: [Key: ResponseRate] = [:]
        for send in sends {
            let key = Key(csm: send.csmID, company: send.companyID, month: send.month)
            counts[key] = (counts[key] ?? .zero) + ResponseRate(sent: 1, answered: send.isAnswered ? 1 : 0)
        }
        self.rows = counts.map { Row(csmID: $0.key.csm, companyID: $0.key.company, month: $0.key.month, rate: $0.value) }
            .sorted { ($0.month, $0.companyID.uuidString, $0.csmID?.uuidString ?? "") < ($1.month, $1.companyID.uuidString, $1.csmID?.uuidString ?? "") }
    }

    private func belongs(_ row: Row, to group: Group) -> Bool {
        switch group {
        case .org: true
        case .csm(let id): row.csmID == id
        case .company(let id): row.companyID == id
        }
    }

    /// `group`'s rate in each month it had sends.
    public func monthly(_ group: Group) -> [YearMonth: ResponseRate] {
        var result: [YearMonth: ResponseRate] = [:]
        for row in rows where belongs(row, to: group) { result[row.month, default: .zero] = result[row.month, default: .zero] + row.rate }
        return result
    }

    /// `group`'s combined rate over `months`.
    public func combined(_ group: Group, over months: [YearMonth]) -> ResponseRate {
        let monthly = monthly(group)
        return months.reduce(.zero) { $0 + (monthly[$1] ?? .zero) }
    }

    /// Every CSM and every company that had sends, for listing the warnings of each.
    public var groups: [Group] {
        let csms = Set(rows.map(\.csmID)).sorted { ($0?.uuidString ?? "") < ($1?.uuidString ?? "") }.map(Group.csm)
        let companies = Set(rows.map(\.companyID)).sorted { $0.uuidString < $1.uuidString }.map(Group.company)
        return [.org] + csms + companies
    }
}
