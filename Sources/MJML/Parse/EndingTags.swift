/// Tags whose content MJML keeps as raw HTML instead of parsing it as MJML.
enum EndingTags {
    static let body: Set<String> = [
        "mj-text", "mj-button", "mj-table", "mj-raw", "mj-navbar-link", "mj-social-element",
        "mj-accordion-title", "mj-accordion-text", "mj-carousel-image",
    ]
    static let head: Set<String> = ["mj-title", "mj-preview", "mj-style", "mj-breakpoint"]

    static func isEnding(_ tag: String) -> Bool { body.contains(tag) || head.contains(tag) }
}
