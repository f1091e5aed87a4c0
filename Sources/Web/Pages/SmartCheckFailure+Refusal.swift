import Domain
import UseCases

extension SmartCheckFailure {
    /// A form's refusal when the org blocks goals that fail SMART: every failing letter's reason, at the field the
    /// first one points at, so the form marks where to start.
    var refusal: DomainError {
        let first = failing.first
        return DomainError(
            .invalid, failing.map(\.reason).joined(separator: " "), field: first.map { field(for: $0.letter) })
    }
}
