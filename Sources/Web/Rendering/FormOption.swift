/// One choice of a `<select>` or a group of radio buttons: what is sent, what is shown, whether it is the one
/// chosen now.
struct FormOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}
