import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Settings
import Store
import UseCases

/// The page a client's owner or decision maker reaches from their goal-sheet link, without signing in (`/g/{token}`):
/// the sheet of that one program — the customer's name, the goals, who agreed which version — and a button to agree.
/// Opening it changes nothing (a mail scanner may follow the link); the POST is same-origin (the router's cross-origin
/// protection) and limited per client address, records the agreement to the version the link was issued for, and
/// uses the link up. An unknown, expired or used link gets one neutral page. The token is in the path: no referrer,
/// no caching, no indexing.
struct GoalSheetLinkPages: Sendable {
    let services: AppServices
    var store: Store { services.store }

    struct Model: Sendable {
        let lang: String
        let title: String
        let stylesheet: String
        let orgName: String?
        let languages: [Chrome.LanguageOption]
        let t: [String: String]
        let lines: [String]
        let sheet: Sheet?
        let action: String?
    }

    struct Sheet: Sendable {
        let version: String
        let rows: [Row]
        let agreements: [Agreement]
        let noAgreements: Bool
    }

    struct Row: Sendable {
        let label: String
        let value: String
    }

    struct Agreement: Sendable {
        let party: String
        let name: String
        let version: String
        let at: String
        let current: Bool
    }

    func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        return page(request, try await GoalSheetLinks.open(store, token: token), token: token)
    }

    func agree(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let address = ClientAddress(trustedProxies: services.configuration.trustedProxies).resolve(request, context)
        if let seconds = try await GoalSheetLinks.admit(store, address: address) {
            let t = Catalogue(PublicLinkPage.language(request, org: nil))
            var response = render(t, title: t["gsl_limited_title"], orgName: nil, lines: [t["gsl_limited_lead"]]).with(status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        return page(request, try await GoalSheetLinks.agree(store, token: token), token: token)
    }

    private func page(_ request: Request, _ outcome: GoalSheetLinks.Outcome, token: String) -> Response {
        switch outcome {
        case .gone:
            let t = Catalogue(PublicLinkPage.language(request, org: nil))
            return render(t, title: t["gsl_gone_title"], orgName: nil, lines: [t["gsl_gone_lead"]]).with(status: .gone)
        case .stale(let locale):
            let t = Catalogue(PublicLinkPage.language(request, org: locale))
            return render(t, title: t["gsl_stale_title"], orgName: nil, lines: [t["gsl_stale_lead"]]).with(status: .conflict)
        case .agreed(let view):
            let t = Catalogue(PublicLinkPage.language(request, org: view.orgLocale))
            return respond(model(t, view, title: t["gsl_thanks_title"], lines: [t["gsl_thanks_lead"]], action: nil))
        case .open(let view):
            let t = Catalogue(PublicLinkPage.language(request, org: view.orgLocale))
            let party = t["gsl_party_\(view.party.rawValue)"]
            let lead = t.format("gsl_lead", ["org": view.orgName, "customer": view.customerName, "name": view.contactName, "party": party])
            let lines = view.agreed ? [lead, t["gsl_already"]] : [lead]
            let action = view.agreed ? nil : "/g/" + token + "?lang=" + t.language.rawValue
            return respond(model(t, view, title: t["gsl_title"], lines: lines, action: action))
        }
    }

    private func model(_ t: Catalogue, _ view: GoalSheetLinks.View, title: String, lines: [String], action: String?) -> Model {
        let content = view.sheet.content
        func number(_ value: Double?) -> String {
            guard let value else { return "—" }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        }
        let unit = content.kpiUnit.map { " " + $0 } ?? ""
        var rows = [
            Row(label: t["gsl_customer"], value: view.customerName),
            Row(label: t["gsl_business_goal"], value: content.businessGoal),
            Row(label: t["gsl_kpi"], value: t.format("gsl_kpi_value", [
                "name": content.kpiName, "baseline": number(content.kpiBaseline) + (content.kpiBaseline == nil ? "" : unit),
                "target": number(content.kpiTarget) + unit])),
            Row(label: t["gsl_usage_goal"], value: content.usageGoal),
        ]
        if let metric = content.usageMetric {
            rows.append(Row(label: t["gsl_usage_metric"], value: t.format("gsl_kpi_value", [
                "name": metric, "baseline": number(content.usageBaseline), "target": number(content.usageTarget)])))
        }
        rows.append(Row(label: t["gsl_client_owner"], value: view.names[content.clientOwnerID] ?? "—"))
        rows.append(Row(label: t["gsl_decision_maker"], value: view.names[content.decisionMakerID] ?? "—"))
        if let comment = content.decisionMakerComment { rows.append(Row(label: t["gsl_comment"], value: comment)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: view.timeZone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let agreements = view.sheet.agreements.sorted { $0.agreedAt > $1.agreedAt }.map {
            Agreement(
                party: t["gsl_party_\($0.party.rawValue)"], name: view.names[$0.personID] ?? "—",
                version: t.format("gsl_version", ["version": String($0.sheetVersion)]), at: formatter.string(from: $0.agreedAt),
                current: $0.sheetVersion == view.sheet.version)
        }
        return Model(
            lang: t.language.rawValue, title: title, stylesheet: Assets.stylesheet.path, orgName: view.orgName, languages: PublicLinkPage.languages(t),
            t: t.strings, lines: lines,
            sheet: Sheet(version: t.format("gsl_version", ["version": String(view.sheet.version)]), rows: rows, agreements: agreements,
                         noAgreements: agreements.isEmpty),
            action: action)
    }

    private func render(_ t: Catalogue, title: String, orgName: String?, lines: [String]) -> Response {
        respond(Model(
            lang: t.language.rawValue, title: title, stylesheet: Assets.stylesheet.path, orgName: orgName, languages: PublicLinkPage.languages(t),
            t: t.strings, lines: lines, sheet: nil, action: nil))
    }

    private func respond(_ model: Model) -> Response { PublicLinkPage.respond("gsl-page", model) }
}
