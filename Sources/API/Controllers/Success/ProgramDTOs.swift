import Domain
import Foundation
import Store
import UseCases

extension ProgramTemplate: Versioned {}

/// One program month of an enrolment: its days and its use of the hour budget (warning from 80 %, over past 100 %).
struct ProgramMonthDTO: Codable, Sendable {
    var month: Int
    var start: LocalDate
    var end: LocalDate
    var usedMinutes: Int
    var limitMinutes: Int
    var usedHours: Double
    var limitHours: Double
    var percent: Double?
    var state: BudgetUse.State
    var warning: Bool
    var over: Bool

    init(_ m: Enrolments.Month) {
        (month, start, end) = (m.number, m.days.lowerBound, m.days.upperBound)
        (usedMinutes, limitMinutes, usedHours, limitHours) = (m.use.usedMinutes, m.use.limitMinutes, m.use.usedHours, m.use.limitHours)
        (percent, state, warning, over) = (m.use.percent, m.use.state, m.use.state == .warning, m.use.state == .over)
    }
}

/// Hours against a limit (a CSM's capacity in a month).
struct ProgramBudgetUseDTO: Codable, Sendable {
    var usedMinutes: Int
    var limitMinutes: Int
    var usedHours: Double
    var limitHours: Double
    var percent: Double?
    var state: BudgetUse.State

    init(_ u: BudgetUse) {
        (usedMinutes, limitMinutes, usedHours, limitHours, percent, state) = (u.usedMinutes, u.limitMinutes, u.usedHours, u.limitHours, u.percent, u.state)
    }
}

/// Where the goal sheet stands, as the enrolment shows it.
struct GoalSheetStateDTO: Codable, Sendable {
    var version: Int
    var agreed: Bool
    var pendingParties: [GoalSheetParty]
    var agreedAt: Date?
    var progress: Double?

    init(_ s: GoalSheet) {
        (version, agreed, pendingParties, agreedAt, progress) = (s.version, s.isAgreed, s.pendingParties, s.agreedAt, s.progress)
    }
}

/// A reminder due today on a running program (issue 15's scheduler sends them; here they are shown).
struct ProgramReminderDTO: Codable, Sendable {
    var kind: String
    var key: String
    var sessionId: UUID?
    var on: LocalDate?

    init(_ r: ProgramReminders.Reminder) {
        key = r.key
        switch r {
        case .sessionSoon(let id, let day): (kind, sessionId, on) = ("session_soon", id, day)
        case .presentationNotScheduled: kind = "presentation_not_scheduled"
        case .goalSheetNotAgreed: kind = "goal_sheet_not_agreed"
        }
    }
}

struct EnrolmentDTO: Codable, Sendable, Versioned {
    var id: UUID
    var customerId: UUID
    var customerName: String
    var templateId: UUID
    var startDate: LocalDate
    var endDate: LocalDate
    var months: Int
    var monthlyBudgetMinutes: Int
    var csmId: UUID
    var participantIds: [UUID]
    var state: Enrolment.State
    var presentation: SuccessPresentation?
    var result: ProgramResult?
    var programMonths: [ProgramMonthDTO]
    /// Minutes logged outside the program's months: shown, charged to no month.
    var outsideMinutes: Int
    var sessions: [ProgramSession]
    var goalSheet: GoalSheetStateDTO?
    var remindersDue: [ProgramReminderDTO]
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ v: Enrolments.View) {
        let e = v.enrolment
        (id, customerId, customerName, templateId, startDate) = (e.id, e.customerID, v.customerName, e.templateID, e.startDate)
        (endDate, months, monthlyBudgetMinutes, csmId) = (e.calendar.end, e.months, e.monthlyBudgetMinutes, e.csmID)
        (participantIds, state, presentation, result) = (e.participantIDs, e.state, e.presentation, e.result)
        (programMonths, outsideMinutes, sessions) = (v.months.map(ProgramMonthDTO.init), v.outsideMinutes, v.sessions)
        (goalSheet, remindersDue) = (v.goalSheet.map(GoalSheetStateDTO.init), v.reminders.map(ProgramReminderDTO.init))
        (createdAt, updatedAt, version) = (e.createdAt, e.updatedAt, e.version)
    }
}

extension Enrolment: Versioned {}
extension ProgramSession: Versioned {}

struct GoalSheetDTO: Codable, Sendable, Versioned {
    var id: UUID
    var enrolmentId: UUID
    /// The content's version: send it back in `If-Match` to edit, and with an agreement.
    var version: Int
    var content: GoalSheetContent
    var agreements: [GoalSheetAgreement]
    var agreed: Bool
    var pendingParties: [GoalSheetParty]
    var agreedAt: Date?
    var kpiActual: Double?
    var usageActual: Double?
    var progress: Double?
    var createdAt: Date
    var updatedAt: Date

    init(_ s: GoalSheet) {
        (id, enrolmentId, version, content, agreements) = (s.id, s.enrolmentID, s.version, s.content, s.agreements)
        (agreed, pendingParties, agreedAt, kpiActual, usageActual) = (s.isAgreed, s.pendingParties, s.agreedAt, s.kpiActual, s.usageActual)
        (progress, createdAt, updatedAt) = (s.progress, s.createdAt, s.updatedAt)
    }
}

struct GoalSheetLinkDTO: Codable, Sendable {
    var id: UUID
    var party: GoalSheetParty
    var contactId: UUID
    var sheetVersion: Int
    var expiresAt: Date
    /// Answered once: only the token's hash is kept.
    var url: String
}

struct CSMCapacityDTO: Codable, Sendable, Versioned {
    var memberId: UUID
    var monthlyMinutes: Int
    var monthlyHours: Double
    /// True while no one has set it (the default of 120 h).
    var isDefault: Bool
    var setBy: UUID?
    var updatedAt: Date?
    /// YYYY-MM.
    var month: String
    var load: ProgramBudgetUseDTO
    var version: Int

    init(_ v: CSMCapacities.View) {
        let c = v.stored.capacity
        (memberId, monthlyMinutes, monthlyHours, isDefault) = (c.memberID, c.monthlyMinutes, c.monthlyHours, v.stored.version == 0)
        (setBy, updatedAt, month, load, version) = (v.stored.setBy, v.stored.updatedAt, v.month.description, ProgramBudgetUseDTO(v.load), v.stored.version)
    }
}

struct ProgramShareDTO: Codable, Sendable {
    var part: Int
    var whole: Int
    /// 0–1; null for an empty whole.
    var rate: Double?

    init(_ s: ProgramFigures.Share) { (part, whole, rate) = (s.part, s.whole, s.rate) }
}

struct ProgramCSMHoursDTO: Codable, Sendable {
    var csmId: UUID
    var name: String
    var load: ProgramBudgetUseDTO
}

struct ProgramReportDTO: Codable, Sendable {
    /// YYYY-MM.
    var month: String
    var coverage: ProgramShareDTO
    var presentationSuccess: ProgramShareDTO
    var presentationPending: Int
    var hoursPerCsm: [ProgramCSMHoursDTO]

    init(_ r: ProgramReports.Report) {
        (month, coverage, presentationSuccess, presentationPending) = (r.month.description, ProgramShareDTO(r.coverage), ProgramShareDTO(r.presentationSuccess), r.presentationPending)
        hoursPerCsm = r.hours.map { ProgramCSMHoursDTO(csmId: $0.csmID, name: $0.name, load: ProgramBudgetUseDTO($0.use)) }
    }
}
