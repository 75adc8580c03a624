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
        case "mj-accordion":
            return """
            noinput.mj-accordion-checkbox { display:block!important; }
            @media yahoo, only screen and (min-width:0) {
            .mj-accordion-element { display:block; }
            input.mj-accordion-checkbox, .mj-accordion-less { display:none!important; }
            input.mj-accordion-checkbox + * .mj-accordion-title { cursor:pointer; touch-action:manipulation; -webkit-user-select:none; -moz-user-select:none; user-select:none; }
            input.mj-accordion-checkbox + * .mj-accordion-content { overflow:hidden; display:none; }
            input.mj-accordion-checkbox + * .mj-accordion-more { display:block!important; }
            input.mj-accordion-checkbox:checked + * .mj-accordion-content { display:block; }
            input.mj-accordion-checkbox:checked + * .mj-accordion-more { display:none!important; }
            input.mj-accordion-checkbox:checked + * .mj-accordion-less { display:block!important; }
            }
            .moz-text-html input.mj-accordion-checkbox + * .mj-accordion-title { cursor: auto; touch-action: auto; -webkit-user-select: auto; -moz-user-select: auto; user-select: auto; }
            .moz-text-html input.mj-accordion-checkbox + * .mj-accordion-content { overflow: hidden; display: block; }
            .moz-text-html input.mj-accordion-checkbox + * .mj-accordion-ico { display: none; }
            @goodbye { @gmail }

            """
        default:
            return ""
        }
    }
}
