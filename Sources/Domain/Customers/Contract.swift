public import Foundation

/// A customer's contract (DESIGN §2): its ARR in one currency, its term, and — when it renews by itself — the notice
/// period that fixes the cancellation-notice deadline 解約予告期限 (``RenewalSchedule``).
public struct Contract: Sendable, Equatable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case active, renewed, cancelled, expired
    }

    public var id: UUID
    public var customerID: UUID
    public var externalID: String?
    public var name: String?
    public var arr: Money
    public var startDate: LocalDate
    public var endDate: LocalDate
    public var autoRenews: Bool
    public var noticeDays: Int?
    public var noticeMonths: Int?
    public var status: Status
    /// What the renewal came to, once someone recorded it (the health back-test reads it).
    public var renewalOutcome: RenewalOutcome?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, customerID: UUID, externalID: String? = nil, name: String? = nil, arr: Money, startDate: LocalDate,
        endDate: LocalDate, autoRenews: Bool = false, noticeDays: Int? = nil, noticeMonths: Int? = nil,
        status: Status = .active, renewalOutcome: RenewalOutcome? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.customerID, self.externalID, self.name, self.arr) = (id, customerID, externalID, name, arr)
        (self.startDate, self.endDate, self.autoRenews) = (startDate, endDate, autoRenews)
        (self.noticeDays, self.noticeMonths, self.status, self.renewalOutcome) = (noticeDays, noticeMonths, status, renewalOutcome)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }

    /// The notice period as the contract states it: in months or in days, never both (``ContractRules``).
    public var notice: NoticePeriod? {
        if let noticeMonths { return .months(noticeMonths) }
        if let noticeDays { return .days(noticeDays) }
        return nil
    }

    /// The contract's notice deadline and alerts. Valid by construction: ``ContractRules/validate(_:)`` refused
    /// negative notices before the contract was stored.
    public var schedule: RenewalSchedule {
        (try? RenewalSchedule(endDate: endDate, autoRenews: autoRenews, notice: notice))
            ?? (try! RenewalSchedule(endDate: endDate, autoRenews: autoRenews, notice: nil))
    }

    /// The last day to give notice (the end date when the contract does not renew by itself).
    public var noticeDeadline: LocalDate { schedule.noticeDeadline }

    /// A twelfth of the ARR, rounded to the minor unit.
    public var mrr: Money { arr.scaled(by: 1, over: 12) }

    /// What ``ContractRevenue`` derives monthly revenue from.
    public var revenueTerms: ContractRevenue.Contract {
        ContractRevenue.Contract(customerID: customerID, arr: arr, start: startDate, end: endDate)
    }
}

/// What a contract must satisfy before it is stored; each refusal names the field.
public enum ContractRules {
    public static func validate(_ c: Contract) throws {
        if let name = c.name, name.count > 200 {
            throw DomainError(.invalid, "a contract name is at most 200 characters", field: "name")
        }
        if let external = c.externalID, !(1...200).contains(external.count) {
            throw DomainError(.invalid, "an external id has 1 to 200 characters", field: "external_id")
        }
        guard c.arr.minorUnits >= 0 else {
            throw DomainError(.invalid, "an ARR cannot be negative", field: "arr.amount_minor")
        }
        guard c.endDate >= c.startDate else {
            throw DomainError(.invalid, "a contract ends on or after the day it starts", field: "end_date")
        }
        guard c.noticeDays == nil || c.noticeMonths == nil else {
            throw DomainError(.invalid, "give the notice period in days or in months, not both", field: "notice_days")
        }
        if let days = c.noticeDays, !(0...730).contains(days) {
            throw DomainError(.invalid, "a notice period in days is 0 to 730", field: "notice_days")
        }
        if let months = c.noticeMonths, !(0...24).contains(months) {
            throw DomainError(.invalid, "a notice period in months is 0 to 24", field: "notice_months")
        }
    }
}
