/// Every attribute name the renderer reads, as a dense integer key: each node's resolved
/// values sit in an array indexed by it, so a lookup is one array access (no hashing).
enum Attr: Int, CaseIterable {
    case align
    case alt
    case backgroundColor
    case backgroundHeight
    case backgroundPosition
    case backgroundPositionX
    case backgroundPositionY
    case backgroundRepeat
    case backgroundSize
    case backgroundUrl
    case backgroundWidth
    case border
    case borderBottom
    case borderColor
    case borderLeft
    case borderRadius
    case borderRight
    case borderStyle
    case borderTop
    case borderWidth
    case cellpadding
    case cellspacing
    case color
    case containerBackgroundColor
    case cssClass
    case direction
    case fluidOnMobile
    case fontFamily
    case fontSize
    case fontStyle
    case fontWeight
    case fullWidth
    case hamburger
    case height
    case href
    case icoAlign
    case icoClose
    case icoColor
    case icoFontFamily
    case icoFontSize
    case icoLineHeight
    case icoOpen
    case icoPadding
    case icoPaddingBottom
    case icoPaddingLeft
    case icoPaddingRight
    case icoPaddingTop
    case icoTextDecoration
    case icoTextTransform
    case iconAlign
    case iconHeight
    case iconPadding
    case iconPosition
    case iconSize
    case iconUnwrappedAlt
    case iconUnwrappedUrl
    case iconWidth
    case iconWrappedAlt
    case iconWrappedUrl
    case innerBackgroundColor
    case innerBorder
    case innerBorderBottom
    case innerBorderLeft
    case innerBorderRadius
    case innerBorderRight
    case innerBorderTop
    case innerPadding
    case innerPaddingBottom
    case innerPaddingLeft
    case innerPaddingRight
    case innerPaddingTop
    case leftIcon
    case letterSpacing
    case lineHeight
    case maxHeight
    case mobileWidth
    case mobileWidthFlag
    case mode
    case name
    case navbarBaseUrl
    case padding
    case paddingBottom
    case paddingLeft
    case paddingRight
    case paddingTop
    case rel
    case rightIcon
    case role
    case sizes
    case src
    case srcset
    case tableLayout
    case target
    case tbBorder
    case tbBorderRadius
    case tbHoverBorderColor
    case tbSelectedBorderColor
    case tbWidth
    case textAlign
    case textDecoration
    case textPadding
    case textTransform
    case thumbnails
    case thumbnailsSrc
    case title
    case usemap
    case verticalAlign
    case width
    case baseUrl
    case mjClass

    static let names: [String] = [
        "align",
        "alt",
        "background-color",
        "background-height",
        "background-position",
        "background-position-x",
        "background-position-y",
        "background-repeat",
        "background-size",
        "background-url",
        "background-width",
        "border",
        "border-bottom",
        "border-color",
        "border-left",
        "border-radius",
        "border-right",
        "border-style",
        "border-top",
        "border-width",
        "cellpadding",
        "cellspacing",
        "color",
        "container-background-color",
        "css-class",
        "direction",
        "fluid-on-mobile",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "full-width",
        "hamburger",
        "height",
        "href",
        "ico-align",
        "ico-close",
        "ico-color",
        "ico-font-family",
        "ico-font-size",
        "ico-line-height",
        "ico-open",
        "ico-padding",
        "ico-padding-bottom",
        "ico-padding-left",
        "ico-padding-right",
        "ico-padding-top",
        "ico-text-decoration",
        "ico-text-transform",
        "icon-align",
        "icon-height",
        "icon-padding",
        "icon-position",
        "icon-size",
        "icon-unwrapped-alt",
        "icon-unwrapped-url",
        "icon-width",
        "icon-wrapped-alt",
        "icon-wrapped-url",
        "inner-background-color",
        "inner-border",
        "inner-border-bottom",
        "inner-border-left",
        "inner-border-radius",
        "inner-border-right",
        "inner-border-top",
        "inner-padding",
        "inner-padding-bottom",
        "inner-padding-left",
        "inner-padding-right",
        "inner-padding-top",
        "left-icon",
        "letter-spacing",
        "line-height",
        "max-height",
        "mobile-width",
        "mobileWidth",
        "mode",
        "name",
        "navbar-base-url",
        "padding",
        "padding-bottom",
        "padding-left",
        "padding-right",
        "padding-top",
        "rel",
        "right-icon",
        "role",
        "sizes",
        "src",
        "srcset",
        "table-layout",
        "target",
        "tb-border",
        "tb-border-radius",
        "tb-hover-border-color",
        "tb-selected-border-color",
        "tb-width",
        "text-align",
        "text-decoration",
        "text-padding",
        "text-transform",
        "thumbnails",
        "thumbnails-src",
        "title",
        "usemap",
        "vertical-align",
        "width",
        "base-url",
        "mj-class",
    ]

    var name: String { Attr.names[rawValue] }

    static let byName: [String: Attr] = {
        var m: [String: Attr] = [:]
        for a in Attr.allCases { m[a.name] = a }
        return m
    }()

    /// An empty slot array.
    static let emptySlots = ContiguousArray<String?>(repeating: nil, count: Attr.names.count)
}
