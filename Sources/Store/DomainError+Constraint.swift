import Database
import Domain

extension DomainError {
    /// Maps a constraint violation to the domain's words; anything else is rethrown as is.
    static func from(_ error: any Error, conflicts: [String: (String, String)] = [:]) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        if error.isUniqueViolation {
            let (field, message) = error.constraint.flatMap { conflicts[$0] } ?? ("id", "it already exists")
            return DomainError(.conflict, message, field: field)
        }
        if error.isForeignKeyViolation {
            return DomainError(.notFound, "a referenced resource does not exist", field: error.column)
        }
        return error
    }
}
