public import Hummingbird
public import NIOCore
public import Foundation
public import UseCases

/// What the API knows about one request. Later issues add the authenticated actor, org and grants, filled by the
/// auth middleware so handlers never parse tokens.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's id, echoed in `X-Request-Id` and on every log line of the request.
    public var requestID: String = ""
    /// Set from `BANSO_MAX_BODY_BYTES` by ``BodyLimitMiddleware``.
    public var maxUploadSize: Int = 1 << 20
    /// Set by ``AuthMiddleware`` in the protected group; ``AuthenticatedContext`` carries it on, not optional.
    public var identity: Identity?

    /// The peer, for rate limiting sign-ins.
    public var remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var requestDecoder: JSONDecoder { APIJSON.decoder }
    public var responseEncoder: JSONEncoder { APIJSON.encoder }
}

/// The API's JSON conventions: snake_case fields, RFC 3339 times.
public enum APIJSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
