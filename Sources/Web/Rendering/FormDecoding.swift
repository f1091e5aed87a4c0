import Logging
import Settings
import Foundation
import API
import Hummingbird
import NIOCore

extension Request {
    /// A form's fields (`application/x-www-form-urlencoded`). A body that is not a form, or that carries a NUL, is
    /// refused with 422; a page decodes into optional fields and says itself which one is missing.
    func decodeForm<T: Decodable>(as type: T.Type, context: some RequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        let text = String(buffer: buffer)
        guard !text.contains("%00") else {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form carries a NUL character")
        }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form could not be read")
        }
    }
}
