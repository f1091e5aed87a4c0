import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/reviews`: the check-ins waiting for my review, the oldest deadline first, each opening the goal page where
/// the review form sits beside the owner's history.
struct ReviewQueuePage: Sendable {
    let store: Store

    struct Row: Sendable {
        let title: String
        let kindLabel: String
        let href: String
        let owner: String
        let period: String
        let due: String
        let overdue: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let rows: [Row]
        let summary: String
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let today = reader.today(caller.now)
            let waiting = try await MyWeekRepository.reviewsWaiting(tx, member: caller.identity.memberID)
            return Model(
                chrome: reader.chrome(title: t["reviews_title"], current: "/reviews", page: request.uri.description), t: t.strings,
                rows: waiting.map { item in
                    Row(
                        title: item.goalTitle, kindLabel: t["kind_\(item.goalKind.rawValue)"],
                        href: "/goals/\(item.goalID.lowercased)#review-heading", owner: item.ownerName ?? "", period: item.period,
                        due: t.format("reviews_by", ["date": reader.format.date(item.dueOn)]), overdue: item.dueOn < today)
                },
                summary: t.format("reviews_summary", ["count": String(waiting.count)]))
        }
        return PageResponse.render("reviews", model)
    }
}
