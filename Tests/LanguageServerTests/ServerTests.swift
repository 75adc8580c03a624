import Foundation
import TestSupport
import Testing

@testable import LanguageServer

/// Where `needle` first starts in `text`: 0-based line and UTF-16 character (LSP's units).
func locate(_ text: String, _ needle: String, after: String? = nil) -> (line: Int, character: Int) {
    let from = after.flatMap { text.range(of: $0)?.upperBound } ?? text.startIndex
    let r = text.range(of: needle, range: from..<text.endIndex)!
    let before = text[..<r.lowerBound]
    let line = before.filter { $0 == "\n" }.count
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text[lineStart..<r.lowerBound].utf16.count)
}

/// A block with three problems on three lines: a voice substitution after an emoji, an
/// unknown claim id, an image over http.
let trialBlock = """
    ---
    id: lsp-trial
    slot: main
    tags: [story]
    priority: 10
    claims: [rewards-points]
    locales: [en-US]
    ---
    <mj-section background-color="#FFFFFF" padding="16px 0">
      <mj-column>
        <mj-text>Trail days 😀 need a raincoat that breathes.</mj-text>
        <mj-text>{% claim "rewards-points" %} {% claim "no-such-claim" %}</mj-text>
        <mj-image src="http://www.larchwood.com/images/trail.jpg" alt="A trail in the rain" />
      </mj-column>
    </mj-section>

    """

@Suite(.serialized) struct DiagnosticTests {
    @Test func threeProblemsAtTheirRangesThenTwoAfterAFix() throws {
        let h = try ServerHarness(debounce: 0.05)
        h.open("blocks/lsp-trial.mjml", trialBlock)
        let first = try #require(h.diagnostics("blocks/lsp-trial.mjml", version: 1))
        let byCode = Dictionary(first.map { ($0["code"]?.string ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(first.count == 3, "\(first)")
        let rain = locate(trialBlock, "raincoat")
        // The emoji is two UTF-16 units and one scalar: the range is in UTF-16.
        #expect(byCode["voice.Larchwood.Terms"]?.rangeTuple == [rain.line, rain.character, rain.line, rain.character + 8])
        // Rules that give only a start are underlined to the end of the token there: the id, the URL.
        let id = locate(trialBlock, "no-such-claim")
        #expect(byCode["claims.unknown"]?.rangeTuple == [id.line, id.character, id.line, id.character + 13])
        let url = "http://www.larchwood.com/images/trail.jpg"
        let src = locate(trialBlock, url)
        #expect(byCode["images.https"]?.rangeTuple == [src.line, src.character, src.line, src.character + url.utf16.count])
        #expect(byCode["voice.Larchwood.Terms"]?["data"]?["replacements"] == ["rain jacket"])

        h.change("blocks/lsp-trial.mjml", trialBlock.replacingOccurrences(of: "http://", with: "https://"), version: 2)
        let second = try #require(h.diagnostics("blocks/lsp-trial.mjml", version: 2))
        #expect(second.compactMap { $0["code"]?.string }.sorted() == ["claims.unknown", "voice.Larchwood.Terms"])
    }

    @Test func onlyTheLastOfQuickChangesIsLinted() throws {
        let h = try ServerHarness(debounce: 2)
        h.open("blocks/lsp-trial.mjml", trialBlock)
        _ = try #require(h.diagnostics("blocks/lsp-trial.mjml", version: 1))
        h.change("blocks/lsp-trial.mjml", trialBlock + "<!-- 2 -->", version: 2)
        h.change("blocks/lsp-trial.mjml", trialBlock + "<!-- 3 -->", version: 3)
        _ = try #require(h.diagnostics("blocks/lsp-trial.mjml", version: 3))
        let versions = h.messages.filter { $0["method"] == "textDocument/publishDiagnostics" }.compactMap { $0["params"]?["version"]?.int }
        #expect(versions == [1, 3])
    }

    @Test func aCompileErrorIsADiagnosticOnItsLine() throws {
        let h = try ServerHarness()
        let broken = trialBlock.replacingOccurrences(of: "priority: 10", with: "priority: high")
        h.open("blocks/lsp-trial.mjml", broken)
        let found = try #require(h.diagnostics("blocks/lsp-trial.mjml", version: 1))
        let compile = try #require(found.first { $0["code"] == "catalog.compile" }, "\(found)")
        #expect(compile.rangeTuple.first == locate(broken, "priority").line, "\(compile)")
    }

    @Test func aBrandFileIsValidatedFromItsUnsavedText() throws {
        let h = try ServerHarness()
        let claims = try String(contentsOf: h.root.appendingPathComponent("brand/claims.yaml"), encoding: .utf8)
        let typo = claims.replacingOccurrences(of: "    valid_until: 2027-01-31", with: "    valid_untill: 2027-01-31")
        h.open("brand/claims.yaml", typo)
        let found = try #require(h.diagnostics("brand/claims.yaml", version: 1))
        let at = locate(typo, "valid_untill")
        let error = try #require(found.first { $0["message"]?.string?.contains("valid_untill") == true }, "\(found)")
        #expect(error["code"] == "brand.schema")
        #expect(Array(error.rangeTuple.prefix(2)) == [at.line, at.character])
        // The file on disk is unchanged and still valid: the saved text is not what was checked.
        h.change("brand/claims.yaml", claims, version: 2)
        #expect(try #require(h.diagnostics("brand/claims.yaml", version: 2)).isEmpty)
    }
}

@Suite(.serialized) struct FeatureTests {
    @Test func hoverOnAClaimADataPathAndABlock() throws {
        let h = try ServerHarness()
        h.open("blocks/lsp-trial.mjml", trialBlock)
        let id = locate(trialBlock, "rewards-points", after: "{% claim")
        let claim = h.request("textDocument/hover", h.at("blocks/lsp-trial.mjml", id.line, id.character + 3))
        let text = claim["result"]?["contents"]?["value"]?.string ?? ""
        #expect(text.contains("Trailhead Rewards members earn a point"), "\(claim)")
        #expect(text.contains("loyalty-terms") && text.contains("valid from 2025-01-01"), "\(text)")
        #expect(claim["result"]?.rangeTuple == [id.line, id.character, id.line, id.character + 14])

        let withPath = trialBlock.replacingOccurrences(of: "Trail days", with: "{{ recipient.profile.city }} days")
        h.change("blocks/lsp-trial.mjml", withPath, version: 2)
        let at = locate(withPath, "city")
        let path = h.request("textDocument/hover", h.at("blocks/lsp-trial.mjml", at.line, at.character))
        let pathText = path["result"]?["contents"]?["value"]?.string ?? ""
        #expect(pathText.contains("recipient.profile.city") && pathText.contains("location_coarse"), "\(pathText)")
        #expect(pathText.contains("sample: `\""), "\(pathText)")

        let welcome = try String(contentsOf: h.root.appendingPathComponent("templates/welcome.mjml"), encoding: .utf8)
        h.open("templates/welcome.mjml", welcome)
        let fallback = locate(welcome, "hero-welcome}")
        let block = h.request("textDocument/hover", h.at("templates/welcome.mjml", fallback.line, fallback.character + 2))
        let blockText = block["result"]?["contents"]?["value"]?.string ?? ""
        #expect(blockText.contains("block `hero-welcome`") && blockText.contains("slot `hero`"), "\(blockText)")
    }

    @Test func completionOfClaimsFiltersTagsSlotsAndDataPaths() throws {
        let h = try ServerHarness()
        let typing = trialBlock.replacingOccurrences(of: #"{% claim "no-such-claim" %}"#, with: #"{% claim "free"#)
        h.open("blocks/lsp-trial.mjml", typing)
        let end = locate(typing, #"{% claim "free"#)
        let claims = h.request("textDocument/completion", h.at("blocks/lsp-trial.mjml", end.line, end.character + 14))
        let labels = Set((claims["result"]?["items"]?.array ?? []).compactMap { $0["label"]?.string })
        // en-US only: US claims usable on the day, not Canada's, not expired ones.
        #expect(labels.contains("free-shipping-us-75") && labels.contains("rewards-points"), "\(labels.sorted())")
        #expect(!labels.contains("free-shipping-ca-99") && !labels.contains("fall-outerwear-sale-2025"), "\(labels.sorted())")

        let liquid = trialBlock.replacingOccurrences(of: "Trail days", with: "{{ recipient.profile.first_name | upc }} {% ca")
        h.change("blocks/lsp-trial.mjml", liquid, version: 2)
        let filter = locate(liquid, "| upc")
        let filters = h.request("textDocument/completion", h.at("blocks/lsp-trial.mjml", filter.line, filter.character + 5))
        #expect((filters["result"]?["items"]?.array ?? []).compactMap { $0["label"]?.string } == ["upcase"], "\(filters)")
        let tag = locate(liquid, "{% ca")
        let tags = Set(
            (h.request("textDocument/completion", h.at("blocks/lsp-trial.mjml", tag.line, tag.character + 5))["result"]?["items"]?.array ?? [])
                .compactMap { $0["label"]?.string })
        #expect(tags == ["capture", "case"], "\(tags)")
        let path = locate(liquid, "first_name")
        let paths = Set(
            (h.request("textDocument/completion", h.at("blocks/lsp-trial.mjml", path.line, path.character))["result"]?["items"]?.array ?? [])
                .compactMap { $0["label"]?.string })
        #expect(paths.contains("recipient.profile.city") && paths.contains("recipient.profile.loyalty_tier"), "\(paths.sorted())")

        let slot = locate(trialBlock, "main")
        let slots = Set(
            (h.request("textDocument/completion", h.at("blocks/lsp-trial.mjml", slot.line, slot.character))["result"]?["items"]?.array ?? [])
                .compactMap { $0["label"]?.string })
        #expect(slots.isSuperset(of: ["hero", "main", "recommendations"]), "\(slots)")
        let tagLine = locate(trialBlock, "story")
        let frontTags = Set(
            (h.request("textDocument/completion", h.at("blocks/lsp-trial.mjml", tagLine.line, tagLine.character))["result"]?["items"]?.array ?? [])
                .compactMap { $0["label"]?.string })
        #expect(frontTags.isSuperset(of: ["story", "loyalty", "welcome"]), "\(frontTags)")
    }

    @Test func codeActionsReplaceAndSuppress() throws {
        let h = try ServerHarness()
        h.open("blocks/lsp-trial.mjml", trialBlock)
        let rain = locate(trialBlock, "raincoat")
        let range: JSON = ["start": h.position(rain.line, rain.character + 1), "end": h.position(rain.line, rain.character + 1)]
        let actions = h.request(
            "textDocument/codeAction",
            ["textDocument": ["uri": .string(h.uri("blocks/lsp-trial.mjml"))], "range": range, "context": ["diagnostics": []]])
        let list = actions["result"]?.array ?? []
        let replace = try #require(list.first { $0["title"] == "Replace with 'rain jacket'" }, "\(list)")
        let edit = try #require(replace["edit"]?["changes"]?[h.uri("blocks/lsp-trial.mjml")]?.array?.first)
        #expect(edit["newText"] == "rain jacket")
        #expect(edit.rangeTuple == [rain.line, rain.character, rain.line, rain.character + 8])

        let suppress = try #require(list.first { $0["title"]?.string?.hasPrefix("Suppress voice.Larchwood.Terms") == true }, "\(list)")
        let insert = try #require(suppress["edit"]?["changes"]?[h.uri("blocks/lsp-trial.mjml")]?.array?.first)
        // No suppress: yet, so one is added before the closing fence.
        #expect(insert.rangeTuple == [7, 0, 7, 0])
        #expect(insert["newText"]?.string == "suppress:\n  voice.Larchwood.Terms: \"\(Features.suppressionReason)\"\n")
        // Applied, the finding is gone (the suppression is read from the front matter).
        let suppressed = trialBlock.replacingOccurrences(
            of: "locales: [en-US]\n---", with: "locales: [en-US]\nsuppress:\n  voice.Larchwood.Terms: \"\(Features.suppressionReason)\"\n---")
        h.change("blocks/lsp-trial.mjml", suppressed, version: 2)
        let after = try #require(h.diagnostics("blocks/lsp-trial.mjml", version: 2))
        #expect(!after.contains { $0["code"] == "voice.Larchwood.Terms" }, "\(after)")
    }

    @Test func definitionOfIncludesClaimsAndBlocks() throws {
        let h = try ServerHarness()
        let welcome = try String(contentsOf: h.root.appendingPathComponent("templates/welcome.mjml"), encoding: .utf8)
        h.open("templates/welcome.mjml", welcome)
        let include = locate(welcome, "partials/email-header.mjml")
        let partial = h.request("textDocument/definition", h.at("templates/welcome.mjml", include.line, include.character + 3))
        #expect(partial["result"]?["uri"]?.string == h.uri("templates/partials/email-header.mjml"), "\(partial)")
        let fallback = locate(welcome, "hero-welcome}")
        let block = h.request("textDocument/definition", h.at("templates/welcome.mjml", fallback.line, fallback.character))
        #expect(block["result"]?["uri"]?.string == h.uri("blocks/hero-welcome.mjml"), "\(block)")

        h.open("blocks/lsp-trial.mjml", trialBlock)
        let id = locate(trialBlock, "rewards-points", after: "{% claim")
        let claim = h.request("textDocument/definition", h.at("blocks/lsp-trial.mjml", id.line, id.character))
        let claims = try String(contentsOf: h.root.appendingPathComponent("brand/claims.yaml"), encoding: .utf8)
        #expect(claim["result"]?["uri"]?.string == h.uri("brand/claims.yaml"))
        #expect(claim["result"]?.rangeTuple.first == locate(claims, "id: rewards-points").line, "\(claim)")
    }

    @Test func definitionOfLiquidPartials() throws {
        let h = try ServerHarness()
        let partials = h.root.appendingPathComponent("templates/partials")
        try "<mj-text>Signature</mj-text>\n".write(to: partials.appendingPathComponent("_signature.liquid"), atomically: true, encoding: .utf8)
        let text =
            "<mj-section><mj-column>\n{% render 'signature' %}\n{%- include \"partials/brand-head\" -%}\n{% render 'nowhere' %}\n</mj-column></mj-section>\n"
        h.open("templates/partials/footer-trial.mjml", text)
        let render = locate(text, "signature")
        let rendered = h.request("textDocument/definition", h.at("templates/partials/footer-trial.mjml", render.line, render.character + 2))
        #expect(rendered["result"]?["uri"]?.string == h.uri("templates/partials/_signature.liquid"), "\(rendered)")
        // From templates/: the project's partial folder, with the .mjml the project's partials have.
        let include = locate(text, "partials/brand-head")
        let included = h.request("textDocument/definition", h.at("templates/partials/footer-trial.mjml", include.line, include.character + 10))
        #expect(included["result"]?["uri"]?.string == h.uri("templates/partials/brand-head.mjml"), "\(included)")
        let missing = locate(text, "nowhere")
        #expect(
            h.request("textDocument/definition", h.at("templates/partials/footer-trial.mjml", missing.line, missing.character))["result"] == .null)
    }
}

@Suite struct ProtocolTests {
    @Test func errorsAreAnswersAndTheServerGoesOn() throws {
        let box = SentBox()
        let server = LanguageServer(options: LanguageServer.Options(project: Corpus.packageRoot), send: { box.append($0) }, onExit: { _ in })
        defer { server.close() }
        server.receive(.message(Array(#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#.utf8)))
        server.receive(.message(Array("not json".utf8)))
        server.receive(.error(.bodyTooLarge(length: 99, limit: 10)))
        server.receive(.message(Array(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}"#.utf8)))
        server.receive(.message(Array(#"{"jsonrpc":"2.0","id":3,"method":"no/such"}"#.utf8)))
        server.receive(.message(Array(#"{"jsonrpc":"2.0","id":4,"method":"initialize","params":{"capabilities":{}}}"#.utf8)))
        server.drain()
        let m = box.messages
        #expect(m.count == 6, "\(m)")
        #expect(m[0]["error"]?["code"] == -32002)
        #expect(m[1]["error"]?["code"] == -32700 && m[1]["id"] == .null)
        #expect(m[2]["error"]?["code"] == -32600 && m[2]["error"]?["message"]?.string?.contains("over the limit of 10 bytes") == true)
        #expect(m[3]["result"]?["capabilities"]?["hoverProvider"] == true)
        #expect(m[4]["error"]?["code"] == -32601)
        // A second initialize is an InvalidRequest, as LSP requires.
        #expect(m[5]["id"] == 4 && m[5]["error"]?["code"] == -32600 && m[5]["error"]?["message"]?.string?.contains("already") == true, "\(m)")
    }
}
