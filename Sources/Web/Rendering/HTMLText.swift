/// Text and attribute values escaped for HTML, for the few fragments written in Swift rather than through a
/// template (the goal tree's thousands of nodes: a template reflects each node's properties at run time, which cost
/// half a second on a 2,000-goal tree). The same five characters swift-mustache escapes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
