import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Settings
import Store
import UseCases

/// The pages a customer contact reaches from a check-up or NPS mail, without signing in: `/c/{token}` shows that
/// send's questionnaire and takes its answers once; `/u/{token}` confirms and opts the contact out. They show only
/// what the link is for — the org's and the customer's names and the questions — never another customer, never the
/// CSM. Opening a link changes nothing (a mail scanner may follow it); the POSTs are same-origin (the router's
/// cross-origin protection) and limited per client address. The token is in the path: no referrer, no caching,
/// no indexing.
struct CheckUpLinkPages: Sendable {
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
        let error: String?
        let form: FormModel?
        let unsubscribe: Action?
    }

    struct Action: Sendable { let action: String }

    struct FormModel: Sendable {
        let action: String
        let questions: [Question]
    }

    struct Question: Sendable {
        let name: String
        let wording: String
        let required: Bool
        /// Radio buttons (a scale or a choice) rather than a text box.
        let choices: Bool
        let scale: Bool
        let hint: String
        let options: [Option]
        let errorText: String?
        let text: String
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    // MARK: - The questionnaire

    func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let form = try await CheckUpLinks.open(store, token: token) else { return gone(request) }
        return page(request, form, token: token, typed: [:], error: nil)
    }

    func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        if let limited = try await limit(request, context) { return limited }
        let fields = (try? await request.decodeForm(as: [String: String].self, context: context)) ?? [:]
        guard let current = try await CheckUpLinks.open(store, token: token) else { return gone(request) }
        guard current.state == .open else { return page(request, current, token: token, typed: [:], error: nil) }
        let submission: CheckUpLinks.Submission
        switch current.kind {
        case .checkUp:
            var answers: [CheckUpAnswer] = []
            for question in current.questions {
                guard let raw = fields[Self.name(question.id)], !raw.isEmpty else { continue }
                switch question.kind {
                case .scale: answers.append(CheckUpAnswer(questionID: question.id, value: .scale(Int(raw) ?? Int.min)))
                case .choice: answers.append(CheckUpAnswer(questionID: question.id, value: .choice(Int(raw) ?? -1)))
                case .freeText: answers.append(CheckUpAnswer(questionID: question.id, value: .text(raw)))
                }
            }
            submission = .checkUp(answers)
        case .nps:
            submission = .nps(score: fields["score"].flatMap { Int($0) }, comment: fields["comment"])
        }
        do {
            guard let after = try await CheckUpLinks.submit(store, token: token, submission) else { return gone(request) }
            return page(request, after, token: token, typed: [:], error: nil)
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            return page(request, current, token: token, typed: fields, error: error).with(status: .unprocessableContent)
        }
    }

    /// Too many posts from this address: the page again, refused for a while.
    private func limit(_ request: Request, _ context: AppRequestContext) async throws -> Response? {
        let address = ClientAddress(trustedProxies: services.configuration.trustedProxies).resolve(request, context)
        guard let seconds = try await CheckUpLinks.admit(store, address: address) else { return nil }
        let t = Catalogue(PublicLinkPage.language(request, org: nil))
        var response = render(t, title: t["cul_limited_title"], orgName: nil, lines: [t["cul_limited_lead"]]).with(status: .tooManyRequests)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    static func name(_ id: UUID) -> String { "q_" + id.uuidString.lowercased() }

    private func page(_ request: Request, _ form: CheckUpLinks.Form, token: String, typed: [String: String], error: DomainError?) -> Response {
        let t = Catalogue(PublicLinkPage.language(request, org: form.locale))
        let locale: Organization.Locale = t.language == .en ? .en : .ja
        switch form.state {
        case .answered:
            return render(t, title: t["cul_thanks_title"], orgName: form.orgName, lines: [t["cul_thanks_lead"]])
        case .expired:
            return render(t, title: t["cul_expired_title"], orgName: form.orgName, lines: [t["cul_expired_lead"]]).with(status: .gone)
        case .open:
            break
        }
        let errorName = error?.field.flatMap { field -> String? in
            guard field.hasPrefix("answers.") else { return field == "score" ? "score" : nil }
            return "q_" + field.dropFirst("answers.".count)
        }
        let errorText = error.map { $0.code == .missing ? t["cul_error_required"] : t["cul_error_invalid"] }
        var questions: [Question] = []
        if form.kind == .nps, let question = form.npsQuestion {
            let chosen = typed["score"]
            questions.append(Question(
                name: "score", wording: question.text(locale), required: true, choices: true, scale: true, hint: t["cul_nps_hint"],
                options: (0...10).map { Option(value: String($0), label: String($0), checked: chosen == String($0)) },
                errorText: errorName == "score" ? errorText : nil, text: ""))
            questions.append(Question(
                name: "comment", wording: t["cul_nps_comment"], required: false, choices: false, scale: false, hint: "", options: [],
                errorText: nil, text: typed["comment"] ?? ""))
        } else {
            for question in form.questions {
                let name = Self.name(question.id)
                let chosen = typed[name]
                var options: [Option] = []
                var hint = ""
                var choices = true, scale = false
                switch question.kind {
                case .scale(let min, let max):
                    scale = true
                    hint = t.format("cul_scale_hint", ["min": String(min), "max": String(max)])
                    options = (min...max).map { Option(value: String($0), label: String($0), checked: chosen == String($0)) }
                case .choice(let texts):
                    options = texts.enumerated().map { Option(value: String($0.offset), label: $0.element.text(locale), checked: chosen == String($0.offset)) }
                case .freeText:
                    choices = false
                }
                questions.append(Question(
                    name: name, wording: question.wording.text(locale), required: question.required, choices: choices, scale: scale, hint: hint,
                    options: options, errorText: errorName == name ? errorText : nil, text: choices ? "" : (chosen ?? "")))
            }
        }
        let title = form.kind == .nps ? t["cul_nps_title"] : t["cul_title"]
        let lead = t.format(form.kind == .nps ? "cul_nps_lead" : "cul_lead", ["customer": form.customerName, "org": form.orgName])
        let model = Model(
            lang: t.language.rawValue, title: title, stylesheet: Assets.stylesheet.path, orgName: form.orgName, languages: PublicLinkPage.languages(t),
            t: t.strings, lines: [lead], error: error == nil ? nil : t["cul_error_summary"],
            form: FormModel(action: CheckUpMailing.formPath + token + "?lang=" + t.language.rawValue, questions: questions), unsubscribe: nil)
        return respond(model)
    }

    // MARK: - Unsubscribing

    func confirmUnsubscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let target = try await CheckUpLinks.unsubscribeTarget(store, token: token) else { return gone(request) }
        let t = Catalogue(PublicLinkPage.language(request, org: target.locale))
        if target.optedOut { return render(t, title: t["cul_unsubscribed_title"], orgName: target.orgName, lines: [t["cul_unsubscribed_lead"]]) }
        let model = Model(
            lang: t.language.rawValue, title: t["cul_unsubscribe_title"], stylesheet: Assets.stylesheet.path, orgName: target.orgName,
            languages: PublicLinkPage.languages(t), t: t.strings, lines: [t.format("cul_unsubscribe_lead", ["org": target.orgName])], error: nil, form: nil,
            unsubscribe: Action(action: CheckUpMailing.unsubscribePath + token + "?lang=" + t.language.rawValue))
        return respond(model)
    }

    func unsubscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        if let limited = try await limit(request, context) { return limited }
        guard let target = try await CheckUpLinks.unsubscribe(store, token: token) else { return gone(request) }
        let t = Catalogue(PublicLinkPage.language(request, org: target.locale))
        return render(t, title: t["cul_unsubscribed_title"], orgName: target.orgName, lines: [t["cul_unsubscribed_lead"]])
    }

    // MARK: - Shared

    /// A link that never existed: the same neutral page whatever the token was.
    private func gone(_ request: Request) -> Response {
        let t = Catalogue(PublicLinkPage.language(request, org: nil))
        return render(t, title: t["cul_expired_title"], orgName: nil, lines: [t["cul_expired_lead"]]).with(status: .gone)
    }

    private func render(_ t: Catalogue, title: String, orgName: String?, lines: [String]) -> Response {
        respond(Model(
            lang: t.language.rawValue, title: title, stylesheet: Assets.stylesheet.path, orgName: orgName, languages: PublicLinkPage.languages(t), t: t.strings,
            lines: lines, error: nil, form: nil, unsubscribe: nil))
    }

    private func respond(_ model: Model) -> Response { PublicLinkPage.respond("cul-page", model) }
}
