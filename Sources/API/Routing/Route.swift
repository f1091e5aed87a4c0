import Domain
import Store
import UseCases
import HTTPTypes
public import Hummingbird

/// One route, declared once: its method and path, the handler, what an API token needs to call it, and its
/// OpenAPI operation. The router and `/openapi.json` are both built from these, so a path is written once, the
/// document cannot list a route the server lacks, and no route can be registered without saying what it needs.
public struct Route<Context: BansoContext>: Sendable {
    public let operation: OpenAPIOperation
    /// What an API token must carry (sessions carry their member's roles whole); `nil` on public routes.
    let scope: TokenScope?
    /// The type the handler decodes its body as: the drift test holds the documented body to it.
    let input: (any RequestBody.Type)?
    let handler: @Sendable (Request, Context) async throws -> Response

    /// - Parameters:
    ///   - path: in OpenAPI form, `/v1/goals/{id}`.
    ///   - scope: by default `read` for safe methods and `write` for the others.
    init(
        _ method: HTTPRequest.Method, _ path: String, id: String, summary: String, tag: String, scope: TokenScope? = nil,
        parameters: [JSONValue] = [], body: (any RequestBody.Type)? = nil, responses: [Int: (String, JSONValue?)],
        problems: [Int] = [], handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        let isPublic = Context.self == AppRequestContext.self
        let needed = isPublic ? nil : scope ?? (Route.safeMethods.contains(method) ? .read : .write)
        precondition(
            needed == nil || Route.safeMethods.contains(method) || needed != .read,
            "\(method) \(path) changes something and must need the write or admin scope")
        operation = OpenAPIOperation(
            method.rawValue, path, id: id, summary: summary, tag: tag, requiresAuth: !isPublic, parameters: parameters,
            requestBody: body?.schema, responses: responses, problems: problems, tokenScope: needed?.rawValue)
        self.scope = needed
        input = body
        self.handler = handler
    }

    /// Methods that change nothing (RFC 9110 §9.2.1).
    static var safeMethods: Set<HTTPRequest.Method> { [.get, .head, .options] }

    var method: HTTPRequest.Method { HTTPRequest.Method(operation.method)! }

    /// The path as Hummingbird's router spells parameters: `{id}` → `:id`.
    var routerPath: RouterPath {
        RouterPath(operation.path.replacing(/\{([a-z_]+)\}/) { ":" + $0.output.1 })
    }
}

/// A request body type that documents itself; the OpenAPI drift test checks the schema against what the type
/// actually decodes.
protocol RequestBody: Decodable {
    static var schema: JSONValue { get }
}

/// A controller: a set of routes mounted together, each a named handler method.
public protocol RouteCollection<Context> {
    associatedtype Context: BansoContext
    var routes: [Route<Context>] { get }
}

extension Route where Context == AuthenticatedContext {
    /// Refuses an API token that lacks the route's scope before the handler runs: one check for every route, so
    /// none can forget it. (`admin` implies `write`, as in the Authorizer.)
    func guarded() -> @Sendable (Request, Context) async throws -> Response {
        let scope = self.scope ?? .read
        let handler = self.handler
        let changes = !Route.safeMethods.contains(method)
        return { request, context in
            if let scopes = context.identity.credential.scopes {
                // A read-only token is told it lacks `write` whatever else the route needs: that is what it must ask for first.
                if changes, !Self.covers(scopes, .write) {
                    throw Problem(
                        status: .forbidden, code: "forbidden", detail: "the API token is read-only; this request changes something",
                        missingPermission: TokenScope.write.rawValue)
                }
                if !Self.covers(scopes, scope) {
                    throw Problem(
                        status: .forbidden, code: "forbidden", detail: "the API token lacks the \(scope.rawValue) scope this request needs",
                        missingPermission: scope.rawValue)
                }
            }
            return try await handler(request, context)
        }
    }

    static func covers(_ scopes: Set<TokenScope>, _ needed: TokenScope) -> Bool {
        switch needed {
        case .read: !scopes.isEmpty
        case .write: scopes.contains(.write) || scopes.contains(.admin)
        case .admin: scopes.contains(.admin)
        }
    }
}

extension RouterMethods where Context == AuthenticatedContext {
    /// Mounts a controller's routes behind the authentication step.
    @discardableResult
    func add(_ collection: some RouteCollection<AuthenticatedContext>) -> Self {
        for route in collection.routes { on(route.routerPath, method: route.method, use: route.guarded()) }
        return self
    }
}

extension RouterMethods where Context == AppRequestContext {
    /// Mounts a controller's public routes.
    @discardableResult
    func add(_ collection: some RouteCollection<AppRequestContext>) -> Self {
        for route in collection.routes { on(route.routerPath, method: route.method, use: route.handler) }
        return self
    }
}
