import BrandContext
import Foundation

/// `links.https`, `links.domain`, `links.utm`: every static link against the brand's link policy.
struct LinkRules: LintRule {
    let ids = ["links.https", "links.domain", "links.utm"]
    static let linkAttributes: Set<String> = ["href"]
    /// Tags a reader clicks: only their links need tracking parameters (not stylesheets).
    static let clickable: Set<String> = ["a", "mj-button", "mj-image", "mj-navbar-link", "mj-social-element", "mj-carousel-image", "area"]

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        let policy = context.brand.facts.links
        var out: [Finding] = []
        for tag in file.tags {
            for a in tag.attributes where Self.linkAttributes.contains(a.name) && !a.isDynamic {
                out += Self.check(url: a.value, policy: policy).filter { $0.0 != "links.utm" || Self.clickable.contains(tag.name) }.map {
                    rule, message in
                    file.finding(rule, rule == "links.utm" ? .warning : .error, at: a.valueOffset, message)
                }
            }
        }
        return out
    }

    /// Problems with one URL (its Liquid parts already blanked): (rule id, message) pairs.
    /// Shared with the guard, which checks URLs filled in per recipient.
    static func check(url raw: String, policy: BrandContext.LinkPolicy) -> [(String, String)] {
        let url = raw.trimmingCharacters(in: .whitespaces)
        let lower = url.lowercased()
        if lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") || lower.hasPrefix("#") { return [] }
        if lower.hasPrefix("http://") {
            return policy.requireHTTPS ? [("links.https", "link '\(url)' uses http: expected https://")] : []
        }
        guard lower.hasPrefix("https://") else { return [] }
        let rest = url.dropFirst("https://".count)
        let hostEnd = rest.firstIndex { "/?#: ".contains($0) } ?? rest.endIndex
        let host = rest[..<hostEnd].lowercased()
        guard !host.isEmpty else { return [] }
        if !policy.allowedDomains.isEmpty && !policy.allowedDomains.contains(host) {
            return [
                (
                    "links.domain",
                    "link to '\(host)', which is not an allowed domain (expected one of \(policy.allowedDomains.joined(separator: ", ")))"
                )
            ]
        }
        let afterHost = rest[hostEnd...]
        let pathEnd = afterHost.firstIndex { "?#".contains($0) } ?? afterHost.endIndex
        let path = String(afterHost[..<pathEnd])
        if policy.utmExempt.contains(where: { path.hasPrefix($0) }) { return [] }
        let query = afterHost[pathEnd...].replacingOccurrences(of: "&amp;", with: "&")
        let names = Set(query.dropFirst().split(separator: "&").map { String($0.split(separator: "=", maxSplits: 1).first ?? "") })
        let missing = policy.requiredUTM.filter { !names.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [
            (
                "links.utm",
                "link '\(url.trimmingCharacters(in: .whitespaces))' lacks \(missing.joined(separator: ", ")): every tracked link needs \(policy.requiredUTM.joined(separator: ", "))"
            )
        ]
    }
}

/// `images.alt`, `images.https`: accessibility and transport of images.
struct ImageRules: LintRule {
    let ids = ["images.alt", "images.https"]
    static let imageTags: Set<String> = ["mj-image", "img", "mj-carousel-image"]

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        var out: [Finding] = []
        for tag in file.tags where Self.imageTags.contains(tag.name) {
            if tag.attribute("alt") == nil {
                out.append(
                    file.finding(
                        "images.alt", .error, at: tag.offset, "<\(tag.name)> has no alt text: add alt=\"…\" (alt=\"\" for a decorative image)"))
            }
            if let src = tag.attribute("src"), src.value.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("http://") {
                out.append(file.finding("images.https", .error, at: src.valueOffset, "image '\(src.value)' is loaded over http: expected https://"))
            }
        }
        return out
    }
}
