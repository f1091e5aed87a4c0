import API
import Domain
import Foundation
import Hummingbird
import Settings
import Store
import UseCases

/// `/nps-campaigns/new`, `/nps-campaigns/{id}` and `/nps-campaigns/{id}/send`: an NPS survey campaign — its name,
/// question (Japanese and English), audience (the org, a company or a team, optionally one segment) and who of each
/// customer is asked; its page with the state, the counts and the score once answers come in; sending it, once,
/// after a step that says how many contacts it will mail.
struct NPSCampaignPages: Sendable {
    let services: AppServices
    var store: Store { services.store }

    struct Fields: Decodable, Sendable {
        var name: String?
        var question_ja: String?
        var question_en: String?
        var audience: String?
        var segment: String?
        var recipients: String?
        var version: String?
    }

    struct Choice: Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    struct FormModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let error: String?
        let name: String
        let nameError: String?
        let questionJa: String
        let questionJaError: String?
        let questionEn: String
        let questionEnError: String?
        let audiences: [FormOption]
        let audienceError: String?
        let segment: String
        let segmentError: String?
        let recipients: [Choice]
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct ResponseRow: Sendable {
        let customer: String
        let score: String
        let category: String
        let date: String
    }

    struct ShowModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let notice: String?
        let name: String
        let facts: [Fact]
        let questionJa: String
        let questionEn: String
        let isDraft: Bool
        let canSend: Bool
        let sendHref: String
        let hasAnswers: Bool
        let score: String
        let promoters: String
        let passives: String
        let detractors: String
        let responses: [ResponseRow]
    }

    struct ConfirmModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let name: String
        let href: String
        let action: String
        let version: String
        let lead: String
        let none: Bool
    }

    static let notices = ["created": "cku_notice_nps_created", "sent": "cku_notice_nps_sent"]

    /// Where the campaign's audience lives, in words: the org, a company, a team; with its segment.
    static func audience(_ c: NPSCampaign, _ places: MeetingPageText.Places, _ t: Catalogue) -> String {
        let place = places.name(of: c.scope, t)
        let scope = c.scope == .org ? t["cku_audience_org"] : place
        guard let segment = c.segment else { return scope }
        return t.format("cku_audience_segment", ["scope": scope, "segment": segment])
    }

    // MARK: - New

    func new(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await form(tx, caller, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("cku-nps-form", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let typed = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let id: UUID = try await store.tenant(context) { tx, caller in
                let (company, team) = try Self.audience(typed.audience)
                guard let recipients = SurveyRecipients(rawValue: typed.recipients ?? SurveyRecipients.decisionMakerFirst.rawValue) else {
                    throw DomainError(.invalid, "cku_err_recipients", field: "recipients")
                }
                let question = CheckUpText(ja: typed.question_ja ?? "", en: typed.question_en ?? "")
                let new = NPSCampaigns.New(
                    name: typed.name ?? "", question: question, companyID: company, teamID: team, segment: typed.segment, recipients: recipients)
                return try await NPSCampaigns(tx, caller).create(new).id
            }
            return .seeOther("/nps-campaigns/\(id.lowercased)?done=created")
        } catch let error as DomainError where [.invalid, .missing].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await form(tx, caller, typed: typed, error: error, page: "/nps-campaigns/new")
            }
            return PageResponse.render("cku-nps-form", model, status: .unprocessableContent)
        }
    }

    /// `org`, `company:<id>` or `team:<id>`.
    static func audience(_ text: String?) throws -> (UUID?, UUID?) {
        let parts = (text ?? "").split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first {
        case "org": return (nil, nil)
        case "company": if let id = MeetingPageText.id(parts.last) { return (id, nil) }
        case "team": if let id = MeetingPageText.id(parts.last) { return (nil, id) }
        default: break
        }
        throw DomainError(.invalid, "cku_err_audience", field: "audience")
    }

    private func form(_ tx: TenantTransaction, _ caller: Caller, typed: Fields?, error: DomainError?, page: String) async throws -> FormModel {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let identity = caller.identity
        let places = try await MeetingPageText.places(tx, caller)
        func value(_ scope: Scope) -> String {
            switch scope {
            case .org: "org"
            case .company(let id): "company:\(id.lowercased)"
            case .team(let id): "team:\(id.lowercased)"
            }
        }
        let scopes = ([Scope.org] + places.companies.map { .company($0.id) } + places.teams.map { .team($0.id) })
            .filter { identity.authorizer.can(identity.actor, .manageSuccess, in: $0).allowed }
        guard !scopes.isEmpty else {
            throw DomainError(.forbidden, "only those who manage success may create an NPS campaign", permission: Permission.manageSuccess.rawValue)
        }
        let chosen = typed?.audience ?? value(scopes[0])
        let rule = typed?.recipients ?? SurveyRecipients.decisionMakerFirst.rawValue
        let message = error.map { t.explain($0) }
        func on(_ fields: String...) -> String? { fields.contains(error?.field ?? "") ? message : nil }
        let known = ["name", "question.ja", "question.en", "audience", "team_id", "company_id", "segment"]
        let title = t["cku_nps_new"]
        return FormModel(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .checkUps), error: error == nil ? nil : (known.contains(error?.field ?? "") ? t["cku_error_summary"] : message),
            name: typed?.name ?? "", nameError: on("name"),
            questionJa: typed?.question_ja ?? NPSCampaign.standardQuestion.ja, questionJaError: on("question.ja"),
            questionEn: typed?.question_en ?? NPSCampaign.standardQuestion.en, questionEnError: on("question.en"),
            audiences: scopes.map { FormOption(value: value($0), label: $0 == .org ? t["cku_audience_org"] : places.name(of: $0, t), selected: value($0) == chosen) },
            audienceError: on("audience", "team_id", "company_id"),
            segment: typed?.segment ?? "", segmentError: on("segment"),
            recipients: SurveyRecipients.allCases.map {
                Choice(id: "recipients-\($0.rawValue)", value: $0.rawValue, label: CheckUpPageText.recipients($0, t), checked: $0.rawValue == rule)
            })
    }

    // MARK: - The campaign

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CheckUpPageText.id(context.parameters.get("id"), "NPS campaign not found")
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            let campaign = try await NPSCampaigns(tx, caller).get(id)
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let identity = caller.identity
            let places = try await MeetingPageText.places(tx, caller)
            let sends = try await CheckUpSends(tx, caller).list(.init(kind: .nps, campaignID: id), after: nil, limit: 1000).items
            let answered = sends.filter { $0.answeredAt != nil }
            let scores = answered.compactMap { $0.score.map { Int(($0 / 10).rounded()) } }.filter { (0...10).contains($0) }
            let nps = try NPS(scores: scores)
            var rows: [ResponseRow] = []
            for send in answered.prefix(50) {
                let customer = try await CustomerRepository.get(tx, id: send.customerID)
                let score = send.score.map { Int(($0 / 10).rounded()) }
                rows.append(ResponseRow(
                    customer: customer.map { CheckUpPageText.customerName($0, t) } ?? "–", score: score.map(String.init) ?? "–",
                    category: score.flatMap { try? NPS.category(of: $0) }.map { t["cku_nps_\($0.rawValue)"] } ?? "",
                    date: send.answeredAt.map { f.date(f.day(of: $0)) } ?? ""))
            }
            let rate = ResponseRate(sent: sends.count, answered: answered.count)
            var facts = [
                Fact(label: t["cku_audience"], value: Self.audience(campaign, places, t)),
                Fact(label: t["cku_recipients"], value: CheckUpPageText.recipients(campaign.recipients, t)),
                Fact(label: t["cku_nps_state"], value: campaign.state == .sent
                     ? t.format("cku_nps_sent_on", ["date": f.date(f.day(of: campaign.sentAt ?? campaign.updatedAt))]) : t["cku_nps_state_draft"]),
            ]
            if campaign.state == .sent {
                facts.append(Fact(label: t["cku_nps_sent_count"], value: t.format("cku_contacts_count", ["count": f.number(Double(campaign.sentCount))])))
                facts.append(Fact(label: t["cku_nps_answered"], value: CheckUpPageText.rateText(rate, t, f)))
            }
            return ShowModel(
                chrome: reader.chrome(title: campaign.name, current: SuccessTabs.menu, page: request.uri.description), t: t.strings,
                successTabs: SuccessTabs.tabs(reader, current: .checkUps), notice: notice.map { t[$0] }, name: campaign.name, facts: facts,
                questionJa: campaign.question.ja.replacingOccurrences(of: "{org}", with: reader.profile.org.name),
                questionEn: campaign.question.en.replacingOccurrences(of: "{org}", with: reader.profile.org.name), isDraft: campaign.state == .draft,
                canSend: campaign.state == .draft && identity.authorizer.can(identity.actor, .manageSuccess, in: campaign.scope).allowed,
                sendHref: "/nps-campaigns/\(id.lowercased)/send", hasAnswers: !answered.isEmpty,
                score: nps.roundedScore.map { ($0 > 0 ? "+" : "") + String($0) } ?? "–",
                promoters: f.number(Double(nps.promoters)), passives: f.number(Double(nps.passives)), detractors: f.number(Double(nps.detractors)),
                responses: rows)
        }
        return PageResponse.render("cku-nps", model)
    }

    // MARK: - Sending

    func confirmSend(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CheckUpPageText.id(context.parameters.get("id"), "NPS campaign not found")
        let model = try await store.tenant(context) { tx, caller in
            let campaigns = NPSCampaigns(tx, caller)
            let campaign = try await campaigns.get(id)
            guard campaign.state == .draft else { throw DomainError(.conflict, "the campaign was already sent") }
            let count = try await campaigns.recipientCount(id)
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let title = t.format("cku_nps_send_title", ["name": campaign.name])
            return ConfirmModel(
                chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: request.uri.description), t: t.strings,
                successTabs: SuccessTabs.tabs(reader, current: .checkUps), name: campaign.name, href: "/nps-campaigns/\(id.lowercased)",
                action: "/nps-campaigns/\(id.lowercased)/send", version: String(campaign.version),
                lead: t.format("cku_nps_send_lead", ["count": f.number(Double(count))]), none: count == 0)
        }
        return PageResponse.render("cku-nps-send", model)
    }

    func send(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CheckUpPageText.id(context.parameters.get("id"), "NPS campaign not found")
        let typed = try await request.decodeForm(as: Fields.self, context: context)
        let publicURL = services.configuration.publicURL
        _ = try await store.tenant(context) { tx, caller in
            try await NPSCampaigns(tx, caller).send(id, expectedVersion: typed.version.flatMap { Int($0) }, publicURL: publicURL)
        }
        return .seeOther("/nps-campaigns/\(id.lowercased)?done=sent")
    }
}
