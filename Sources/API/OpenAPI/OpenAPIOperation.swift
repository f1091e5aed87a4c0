/// One documented route. Controllers declare theirs next to the routes they register, and a test checks that
/// the router and the document list the same routes.
public struct OpenAPIOperation: Sendable {
    public var method: String
    /// In OpenAPI form: `/v1/orgs/{id}`.
    public var path: String
    public var operationID: String
    public var summary: String
    public var tag: String
    public var requiresAuth: Bool
    public var parameters: [JSONValue]
    public var requestBody: JSONValue?
    /// Status code → (description, schema or nil).
    public var responses: [Int: (String, JSONValue?)]
    /// Problem-details statuses this route can answer with, beyond the ones every route has.
    public var problems: [Int]
    /// The API token scope the route needs (`read`, `write`, `admin`); `nil` on public routes.
    public var tokenScope: String?

    public init(
        _ method: String, _ path: String, id: String, summary: String, tag: String, requiresAuth: Bool = true,
        parameters: [JSONValue] = [], requestBody: JSONValue? = nil, responses: [Int: (String, JSONValue?)],
        problems: [Int] = [], tokenScope: String? = nil
    ) {
        self.tokenScope = tokenScope
        self.method = method
        self.path = path
        self.operationID = id
        self.summary = summary
        self.tag = tag
        self.requiresAuth = requiresAuth
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.problems = problems
    }
}
