/// Default attribute values of each standard component (MJML 4.18).
/// Source: `../shared/reference/mjml-components.md`.
enum Defaults {
    static let ubuntu = "Ubuntu, Helvetica, Arial, sans-serif"

    static let byTag: [String: [String: String]] = [
        "mj-body": ["width": "600px"],
        "mj-section": [
            "background-repeat": "repeat", "background-size": "auto", "background-position": "top center",
            "direction": "ltr", "padding": "20px 0", "text-align": "center", "text-padding": "4px 4px 4px 0",
        ],
        "mj-wrapper": [
            "background-repeat": "repeat", "background-size": "auto", "background-position": "top center",
            "direction": "ltr", "padding": "20px 0", "text-align": "center", "text-padding": "4px 4px 4px 0",
        ],
        "mj-group": ["direction": "ltr"],
        "mj-column": ["direction": "ltr", "vertical-align": "top"],
        "mj-text": [
            "align": "left", "color": "#000000", "font-family": ubuntu, "font-size": "13px",
            "line-height": "1", "padding": "10px 25px",
        ],
        "mj-image": [
            "alt": "", "align": "center", "border": "0", "height": "auto", "padding": "10px 25px",
            "target": "_blank", "font-size": "13px",
        ],
        "mj-button": [
            "align": "center", "background-color": "#414141", "border": "none", "border-radius": "3px",
            "color": "#ffffff", "font-family": ubuntu, "font-size": "13px", "font-weight": "normal",
            "inner-padding": "10px 25px", "line-height": "120%", "padding": "10px 25px", "target": "_blank",
            "text-decoration": "none", "text-transform": "none", "vertical-align": "middle",
        ],
        "mj-divider": [
            "border-color": "#000000", "border-style": "solid", "border-width": "4px",
            "padding": "10px 25px", "width": "100%", "align": "center",
        ],
        "mj-spacer": ["height": "20px"],
        "mj-table": [
            "align": "left", "border": "none", "cellpadding": "0", "cellspacing": "0", "color": "#000000",
            "font-family": ubuntu, "font-size": "13px", "line-height": "22px", "padding": "10px 25px",
            "table-layout": "auto", "width": "100%",
        ],
        "mj-social": [
            "align": "center", "border-radius": "3px", "color": "#333333", "font-family": ubuntu,
            "font-size": "13px", "icon-size": "20px", "line-height": "22px", "mode": "horizontal",
            "padding": "10px 25px", "text-decoration": "none",
        ],
        "mj-social-element": [
            "alt": "", "align": "left", "icon-position": "left", "color": "#000", "border-radius": "3px",
            "font-family": ubuntu, "font-size": "13px", "line-height": "1", "padding": "4px",
            "text-padding": "4px 4px 4px 0", "target": "_blank", "text-decoration": "none",
            "vertical-align": "middle",
        ],
        "mj-navbar": [
            "align": "center", "ico-align": "center", "ico-open": "&#9776;", "ico-close": "&#8855;",
            "ico-color": "#000000", "ico-font-size": "30px", "ico-font-family": ubuntu,
            "ico-text-transform": "uppercase", "ico-padding": "10px", "ico-text-decoration": "none",
            "ico-line-height": "30px",
        ],
        "mj-navbar-link": [
            "color": "#000000", "font-family": ubuntu, "font-size": "13px", "font-weight": "normal",
            "line-height": "22px", "padding": "15px 10px", "target": "_blank", "text-decoration": "none",
            "text-transform": "uppercase",
        ],
        "mj-hero": [
            "mode": "fixed-height", "height": "0px", "background-position": "center center",
            "padding": "0px", "background-color": "#ffffff", "vertical-align": "top",
        ],
        "mj-accordion": [
            "border": "2px solid black", "font-family": ubuntu, "icon-align": "middle",
            "icon-wrapped-url": "https://i.imgur.com/bIXv1bk.png", "icon-wrapped-alt": "+",
            "icon-unwrapped-url": "https://i.imgur.com/w4uTygT.png", "icon-unwrapped-alt": "-",
            "icon-position": "right", "icon-height": "32px", "icon-width": "32px", "padding": "10px 25px",
        ],
        "mj-accordion-element": [:],
        "mj-accordion-title": ["font-size": "13px", "padding": "16px"],
        "mj-accordion-text": ["font-size": "13px", "line-height": "1", "padding": "16px"],
        "mj-carousel": [
            "align": "center", "border-radius": "6px", "icon-width": "44px",
            "left-icon": "https://i.imgur.com/xTh3hln.png", "right-icon": "https://i.imgur.com/os7o9kz.png",
            "thumbnails": "visible", "tb-border": "2px solid transparent", "tb-border-radius": "6px",
            "tb-hover-border-color": "#fead0d", "tb-selected-border-color": "#ccc",
        ],
        "mj-carousel-image": ["alt": "", "target": "_blank"],
        "mj-raw": [:],
    ]
}
