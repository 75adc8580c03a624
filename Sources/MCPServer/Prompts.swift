import Foundation
import MCP
import Service

/// The prompts: `write_block` (the brand context a writer needs for one slot, and the loop of
/// checks to run until the draft is clean) and `review_copy` (a review of given copy by the same
/// checks). Their text is built from the current project.
enum TesseraPrompts {
    static let list: [Prompt] = [
        Prompt(
            name: "write_block", title: "Write a block",
            description:
                "Write copy for a block of a slot, in the brand's voice and with approved claims only, checked with lint_copy and check_claims until clean.",
            arguments: [
                .init(name: "slot", description: "the slot the block is for, e.g. hero", required: true),
                .init(name: "goal", description: "what the block should achieve", required: true),
                .init(name: "market", description: "a market id, e.g. US", required: true),
                .init(name: "locale", description: "a locale id, e.g. en-US", required: true),
            ]),
        Prompt(
            name: "review_copy", title: "Review copy",
            description: "Review copy against the brand: voice, claims and disclaimers, links and calls to action.",
            arguments: [.init(name: "text", description: "the copy to review", required: true)]),
    ]

    static func get(_ name: String, _ arguments: [String: String], _ project: Project, limits: MCPLimits) throws(ServiceError) -> GetPrompt.Result {
        func required(_ key: String, _ expected: String, limit: Int? = nil) throws(ServiceError) -> String {
            guard let v = arguments[key], !v.isEmpty else {
                throw ServiceError(.badRequest, "argument.missing", "argument '\(key)' is required: \(expected)", location: key)
            }
            let max = limit ?? limits.nameBytes
            guard v.utf8.count <= max else {
                throw ServiceError(
                    .tooLarge, "argument.too-large", "argument '\(key)' is \(v.utf8.count) bytes, over the limit of \(max) bytes", location: key)
            }
            return v
        }
        switch name {
        case "write_block":
            let slot = try required("slot", "a slot name such as list_templates shows")
            let goal = try required("goal", "what the block should achieve", limit: limits.textBytes)
            let market = try required("market", "a market id such as US")
            let locale = try required("locale", "a locale id such as en-US")
            let slotTemplates = project.catalog.templates.filter { $0.slot(slot) != nil }
            guard !slotTemplates.isEmpty else {
                let slots = Set(project.catalog.templates.flatMap { $0.slots.map(\.name) }).sorted()
                throw ServiceError(
                    .badRequest, "slot.unknown", "no template has a slot '\(slot)'; slots: \(slots.joined(separator: ", "))", location: "slot")
            }
            let channels = Set(slotTemplates.map(\.channel)).sorted()
            let claims = try project.searchClaims(ClaimsParameters(market: market, channel: channels.count == 1 ? channels[0] : nil, locale: locale))
            let guidelines = try project.brandGuidelines(section: nil)
            let templateIDs = slotTemplates.map(\.id).joined(separator: ", ")
            let text = """
                You are writing copy for a block of the '\(slot)' slot (templates: \(templateIDs); channel: \(channels.joined(separator: ", "))) for \(project.brand.facts.name), market \(market), locale \(locale).
                Goal: \(goal)

                Brand guidelines (JSON):
                \(JSONText.render(guidelines))

                Approved claims usable here today (JSON). State a fact about a product, price, delivery or the company only with one of these wordings, word for word, and add the text of each disclaimer it requires:
                \(JSONText.render(claims))

                Then check your draft: call lint_copy {text, format, channel: "\(channels.first ?? "")", market: "\(market)", locale: "\(locale)", slot: "\(slot)"} and check_claims {text, market: "\(market)", channel: "\(channels.first ?? "")", locale: "\(locale)"}. Fix every finding and call them again until lint_copy reports 0 errors and check_claims reports only approved claims with their disclaimers present. voice_rules explains each voice rule.
                """
            return GetPrompt.Result(description: "Write a '\(slot)' block for \(market) (\(locale))", messages: [.user(.text(text: text))])
        case "review_copy":
            let copy = try required("text", "the copy to review", limit: limits.textBytes)
            let text = """
                Review this copy for \(project.brand.facts.name) against the brand. Call lint_copy {text, format: "text"} (add channel, market and locale when you know them) and check_claims {text, market, channel} on it; explain each finding in plain words, propose a corrected version that uses only approved claim wordings with their disclaimers, and check the corrected version again until it is clean.

                Copy:
                \(copy)
                """
            return GetPrompt.Result(description: "Review copy against the brand", messages: [.user(.text(text: text))])
        default:
            throw ServiceError(.notFound, "prompt.unknown", "no prompt '\(name)': expected write_block or review_copy", location: "name")
        }
    }
}
