/// Head CSS that some components need once per document (MJML's `componentHeadStyle`).
enum ComponentStyles {
    static func css(for tag: String, lowerBreakpoint lower: String) -> String {
        switch tag {
        case "mj-image":
            return "@media only screen and (max-width:\(lower)) {\ntable.mj-full-width-mobile { width: 100% !important; }\ntd.mj-full-width-mobile { width: auto !important; }\n}\n"
        case "mj-navbar":
            return """
            noinput.mj-menu-checkbox { display:block!important; max-height:none!important; visibility:visible!important; }
            @media only screen and (max-width:\(lower)) {
            .mj-menu-checkbox[type="checkbox"] ~ .mj-inline-links { display:none!important; }
            .mj-menu-checkbox[type="checkbox"]:checked ~ .mj-inline-links,
            .mj-menu-checkbox[type="checkbox"] ~ .mj-menu-trigger { display:block!important; max-width:none!important; max-height:none!important; font-size:inherit!important; }
            .mj-menu-checkbox[type="checkbox"] ~ .mj-inline-links > a { display:block!important; }
            .mj-menu-checkbox[type="checkbox"]:checked ~ .mj-menu-trigger .mj-menu-icon-close { display:block!important; }
            .mj-menu-checkbox[type="checkbox"]:checked ~ .mj-menu-trigger .mj-menu-icon-open { display:none!important; }
            }

            """
        default:
            return ""
        }
    }
}
