/// Head CSS that some components need once per document (MJML's `componentHeadStyle`).
enum ComponentStyles {
    static func css(for tag: String, lowerBreakpoint lower: String) -> String {
        switch tag {
        case "mj-image":
            return "@media only screen and (max-width:\(lower)) {\ntable.mj-full-width-mobile { width: 100% !important; }\ntd.mj-full-width-mobile { width: auto !important; }\n}\n"
        default:
            return ""
        }
    }
}
