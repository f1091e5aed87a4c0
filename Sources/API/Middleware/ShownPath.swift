/// The path a log line or an error answer may show: the request's own, or the route's template where the path is
/// itself a credential (a calendar feed's or a link's `{token}`): neither may hold a working link.
enum ShownPath {
    static func of(_ path: String, route: String?) -> String {
        guard let route, route.contains("{token}") else { return path }
        return route
    }
}
