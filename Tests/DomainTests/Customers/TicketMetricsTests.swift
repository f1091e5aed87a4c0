import Domain
import Foundation
import Testing

@Suite struct TicketMetricsTests {
    @Test func percentilesInterpolateAsPercentileCont() throws {
        // percentile_cont(0.5) of 1, 2, 3, 4 is 2.5; percentile_cont(0.9) is 3.7.
        let spread = try #require(TicketMetrics.spread(of: [4, 1, 3, 2]))
        #expect(spread.median == 2.5)
        #expect(abs(spread.p90 - 3.7) < 1e-9)
        #expect(spread.count == 4)
        #expect(TicketMetrics.percentile(0.5, of: [7]) == 7, "one value is every percentile")
        #expect(TicketMetrics.percentile(0.9, of: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 9.1)
        #expect(TicketMetrics.percentile(0.5, of: []) == nil)
        #expect(TicketMetrics.spread(of: []) == nil)
        #expect(TicketMetrics.percentile(0.5, of: [1, .nan, 3]) == 2, "non-finite durations are left out")
    }

    @Test func reopenRate() {
        #expect(TicketMetrics.rate(1, of: 4) == 0.25)
        #expect(TicketMetrics.rate(0, of: 0) == nil)
    }

    @Test func statusTransitions() {
        let opened = Date(timeIntervalSince1970: 1_000_000)
        let now = opened.addingTimeInterval(3_600)
        var ticket = Ticket(id: UUID(), customerID: UUID(), title: "ログインできない", openedAt: opened, phaseAtOpen: .onboarding,
                            createdAt: opened, updatedAt: opened)
        #expect(TicketRules.apply(.pending, to: &ticket, resolvedAt: nil, now: now) == .none)
        #expect(TicketRules.apply(.resolved, to: &ticket, resolvedAt: nil, now: now) == .resolve)
        #expect(ticket.resolvedAt == now)
        #expect(TicketRules.apply(.closed, to: &ticket, resolvedAt: nil, now: now.addingTimeInterval(60)) == .none)
        #expect(ticket.resolvedAt == now, "closing a resolved ticket keeps its resolved time")
        #expect(TicketRules.apply(.open, to: &ticket, resolvedAt: nil, now: now) == .reopen)
        #expect(ticket.reopenCount == 1)
        #expect(ticket.resolvedAt == nil)
        #expect(TicketRules.apply(.resolved, to: &ticket, resolvedAt: opened.addingTimeInterval(60), now: now) == .resolve)
        #expect(ticket.resolvedAt == opened.addingTimeInterval(60), "a given resolved time wins")
        #expect(Ticket.Priority.urgent.isCritical && Ticket.Priority.high.isCritical && !Ticket.Priority.normal.isCritical)
    }

    @Test func ticketValidationNamesTheField() {
        let opened = Date(timeIntervalSince1970: 1_000_000)
        func field(_ change: (inout Ticket) -> Void) -> String? {
            var ticket = Ticket(id: UUID(), customerID: UUID(), title: "x", openedAt: opened, phaseAtOpen: .outcome,
                                createdAt: opened, updatedAt: opened)
            change(&ticket)
            do { try TicketRules.validate(ticket, now: opened) } catch let error as DomainError { return error.field } catch { return "?" }
            return nil
        }
        #expect(field { _ in } == nil)
        #expect(field { $0.title = "  " } == "title")
        #expect(field { $0.csat = 6 } == "csat")
        #expect(field { $0.source = "Zendesk" } == "source")
        #expect(field { $0.firstResponseAt = opened.addingTimeInterval(-1) } == "first_response_at")
        #expect(field { $0.resolvedAt = opened.addingTimeInterval(60) } == "resolved_at", "an open ticket has no resolved time")
        #expect(field { $0.openedAt = opened.addingTimeInterval(86_400) } == "opened_at")
    }

    @Test func problemStatusesNeedWhatTheyStandFor() {
        let now = Date(timeIntervalSince1970: 0)
        func field(_ change: (inout ProblemRecord) -> Void) -> String? {
            var p = ProblemRecord(id: UUID(), title: "CSV 取込の文字化け", createdAt: now, updatedAt: now)
            change(&p)
            do { try ProblemRules.validate(p) } catch let error as DomainError { return error.field } catch { return "?" }
            return nil
        }
        #expect(ProblemRecord.Status.allCases.map(\.order) == [0, 1, 2, 3])
        #expect(field { $0.status = .contained } == "containment")
        #expect(field { $0.status = .contained; $0.containment = "手順書で回避" } == nil)
        #expect(field { $0.status = .closed; $0.containment = "x" } == "root_cause")
        #expect(field { $0.status = .closed; $0.containment = "x"; $0.rootCause = "CP932" } == "preventive_action")
        #expect(field { $0.status = .closed; $0.containment = "x"; $0.rootCause = "CP932"; $0.preventiveAction = "自動判定" } == nil)
        #expect(field { $0.status = .corrected; $0.containment = "x"; $0.rootCause = "CP932" } == "corrective_action")
    }
}
