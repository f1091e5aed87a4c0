import Logging
import Settings
import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/`: my week — what to submit, review, acknowledge, what is overdue, unread notifications, and for a reviewer
/// the teams' completion this month.
struct HomePage: Sendable {
    let store: Store

    struct Item: Sendable {
        let title: String
        let href: String
        let detail: String
        let badge: String
        let urgent: Bool
    }

    struct Section: Sendable {
        let id: String
        let heading: String
        let empty: String
        let items: [Item]
        let count: Int
    }

    struct TeamRow: Sendable {
        let name: String
        let figure: String
        let percent: Int
        let label: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let lead: String
        let sections: [Section]
        let completion: [TeamRow]
        let hasCompletion: Bool
        let completionTotal: String
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let week = try await MyWeek(tx, caller).load(today: reader.today(caller.now))
            return Self.model(week, reader, page: request.uri.description)
        }
        return PageResponse.render("home", model)
    }

    static func model(_ week: MyWeek.Summary, _ reader: Reader, page: String) -> Model {
        let t = reader.t, f = reader.format
        func due(_ day: LocalDate) -> String {
            day == week.today ? t["home_due_today"] : t.format("home_due", ["date": f.shortDate(day)])
        }
        func overdue(_ day: LocalDate) -> String {
            t.format("home_overdue_days", ["days": String(day.days(to: week.today))])
        }
        let checkIns = week.checkIns.map {
            Item(title: $0.goalTitle, href: "/goals/\($0.goalID.lowercased)", detail: $0.period, badge: due($0.dueOn), urgent: false)
        }
        let reviews = week.reviews.map {
            Item(
                title: $0.goalTitle, href: "/goals/\($0.goalID.lowercased)",
                detail: t.format("home_submitted_by", ["name": $0.ownerName ?? ""]) + " · " + $0.period,
                badge: due($0.dueOn), urgent: $0.dueOn < week.today)
        }
        let acknowledge = week.toAcknowledge.map {
            Item(
                title: $0.title, href: "/accountabilities/\($0.id.lowercased)",
                detail: t.format("home_assigned_by", ["name": $0.assignedByName]),
                badge: $0.dueDate.map(due) ?? "", urgent: false)
        }
        let overdueItems =
            week.overdueCheckIns.map {
                Item(title: $0.goalTitle, href: "/goals/\($0.goalID.lowercased)", detail: $0.period, badge: overdue($0.dueOn), urgent: true)
            }
            + week.overdueAccountabilities.map {
                Item(
                    title: $0.title, href: "/accountabilities/\($0.id.lowercased)",
                    detail: t.format("home_assigned_by", ["name": $0.assignedByName]),
                    badge: $0.dueDate.map(overdue) ?? "", urgent: true)
            }
        let notifications = week.notifications.map {
            Item(title: $0.title, href: "/me/notifications", detail: $0.body, badge: f.dateTime($0.createdAt), urgent: false)
        }
        func section(_ id: String, _ items: [Item], count: Int? = nil) -> Section {
            Section(id: id, heading: t["home_\(id)"], empty: t["home_\(id)_empty"], items: items, count: count ?? items.count)
        }
        let rows = (week.completion?.teams ?? []).compactMap { row -> TeamRow? in
            guard let team = row.teamID, row.expected > 0 else { return nil }
            let share = Double(row.submitted) / Double(row.expected)
            let name = week.teamNames[team] ?? ""
            return TeamRow(
                name: name, figure: "\(row.submitted)/\(row.expected)", percent: Int((share * 100).rounded()),
                label: "\(name) \(f.percent(share))")
        }.sorted { $0.name < $1.name }
        let total = week.completion.map { c in
            c.total.expected == 0 ? "" : f.percent(Double(c.total.submitted) / Double(c.total.expected))
        } ?? ""
        return Model(
            chrome: reader.chrome(title: t["home_title"], current: "/", page: page), t: t.strings,
            lead: t.format("home_lead", ["date": f.date(week.today)]),
            sections: [
                section("overdue", overdueItems), section("checkins", checkIns), section("reviews", reviews),
                section("accountabilities", acknowledge), section("notifications", notifications, count: week.unread),
            ],
            completion: rows, hasCompletion: week.completion != nil, completionTotal: total)
    }
}

extension UUID {
    var lowercased: String { uuidString.lowercased() }
}
