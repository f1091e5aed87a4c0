import Database
public import Domain
import Foundation
public import Hummingbird
import HTTPTypes
import Logging

/// Turns every error into problem details. Errors it does not know become a 500 whose body says nothing about
/// the cause (the log line, with the request id, does).
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, request: request, context: context)
            if problem.status.code >= 500, !(error is Problem) {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            } else if let error = error as? DatabaseError {
                // A constraint the code should have checked first: a 4xx for the client, a warning for us.
                context.logger.warning("bad input caught by the database", metadata: ["error": "\(error)"])
            }
            return try problem.response(from: request, context: context)
        }
    }

    public static func problem(for error: any Error, request: Request, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as DomainError:
            return Problem(domain: error)
        case let error as DecodingError:
            return Problem(decoding: error)
        case let error as DatabaseError where error.code == .poolTimeout || error.isConnectionLoss:
            return Problem(
                status: .serviceUnavailable, code: "unavailable",
                detail: "the database is busy or unreachable; retry shortly", headers: [.retryAfter: "1"])
        // The safety net under the validation: input that only PostgreSQL refused is still the client's, never a 500.
        case let error as DatabaseError where error.sqlState?.hasPrefix("23") == true:
            let conflict = error.isUniqueViolation || error.isForeignKeyViolation || error.sqlState == "23P01"
            return Problem(
                status: conflict ? .conflict : .unprocessableContent, code: conflict ? "conflict" : "constraint_violation",
                detail: conflict
                    ? "the change conflicts with related data (\(error.constraint ?? "a constraint")): something still refers to it, or it refers to something missing"
                    : "a value breaks a rule of the data (\(error.constraint ?? "a constraint"))")
        case let error as DatabaseError where error.sqlState?.hasPrefix("22") == true:
            return Problem(status: .unprocessableContent, code: "invalid_value", detail: "a value is out of range or not valid for its field")
        case let error as HTTPError:
            switch error.status {
            case .notFound where context.endpointPath == nil || context.endpointPath == "NotFound":
                return Problem(
                    status: .notFound, code: "route_not_found",
                    detail: "no route for \(request.method) \(request.uri.path)")
            case .contentTooLarge:
                return Problem(
                    status: .contentTooLarge, code: "payload_too_large",
                    detail: "the request body is larger than \(context.maxUploadSize) bytes")
            default:
                return Problem(
                    status: error.status, code: error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                    detail: error.body ?? error.status.reasonPhrase, headers: error.headers)
            }
        default:
            return Problem(status: .internalServerError, code: "internal", detail: "an unexpected error occurred")
        }
    }
}

extension Problem {
    public init(domain error: DomainError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .notFound: .notFound
            case .conflict: .conflict
            case .forbidden: .forbidden
            case .preconditionFailed: .preconditionFailed
            default: .unprocessableContent
            }
        self.init(
            status: status, code: error.code.rawValue, detail: error.message,
            fields: error.field.map { [FieldError(field: $0, code: error.code.rawValue, message: error.message)] } ?? [],
            missingPermission: error.permission)
    }

    /// A body that is not the JSON the endpoint expects: names the field (in the API's snake_case) and why.
    init(decoding error: DecodingError) {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue.snakeCased)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath, key)
            self.init(
                status: .unprocessableContent, code: "missing_field", detail: "\(field) is required",
                fields: [FieldError(field: field, code: "missing", message: "\(field) is required")])
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            self.init(
                status: .unprocessableContent, code: "invalid_field", detail: "\(field) must be \(Self.jsonName(type))",
                fields: [FieldError(field: field, code: "wrong_type", message: "expected \(Self.jsonName(type))")])
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            self.init(
                status: .unprocessableContent, code: "invalid_field", detail: "\(field) must not be null",
                fields: [FieldError(field: field, code: "null", message: "expected \(Self.jsonName(type))")])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = path(context.codingPath)
            self.init(
                status: .unprocessableContent, code: "invalid_field", detail: "\(field): \(context.debugDescription)",
                fields: [FieldError(field: field, code: "invalid", message: context.debugDescription)])
        default:
            self.init(status: .badRequest, code: "invalid_json", detail: "the request body is not valid JSON")
        }
    }

    static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }
}

extension String {
    /// `firstName` → `first_name`, matching the API's JSON field names.
    var snakeCased: String {
        var out = ""
        for ch in self {
            if ch.isUppercase {
                if !out.isEmpty { out.append("_") }
                out += ch.lowercased()
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
