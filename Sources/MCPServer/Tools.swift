import BrandContext
import Foundation
import MCP
import Policy
import Service

/// What a tool answers: the structured content (valid against its output schema) and a short
/// text rendering for clients that show text only.
struct ToolAnswer {
    var structured: Value
    var text: String
}

/// One tool: its MCP description and what it runs. Every operation is `Service`'s; a tool reads
/// its arguments, calls one operation and shapes the answer.
struct ToolDefinition: Sendable {
    let tool: Tool
    let arguments: [String]
    let run: @Sendable (Project, ToolArguments) throws(ServiceError) -> ToolAnswer

    init(
        _ name: String, _ title: String, _ description: String, input: [String: Value], required: [String] = [], output: Value,
        run: @escaping @Sendable (Project, ToolArguments) throws(ServiceError) -> ToolAnswer
    ) {
        tool = Tool(
            name: name, title: title, description: description,
            inputSchema: Schema.object(input, required: required),
            annotations: .init(title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false),
            outputSchema: output)
        arguments = input.keys.sorted()
        self.run = run
    }
}

/// The tools of the Tessera MCP server, in the order `tools/list` gives them.
enum TesseraTools {
    static let all: [ToolDefinition] = [
        searchClaims, getClaim, brandGuidelines, voiceRules, lintCopy, checkClaims, listTemplates, listBlocks, renderPreview, explainSelection,
    ]
    static let byName: [String: ToolDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.tool.name, $0) })

    static let searchClaims = ToolDefinition(
        "search_claims", "Search approved claims",
        "Approved claims usable in a context on a day (on defaults to today), with their disclaimers, markets, channels, validity and the claim each supersedes; the text is in the locale asked. Copy that states a fact about a product, price, delivery or the company must use one of these wordings.",
        input: [
            "query": Schema.string("words to search the claims' text for (full-text search)"), "market": Schema.string("a market id, e.g. US"),
            "channel": Schema.string("a channel id, e.g. email"), "locale": Schema.string("a locale id, e.g. fr-CA"),
            "product": Schema.string("a product id"), "on": Schema.day,
        ],
        output: Schema.object(["claims": Schema.array(Schema.claim)], required: ["claims"])
    ) { project, a throws(ServiceError) in
        let p = ClaimsParameters(
            search: try a.string("query"), market: try a.string("market"), channel: try a.string("channel"),
            locale: try a.string("locale"), product: try a.string("product"), on: try a.day("on"))
        let json = try project.searchClaims(p)
        let claims = JSONValue.value(json).objectValue?["claims"]?.arrayValue ?? []
        let lines = claims.map { c in
            let o = c.objectValue ?? [:]
            let fine = (o["disclaimers"]?.arrayValue ?? []).compactMap { $0.objectValue?["id"]?.stringValue }
            return "- \(o["id"]?.stringValue ?? ""): \(o["text"]?.stringValue ?? "")"
                + (fine.isEmpty ? "" : " [needs disclaimer: \(fine.joined(separator: ", "))]")
        }
        return ToolAnswer(
            structured: JSONValue.value(json),
            text: "\(claims.count) approved claim\(claims.count == 1 ? "" : "s") usable here:\n" + lines.joined(separator: "\n"))
    }

    static let getClaim = ToolDefinition(
        "get_claim", "Get one claim",
        "One approved claim by id, whatever the day and context, worded for a locale (default: the brand's default locale), with its disclaimers, scope and validity.",
        input: ["id": Schema.string("the claim id, e.g. stormline-waterproof-20k"), "locale": Schema.string("a locale id, e.g. fr-CA")],
        required: ["id"], output: Schema.claim
    ) { project, a throws(ServiceError) in
        let json = try project.claimDetail(
            id: try a.required("id", expected: "a claim id such as one search_claims returns"), locale: try a.string("locale"))
        let v = JSONValue.value(json)
        let o = v.objectValue ?? [:]
        return ToolAnswer(
            structured: v,
            text:
                "\(o["id"]?.stringValue ?? ""): \(o["text"]?.stringValue ?? "") (valid \(o["valid_from"]?.stringValue ?? "") to \(o["valid_until"]?.stringValue ?? "open"))"
        )
    }

    static let brandGuidelines = ToolDefinition(
        "brand_guidelines", "Brand guidelines",
        "The brand's guidelines as data: identity, markets and locales, palette, typography, logo, CTA rules, link policy, legal requirements, what makes copy a claim, and a summary of the voice. Ask for one section or all.",
        input: ["section": Schema.string("one section (default: all)", enum: Project.guidelineSections)],
        output: Schema.object(Dictionary(uniqueKeysWithValues: Project.guidelineSections.map { ($0, Value.object([:])) }), closed: true)
    ) { project, a throws(ServiceError) in
        let section = try a.choice("section", Project.guidelineSections)
        let json = try project.brandGuidelines(section: section)
        return ToolAnswer(structured: JSONValue.value(json), text: JSONText.render(json))
    }

    static let voiceRules = ToolDefinition(
        "voice_rules", "Voice rules",
        "Every voice rule of the brand in plain terms: id, level (error, warning, suggestion), kind, what it flags, what it suggests instead, and its message.",
        input: [:],
        output: Schema.object(
            [
                "rules": Schema.array(
                    Schema.object(
                        [
                            "id": Schema.string(), "level": Schema.string(enum: ["error", "warning", "suggestion"]), "kind": Schema.string(),
                            "flags": Schema.strings,
                            "suggests": Schema.array(
                                Schema.object(["instead_of": Schema.string(), "use": Schema.string()], required: ["instead_of", "use"])),
                            "message": Schema.string(), "file": Schema.string(),
                        ], required: ["id", "level", "kind", "flags", "suggests", "message"]))
            ], required: ["rules"])
    ) { project, _ throws(ServiceError) in
        let json = project.voiceRules()
        let v = JSONValue.value(json)
        let rules = v.objectValue?["rules"]?.arrayValue ?? []
        let lines = rules.map { r -> String in
            let o = r.objectValue ?? [:]
            let flags = (o["flags"]?.arrayValue ?? []).compactMap(\.stringValue).prefix(6).joined(separator: ", ")
            return "- \(o["id"]?.stringValue ?? "") (\(o["level"]?.stringValue ?? "")): \(flags)"
        }
        return ToolAnswer(structured: v, text: "\(rules.count) voice rules:\n" + lines.joined(separator: "\n"))
    }

    static let findingSchema: Value = Schema.object(
        [
            "rule": Schema.string(), "level": Schema.string(enum: ["error", "warning", "suggestion"]), "message": Schema.string(),
            "line": Schema.integer, "column": Schema.integer, "match": Schema.string(), "suggestion": Schema.string(),
        ], required: ["rule", "level", "message", "line", "column", "match"])

    static let lintCopy = ToolDefinition(
        "lint_copy", "Lint a draft",
        "Checks a draft with the rules of `tessera lint` that apply to it: voice, claims (unapproved, expired, wrong market or channel, missing disclaimer), links and CTAs; for MJML every rule, with the creepiness rules when it is linted as a block (give slot). Call it on your draft until the summary has no errors.",
        input: [
            "text": Schema.string("the draft (at most the server's text limit, 64 KiB by default)"),
            "format": Schema.string("how the draft is written", enum: DraftFormat.allCases.map(\.rawValue)),
            "channel": Schema.string("a channel id, e.g. email"), "market": Schema.string("a market id, e.g. US"),
            "locale": Schema.string("a locale id, e.g. en-US"), "slot": Schema.string("MJML: lint as a block of this slot, e.g. hero"),
        ],
        required: ["text", "format"],
        output: Schema.object(
            [
                "findings": Schema.array(findingSchema),
                "summary": Schema.object(
                    ["errors": Schema.integer, "warnings": Schema.integer, "suggestions": Schema.integer],
                    required: ["errors", "warnings", "suggestions"]),
            ], required: ["findings", "summary"])
    ) { project, a throws(ServiceError) in
        let text = try a.required("text", limit: a.limits.textBytes, expected: "the draft to lint, as a string")
        guard let formatName = try a.choice("format", DraftFormat.allCases.map(\.rawValue)), let format = DraftFormat(rawValue: formatName) else {
            throw ServiceError(
                .badRequest, "argument.missing", "argument 'format' is required: one of 'text', 'markdown', 'mjml'", location: "format")
        }
        let scope = DraftScope(market: try a.string("market"), channel: try a.string("channel"), locale: try a.string("locale"))
        let result = try project.lintCopy(text, format: format, scope: scope, slot: try a.string("slot"))
        let lines = result.findings.map { "\($0.line):\($0.column) \(DraftLintResult.level($0.severity)) \($0.rule): \($0.message)" }
        let summary =
            "\(result.errors) error\(result.errors == 1 ? "" : "s"), \(result.warnings) warning\(result.warnings == 1 ? "" : "s"), \(result.suggestions) suggestion\(result.suggestions == 1 ? "" : "s")"
        return ToolAnswer(structured: JSONValue.value(result.json), text: (lines + [summary]).joined(separator: "\n"))
    }

    static let checkClaims = ToolDefinition(
        "check_claims", "Check the claims of a draft",
        "Which sentences of a draft make a claim, whether each is an approved claim usable in this market and channel on this day (approved, unapproved, expired, not-yet-valid, wrong-market, wrong-channel, superseded: another claim replaces it here and now), and which disclaimers the copy then needs.",
        input: [
            "text": Schema.string("the draft, as plain text"), "market": Schema.string("a market id, e.g. US"),
            "channel": Schema.string("a channel id, e.g. email"), "locale": Schema.string("a locale id, e.g. en-US"), "on": Schema.day,
        ],
        required: ["text", "market", "channel"],
        output: Schema.object(
            [
                "sentences": Schema.array(
                    Schema.object(
                        [
                            "text": Schema.string(), "claim_id": Schema.nullableString,
                            "status": Schema.string(enum: ClaimSentence.Status.allCases.map(\.rawValue)), "match": Schema.string(),
                            "required_disclaimers": Schema.array(Schema.disclaimer),
                        ], required: ["text", "claim_id", "status", "required_disclaimers"]))
            ], required: ["sentences"])
    ) { project, a throws(ServiceError) in
        let text = try a.required("text", limit: a.limits.textBytes, expected: "the draft whose claims to check, as a string")
        let scope = DraftScope(
            market: try a.required("market", expected: "a market id such as brand_guidelines lists"),
            channel: try a.required("channel", expected: "a channel id such as email"),
            locale: try a.string("locale"), on: try a.day("on"))
        let sentences = try project.checkClaims(text, scope)
        let lines = sentences.map { s in
            "- \(s.status.rawValue)\(s.claimID.map { " (\($0))" } ?? ""): \(s.text)"
                + (s.requiredDisclaimers.isEmpty ? "" : " [needs: \(s.requiredDisclaimers.map(\.id).joined(separator: ", "))]")
        }
        return ToolAnswer(
            structured: JSONValue.value(ClaimCheckJSON.json(sentences)),
            text: sentences.isEmpty
                ? "No sentence makes a claim." : "\(sentences.count) claim\(sentences.count == 1 ? "" : "s") found:\n" + lines.joined(separator: "\n")
        )
    }

    static let listTemplates = ToolDefinition(
        "list_templates", "List templates",
        "Every template with its channel, category, actions and slots (what each slot accepts and its candidate blocks).",
        input: [:],
        output: Schema.object(
            [
                "templates": Schema.array(
                    Schema.object(
                        [
                            "id": Schema.string(), "channel": Schema.string(), "category": Schema.string(), "actions": Schema.strings,
                            "file": Schema.string(),
                            "slots": Schema.array(Schema.anyObject),
                        ], required: ["id", "channel", "slots"], closed: false))
            ], required: ["templates"])
    ) { project, _ throws(ServiceError) in
        let json = project.templateList()
        let v = JSONValue.value(json)
        let lines = (v.arrayValue ?? []).map { t -> String in
            let o = t.objectValue ?? [:]
            let slots = (o["slots"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
            return "- \(o["id"]?.stringValue ?? "") (\(o["channel"]?.stringValue ?? "")): slots \(slots.joined(separator: ", "))"
        }
        return ToolAnswer(structured: .object(["templates": v]), text: lines.joined(separator: "\n"))
    }

    static let listBlocks = ToolDefinition(
        "list_blocks", "List blocks",
        "Blocks with their slot, tags, `when` condition, priority, claims and locales; filter by slot or tag.",
        input: ["slot": Schema.string("only blocks of this slot, e.g. hero"), "tag": Schema.string("only blocks with this tag")],
        output: Schema.object(
            [
                "blocks": Schema.array(
                    Schema.object(
                        [
                            "id": Schema.string(), "slot": Schema.string(), "tags": Schema.strings, "when": Schema.nullableString,
                            "claims": Schema.strings,
                            "priority": Schema.integer, "locales": Schema.strings, "file": Schema.string(),
                        ], required: ["id", "slot", "tags", "when", "claims"]))
            ], required: ["blocks"])
    ) { project, a throws(ServiceError) in
        let json = try project.blockList(slot: try a.string("slot"), tag: try a.string("tag"))
        let v = JSONValue.value(json)
        let lines = (v.arrayValue ?? []).map { b -> String in
            let o = b.objectValue ?? [:]
            return "- \(o["id"]?.stringValue ?? "") [\(o["slot"]?.stringValue ?? "")]" + (o["when"]?.stringValue.map { " when \($0)" } ?? "")
        }
        return ToolAnswer(structured: .object(["blocks": v]), text: "\(lines.count) blocks:\n" + lines.joined(separator: "\n"))
    }

    /// The render path reports an unreadable record at "body" or "line 1:COL" (an HTTP body or
    /// an NDJSON line); here that record is an argument, so the error names it.
    static func naming<T>(_ argument: String, _ body: () throws(ServiceError) -> T) throws(ServiceError) -> T {
        do {
            return try body()
        } catch  where error.location == "body" || error.location?.hasPrefix("line 1") == true {
            throw ServiceError(
                error.kind, error.code,
                "argument '\(argument)' is not a recipient record: \(error.message)"
                    + (error.location.map { $0 == "body" ? "" : " (at \($0))" } ?? ""), location: argument)
        }
    }

    static let renderOutput: Value = Schema.object(
        [
            "id": Schema.nullableString, "status": Schema.string(), "template": Schema.nullableString, "personalized": Schema.boolean,
            "subject": Schema.string(), "preheader": Schema.string(), "text": Schema.string(), "html": Schema.string(),
            "blocks": Schema.strings, "claims": Schema.strings, "signals": Schema.strings, "reasons": Schema.array(Schema.reason),
        ], required: ["status", "subject", "preheader", "text", "blocks", "claims", "signals", "reasons"])

    static let renderPreview = ToolDefinition(
        "render_preview", "Render a preview",
        "Renders one recipient as `tessera render` would: status, subject, preheader, text, blocks, claims, signals and the reasons for every choice (HTML only when include_html is true).",
        input: [
            "template": Schema.string("the template to use when the recipient's decision names none, e.g. welcome"),
            "recipient": ["description": "a recipient object, as one line of recipients.ndjson (at least an id)", "type": ["object", "string"]],
            "now": Schema.string("the clock, ISO 8601 (default: now)"), "include_html": Schema.boolean,
        ],
        required: ["template", "recipient"], output: renderOutput
    ) { project, a throws(ServiceError) in
        let options = try RenderOptions.parse(
            template: try a.required("template", expected: "a template id such as list_templates returns"), now: try a.string("now"), slots: nil)
        let outcome = try Self.naming("recipient") { () throws(ServiceError) in try project.render(recipient: try a.recipient("recipient"), options) }
        var record = JSONValue.decode(outcome.record)?.objectValue ?? [:]
        if try a.bool("include_html") != true { record["html"] = nil }
        let subject = record["subject"]?.stringValue ?? ""
        return ToolAnswer(
            structured: .object(record),
            text:
                "\(outcome.status) with \(outcome.template ?? "no template"): subject '\(subject)'; blocks \(outcome.blocks.joined(separator: ", ")); claims \(outcome.claims.joined(separator: ", "))"
        )
    }

    static let explainSelection = ToolDefinition(
        "explain_selection", "Explain a selection",
        "Explains why a recipient gets the template and blocks they get (`tessera explain`): the decision, consent and holdout, every candidate of every slot and what happened to it.",
        input: [
            "recipient": ["description": "a recipient object, as one line of recipients.ndjson", "type": ["object", "string"]],
            "template": Schema.string("the template to use when the decision names none"), "now": Schema.string("the clock, ISO 8601 (default: now)"),
        ],
        required: ["recipient"],
        output: Schema.object(["explanation": Schema.string()], required: ["explanation"])
    ) { project, a throws(ServiceError) in
        let options = try RenderOptions.parse(template: try a.string("template"), now: try a.string("now"), slots: nil)
        let text = try Self.naming("recipient") { () throws(ServiceError) in try project.explain(recipient: try a.recipient("recipient"), options) }
        return ToolAnswer(structured: ["explanation": .string(text)], text: text)
    }
}
