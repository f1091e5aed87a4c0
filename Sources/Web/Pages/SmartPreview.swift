import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store
import UseCases

/// `POST /goals/smart-check`: the SMART verdicts of a goal being typed into a new-goal form, for the page's script
/// to show beside the form as it is filled in. It runs the same checks a create runs (`Goals.check`) and writes
/// nothing; a form without script gets the same verdicts on the new goal's page. JSON, because the script writes
/// the verdicts with `textContent`: no markup from the server is ever inserted into the page.
struct SmartPreview: Sendable {
    let store: Store

    struct Fields: Decodable {
        /// A KSF's or KPI's parent; a KGI has none and names its period and company instead.
        var parent: String?
        var period: String?
        var kind: String?
        var goal: GoalFields

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            parent = try container.decodeIfPresent(String.self, forKey: .parent)
            period = try container.decodeIfPresent(String.self, forKey: .period)
            kind = try container.decodeIfPresent(String.self, forKey: .kind)
            goal = try GoalFields(from: decoder)
        }

        enum Keys: String, CodingKey { case parent, period, kind }
    }

    struct Verdict: Encodable {
        let letter: String
        let name: String
        let pass: Bool
        let mark: String
        let reason: String
    }

    struct Answer: Encodable {
        /// "All five letters pass" or how many need work, for the live region to announce once.
        let summary: String
        let passes: Bool
        let verdicts: [Verdict]
        /// A problem that keeps the goal from being checked at all (no title yet, a number that is not one).
        let problem: String?
        let field: String?
    }

    func check(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let answer = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let goals = Goals(tx, caller)
            do {
                let new: Goals.New
                if let parentText = form.parent, !parentText.isEmpty {
                    guard let parentID = UUID(uuidString: parentText) else { throw DomainError(.notFound, "goal not found") }
                    let parent = try await goals.get(parentID)
                    let kind = form.kind.flatMap(Goal.Kind.init(rawValue:)) ?? (parent.kind == .kgi ? .ksf : .kpi)
                    new = try form.goal.new(
                        kind: kind, parentID: parent.id, period: parent.period.description, companyID: parent.companyID,
                        teamID: parent.teamID)
                } else {
                    let company = form.goal.company.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
                    new = try form.goal.new(kind: .kgi, parentID: nil, period: form.period ?? "", companyID: company, teamID: nil)
                }
                let smart: SmartCheck
                do {
                    smart = try await goals.check(new).smart
                } catch let failure as SmartCheckFailure {
                    smart = failure.check
                }
                return Self.answer(smart, t: t)
            } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
                let message = t.explain(error)
                return Answer(summary: message, passes: false, verdicts: [], problem: message, field: error.field)
            }
        }
        var headers = PageResponse.securityHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(answer))))
    }

    static func answer(_ smart: SmartCheck, t: Catalogue) -> Answer {
        let failing = smart.verdicts.filter { !$0.pass }.count
        return Answer(
            summary: failing == 0 ? t["smart_live_all_pass"] : t.format("smart_live_failing", ["count": String(failing)]),
            passes: smart.passes,
            verdicts: smart.verdicts.map {
                Verdict(
                    letter: String($0.letter.rawValue.prefix(1)).uppercased(), name: t["smart_\($0.letter.rawValue)"], pass: $0.pass,
                    mark: $0.pass ? t["smart_pass"] : t["smart_fail"], reason: $0.reason)
            },
            problem: nil, field: nil)
    }
}
