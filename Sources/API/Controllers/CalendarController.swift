import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Scheduler
import Store
import UseCases

/// `/v1/calendar/holidays` (Japan's public holidays by the holiday law, in Japanese and English) and
/// `/v1/org/closures` (the org's own non-business days: 年末年始, お盆, company holidays).
struct CalendarController: RouteCollection {
    let store: Store

    struct HolidayDTO: Codable, Sendable {
        var date: LocalDate
        var nameJa: String
        var nameEn: String
    }
    struct ClosureDTO: Codable, Sendable {
        var date: LocalDate
        var name: String
    }
    struct ClosureInput: RequestBody {
        var name: String?
        static let schema = Schema.object(["name": Schema.string])
    }
    struct NewYearInput: RequestBody {
        var year: Int
        static let schema = Schema.object(["year": Schema.integer], required: ["year"])
    }
    struct NewYearResult: Codable { var items: [ClosureDTO]; var added: Int }

    static let holidaySchema = Schema.of(HolidayDTO.self)
    static let closureSchema = Schema.of(ClosureDTO.self)
    static let dateParameter: JSONValue = ["name": "date", "in": "path", "required": true, "schema": Schema.date]

    var routes: [Route<AuthenticatedContext>] {
        let tag = "calendar"
        return [
            Route(.get, "/v1/calendar/holidays", id: "listHolidays",
                  summary: "Japanese public holidays (national, substitute and citizens' holidays) between two dates", tag: tag,
                  parameters: [Schema.query("from", Schema.date, "first day (required)"), Schema.query("to", Schema.date, "last day (required; at most 10 years later)")],
                  responses: [200: ("Holidays", Schema.object(["items": Schema.array(Self.holidaySchema)]))], problems: [422],
                  handler: holidays),
            Route(.get, "/v1/org/closures", id: "listClosures", summary: "The org's closure days in a year", tag: tag,
                  parameters: [Schema.query("year", Schema.integer, "calendar year (default: this year)")],
                  responses: [200: ("Closures", Schema.object(["items": Schema.array(Self.closureSchema)]))], problems: [422],
                  handler: closures),
            Route(.put, "/v1/org/closures/{date}", id: "putClosure", summary: "Make a day a closure day (or rename it)", tag: tag, scope: .admin,
                  parameters: [Self.dateParameter], body: ClosureInput.self,
                  responses: [200: ("Closure", Self.closureSchema)], problems: [422], handler: putClosure),
            Route(.delete, "/v1/org/closures/{date}", id: "deleteClosure", summary: "Make a closure day a working day again", tag: tag, scope: .admin,
                  parameters: [Self.dateParameter], responses: [204: ("Removed", nil)], problems: [404], handler: deleteClosure),
            Route(.post, "/v1/org/closures/new-year", id: "addNewYearClosure",
                  summary: "The 年末年始 closure in one click: December 29 of `year` to January 3 of the next", tag: tag,
                  scope: .admin, body: NewYearInput.self,
                  responses: [200: ("Closures", Schema.of(NewYearResult.self))],
                  problems: [422], handler: addNewYear),
        ]
    }

    @Sendable func holidays(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let from = try date(request, "from")
        let to = try date(request, "to")
        guard from <= to else { throw Problem.invalidField("to", "to must not be before from") }
        guard from.days(to: to) <= 3660 else { throw Problem.invalidField("to", "at most ten years at once") }
        guard JapaneseHolidays.supportedYears.contains(from.year), JapaneseHolidays.supportedYears.contains(to.year) else {
            throw Problem.invalidField("from", "holidays are known for \(JapaneseHolidays.supportedYears.lowerBound)–\(JapaneseHolidays.supportedYears.upperBound)")
        }
        let items = (from.year...to.year).flatMap { JapaneseHolidays.holidays(in: $0) }
            .filter { $0.date >= from && $0.date <= to }
            .map { HolidayDTO(date: $0.date, nameJa: $0.nameJa, nameEn: $0.nameEn) }
        return try JSONResponse.make(["items": items])
    }

    /// Everyone in the org may see them: closure days move everyone's due days.
    @Sendable func closures(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let year = try request.uri.queryParameters["year"].map { raw in
            guard let year = Int(String(raw)), (1989...2099).contains(year) else { throw Problem.invalidField("year", "a year from 1989 to 2099") }
            return year
        }
        let items = try await store.tenant(context) { tx, _ in
            var y = year ?? 0
            if year == nil { y = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today.year }
            return try await GoalSettingsRepository.closures(
                tx, from: LocalDate(year: y, month: 1, day: 1)!, through: LocalDate(year: y, month: 12, day: 31)!)
        }
        return try JSONResponse.make(["items": items.map { ClosureDTO(date: $0.day, name: $0.name) }])
    }

    @Sendable func putClosure(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try context.identity.require(.manageGoalSettings, in: .org)
        let day = try pathDate(context)
        let input = try await request.decodeJSON(as: ClosureInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let closure = try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).putClosure(day, name: input.name ?? "")
            return try JSONResponse.make(ClosureDTO(date: closure.day, name: closure.name))
        }
    }

    @Sendable func deleteClosure(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try context.identity.require(.manageGoalSettings, in: .org)
        let day = try pathDate(context)
        return try await store.tenant(context) { tx, caller in
            try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).removeClosure(day)
            return JSONResponse.noContent()
        }
    }

    @Sendable func addNewYear(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try context.identity.require(.manageGoalSettings, in: .org)
        let input = try await request.decodeJSON(as: NewYearInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let (days, added) = try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).addNewYear(input.year)
            return try JSONResponse.make(NewYearResult(items: days.map { ClosureDTO(date: $0.day, name: $0.name) }, added: added))
        }
    }

    private func date(_ request: Request, _ name: String) throws -> LocalDate {
        guard let raw = request.uri.queryParameters[name[...]] else { throw Problem.invalidField(name, "\(name) is required (YYYY-MM-DD)") }
        guard let day = LocalDate(iso: String(raw)) else { throw Problem.invalidField(name, "\(name) is a date, YYYY-MM-DD") }
        return day
    }

    private func pathDate(_ context: AuthenticatedContext) throws -> LocalDate {
        guard let raw = context.parameters.get("date"), let day = LocalDate(iso: raw) else {
            throw Problem.invalidField("date", "the path ends in a date, YYYY-MM-DD")
        }
        return day
    }
}
