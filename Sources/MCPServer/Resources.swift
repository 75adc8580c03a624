import Foundation
import MCP
import Service

/// The resources: the brand's guidelines, the claims library, the voice rules, and each
/// template and block. Each is JSON read from the current project when asked.
enum TesseraResources {
    static let fixed: [(uri: String, name: String, description: String)] = [
        (
            "tessera://brand", "Brand guidelines",
            "identity, markets and locales, palette, typography, logo, CTA rules, link policy, legal requirements, claims policy, voice summary"
        ),
        (
            "tessera://claims", "Claims library",
            "every approved claim with its wording, disclaimers, markets, channels, validity and what it supersedes"
        ),
        ("tessera://voice", "Voice rules", "every voice rule: level, what it flags, what it suggests instead"),
    ]

    static let templates: [Resource.Template] = [
        .init(uriTemplate: "tessera://claims/{id}", name: "Claim", description: "one approved claim", mimeType: "application/json"),
        .init(
            uriTemplate: "tessera://templates/{id}", name: "Template", description: "a template: channel, slots, candidates and its MJML",
            mimeType: "application/json"),
        .init(
            uriTemplate: "tessera://blocks/{id}", name: "Block", description: "a block: slot, tags, condition, claims and its MJML",
            mimeType: "application/json"),
    ]

    static func list(_ project: Project) -> [Resource] {
        fixed.map { Resource(name: $0.name, uri: $0.uri, description: $0.description, mimeType: "application/json") }
            + project.brand.claims.map { Resource(name: "Claim \($0.id)", uri: "tessera://claims/\($0.id)", mimeType: "application/json") }
            + project.catalog.templates.map { Resource(name: "Template \($0.id)", uri: "tessera://templates/\($0.id)", mimeType: "application/json") }
            + project.catalog.blocks.map { Resource(name: "Block \($0.id)", uri: "tessera://blocks/\($0.id)", mimeType: "application/json") }
    }

    /// The JSON of a resource URI; an unknown one is an error naming the URIs there are.
    static func read(_ uri: String, _ project: Project) throws(ServiceError) -> String {
        let json: JSONText
        switch uri {
        case "tessera://brand": json = try project.brandGuidelines(section: nil)
        case "tessera://voice": json = project.voiceRules()
        case "tessera://claims":
            var all: [JSONText] = []
            for c in project.brand.claims { all.append(try project.claimDetail(id: c.id, locale: nil)) }
            json = .object([("claims", .array(all))])
        default:
            if let id = suffix(uri, "tessera://claims/") {
                json = try project.claimDetail(id: id, locale: nil)
            } else if let id = suffix(uri, "tessera://templates/") {
                json = try project.templateDetail(id: id)
            } else if let id = suffix(uri, "tessera://blocks/") {
                json = try project.blockDetail(id: id)
            } else {
                throw ServiceError(
                    .notFound, "resource.unknown",
                    "no resource '\(uri)': expected tessera://brand, tessera://claims, tessera://claims/{id}, tessera://voice, tessera://templates/{id} or tessera://blocks/{id}",
                    location: "uri")
            }
        }
        return JSONText.render(json) + "\n"
    }

    private static func suffix(_ uri: String, _ prefix: String) -> String? {
        guard uri.hasPrefix(prefix) else { return nil }
        let id = String(uri.dropFirst(prefix.count))
        return id.isEmpty ? nil : (id.removingPercentEncoding ?? id)
    }
}
