import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/dashboards`: a month's check-in completion per team (SVG bars with the figures beside them), the goals whose
/// latest check-in says off track or at risk, and — for whoever reviews check-ins there — the reviews pending per
/// reviewer. For one company or, with the right, the whole org; each number says what it counts.
struct DashboardPage: Sendable {
    let store: Store

    struct TeamRow: Sendable {
        let name: String
        let percent: Int
        let label: String
        let submitted: String
        let reviewed: String
        let late: String
    }

    struct GoalRow: Sendable {
        let kindLabel: String
        let title: String
        let href: String
        let owner: String
        let period: String
        let confidence: String
        let confidenceClass: String
    }

    struct ReviewerRow: Sendable {
        let name: String
        let count: String
        let overdue: String
        let hasOverdue: Bool
        let oldest: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let months: [FormOption]
        let companies: [FormOption]
        let teams: [TeamRow]
        let total: String
        let offTrack: [GoalRow]
        /// How many more than the ones listed (the list shows the first ``shown``).
        let moreOffTrack: String?
        let reviewers: [ReviewerRow]
        let showReviewers: Bool
    }

    /// Off-track goals listed on the page; the rest are counted (a dashboard points at the worst, it is not the tree).
    static let shown = 50

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let company = query["company"].flatMap { $0.isEmpty ? nil : UUID(uuidString: String($0)) }
        let identity = context.identity
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let today = reader.today(caller.now)
            let thisMonth = FiscalPeriod.month(containing: today, startMonth: identity.fiscalYearStartMonth)
            let months = (0..<6).map { thisMonth.shifted(by: -$0) }
            let month = query["month"].flatMap { text in months.first { $0.description == String(text) } } ?? thisMonth.previous
            let dashboards = Dashboards(tx, caller)
            let selection = try Dashboards.select(identity, company: company)
            let completion = try await dashboards.completion(selection, period: month.description)
            let offTrack = try await dashboards.offTrack(selection, period: month.fiscalYearPeriod.description, includeAtRisk: true)
            let scope: Scope = company.map { .company($0) } ?? .org
            let reviews = identity.authorizer.can(identity.actor, .reviewCheckIns, in: scope).allowed
                ? try await dashboards.pendingReviews(company: company) : nil
            let names = try await MemberRepository.displayNames(tx)
            let teams = try await TeamRepository.list(
                tx, companyID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items
            let teamNames = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let companies = try await CompanyRepository.list(tx, after: nil, limit: 200).items.filter {
                identity.authorizer.canSomewhere(identity.actor, .readGoals, within: .company($0.id))
            }
            func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
            return Model(
                chrome: reader.chrome(title: t["dash_title"], current: "/dashboards", page: request.uri.description), t: t.strings,
                months: months.map { FormOption(value: $0.description, label: f.period($0), selected: $0 == month) },
                companies: [FormOption(value: "", label: t["tree_all"], selected: company == nil)]
                    + companies.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id == company) },
                teams: completion.teams.compactMap { row -> TeamRow? in
                    guard let team = row.teamID, row.expected > 0 else { return nil }
                    let name = teamNames[team] ?? ""
                    let done = share(row.submitted, row.expected)
                    return TeamRow(
                        name: name, percent: Int((done * 100).rounded()), label: "\(name) \(f.percent(done))",
                        submitted: "\(row.submitted)/\(row.expected)", reviewed: String(row.reviewed), late: String(row.late))
                }.sorted { $0.name < $1.name },
                total: t.format(
                    "dash_total",
                    ["percent": f.percent(share(completion.total.submitted, completion.total.expected)),
                     "submitted": String(completion.total.submitted), "expected": String(completion.total.expected)]),
                offTrack: offTrack.prefix(Self.shown).map { row in
                    GoalRow(
                        kindLabel: t["kind_\(row.goal.kind.rawValue)"], title: row.goal.title, href: "/goals/\(row.goal.id.lowercased)",
                        owner: names[row.goal.ownerID] ?? "", period: row.checkIn.period,
                        confidence: row.checkIn.confidence.map { t["confidence_\($0.rawValue)"] } ?? "",
                        confidenceClass: row.checkIn.confidence?.rawValue ?? "")
                },
                moreOffTrack: offTrack.count > Self.shown
                    ? t.format("dash_more", ["count": String(offTrack.count - Self.shown), "total": String(offTrack.count)]) : nil,
                reviewers: (reviews ?? []).map { row in
                    ReviewerRow(
                        name: row.reviewerID.flatMap { names[$0] } ?? t["dash_no_reviewer"], count: String(row.count),
                        overdue: String(row.overdue), hasOverdue: row.overdue > 0, oldest: f.dateTime(row.oldestSubmittedAt))
                },
                showReviewers: reviews != nil)
        }
        return PageResponse.render("dashboards", model)
    }
}
