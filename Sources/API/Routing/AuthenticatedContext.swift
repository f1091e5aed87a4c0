public import Hummingbird
public import NIOCore
public import Foundation
public import UseCases

/// The context of every route in the protected group: built from the ``AppRequestContext`` after
/// ``AuthMiddleware`` ran, failing with 401 when there is no identity — so a handler never unwraps one.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String
    public var maxUploadSize: Int
    public var remoteAddress: SocketAddress?
    /// Who the request acts as.
    public let identity: Identity

    public init(context: AppRequestContext) throws {
        guard let identity = context.identity else { throw Problem.unauthorized("authentication required") }
        coreContext = context.coreContext
        requestID = context.requestID
        maxUploadSize = context.maxUploadSize
        remoteAddress = context.remoteAddress
        self.identity = identity
    }

    public var requestDecoder: JSONDecoder { APIJSON.decoder }
    public var responseEncoder: JSONEncoder { APIJSON.encoder }
}
