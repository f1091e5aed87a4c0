public import Hummingbird
public import HTTPTypes
import Foundation

/// An RFC 9457 problem-details answer: a stable machine `code`, a human `detail`, and for bad input the offending
/// `fields`. Every error the API returns has this shape.
public struct Problem: Error, Sendable, HTTPResponseError {
    public struct FieldError: Codable, Sendable, Equatable {
        public var field: String
        public var code: String
        public var message: String

        public init(field: String, code: String, message: String) {
            self.field = field
            self.code = code
            self.message = message
        }
    }

    public var status: HTTPResponse.Status
    public var code: String
    public var detail: String
    public var fields: [FieldError]
    public var headers: HTTPFields
    /// For 403: the permission that would have allowed the action.
    public var missingPermission: String?

    public init(
        status: HTTPResponse.Status, code: String, detail: String, fields: [FieldError] = [],
        headers: HTTPFields = [:], missingPermission: String? = nil
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.fields = fields
        self.headers = headers
        self.missingPermission = missingPermission
    }

    /// The JSON body; `request_id` lets a user quote the failing request to an operator.
    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var code: String
        var detail: String
        var instance: String
        var field: String?
        var errors: [FieldError]?
        var requestID: String?
        var missingPermission: String?

        enum CodingKeys: String, CodingKey {
            case type, title, status, code, detail, instance, field, errors
            case requestID = "request_id"
            case missingPermission = "missing_permission"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            type: "urn:banso:problem:\(code)",
            title: status.reasonPhrase,
            status: status.code,
            code: code,
            detail: detail,
            instance: ShownPath.of(request.uri.path, route: context.endpointPath),
            field: fields.first?.field,
            errors: fields.isEmpty ? nil : fields,
            requestID: (context as? any BansoContext)?.requestID,
            missingPermission: missingPermission)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        let data = try encoder.encode(body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPField.Name {
    public static let requestID = HTTPField.Name("X-Request-Id")!
}
