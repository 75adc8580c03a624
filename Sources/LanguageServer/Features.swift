import BrandContext
import Catalog
import Foundation
import Policy
import Service

/// Hover, completion, go to definition and code actions on one document, answered from the
/// loaded project (Service). Each returns the LSP result as JSON (null when there is nothing).
struct Features {
    let project: Project
    let document: OpenDocument
    /// The day claims are judged on (nil: today), as for the diagnostics.
    var now: CalendarDate?

    var syntax: Syntax { Syntax(lines: document.lines) }
    var proposed: ProposedFile? { document.path.map { ProposedFile(path: $0, source: document.text) } }

    // MARK: Hover

    func hover(at p: Position) -> JSON {
        let s = syntax
        if let id = s.claimID(at: p) ?? s.frontMatterClaimID(at: p), let claim = try? project.claim(id: id.text) {
            return Self.hover(Self.describe(claim), id.range)
        }
        if let path = s.dataPath(at: p) {
            let trimmed = path.text.hasSuffix(".") ? String(path.text.dropLast()) : path.text
            return Self.hover(Self.describe(project.dataPathFacts(trimmed)), path.range)
        }
        if let word = s.word(at: p), let block = project.catalog.blocks.first(where: { $0.id == word.text }) {
            return Self.hover(Self.describe(block), word.range)
        }
        return .null
    }

    static func hover(_ markdown: String, _ range: TextRange) -> JSON {
        ["contents": ["kind": "markdown", "value": .string(markdown)], "range": range.json]
    }

    static func describe(_ c: UsableClaim) -> String {
        var out = "**claim `\(c.id)`**: \(c.text)\n\n"
        out += "valid from \(c.validFrom)" + (c.validUntil.map { " until \($0)" } ?? ", open-ended") + "\n\n"
        out += "markets: \(c.markets.isEmpty ? "every market" : c.markets.joined(separator: ", "))"
        out += "; channels: \(c.channels.isEmpty ? "every channel" : c.channels.joined(separator: ", "))\n\n"
        if c.disclaimers.isEmpty {
            out += "no disclaimers"
        } else {
            out += "disclaimers:\n" + c.disclaimers.map { "- `\($0.id)`: \($0.text)" }.joined(separator: "\n")
        }
        return out
    }

    static func describe(_ f: DataPathFacts) -> String {
        var out = "**data path `\(f.path)`**\n\n"
        if let c = f.signalClass {
            out += "signal class `\(c.id)`: sensitivity \(c.sensitivity.rawValue)"
            out += c.personal ? ", personal" : ", not personal"
            out += c.verbatim ? "" : ", never printed as-is"
            if let d = c.description { out += "\n\n\(d)" }
        } else {
            out += "no signal class in guardrails.yaml"
        }
        if let sample = f.sample {
            out += "\n\nsample: `\(sample)`" + (f.sampleRecipient.map { " (recipient \($0))" } ?? "")
        } else {
            out += "\n\nno sample recipient has a value here"
        }
        return out
    }

    static func describe(_ b: BlockDefinition) -> String {
        var out = "**block `\(b.id)`** (\(b.file))\n\nslot `\(b.slot)`; tags: \(b.tags.joined(separator: ", ")); priority \(b.priority)"
        out += "\n\nwhen: " + (b.whenSource.map { "`\($0)`" } ?? "always")
        if !b.claims.isEmpty { out += "\n\nclaims: \(b.claims.joined(separator: ", "))" }
        if !b.locales.isEmpty { out += "\n\nlocales: \(b.locales.joined(separator: ", "))" }
        return out
    }

    // MARK: Completion

    func completion(at p: Position) -> JSON {
        let s = syntax
        if let id = s.claimID(at: p) {
            return Self.list(claimItems(replacing: id.range))
        }
        if let key = s.frontMatterKey(at: p) {
            let word = s.word(at: p)
            let range = word?.range ?? TextRange(p, p)
            switch key {
            case "slot": return Self.list(slotNames().map { Self.item($0, kind: 12, detail: "slot", range: range) })
            case "tags": return Self.list(tagNames().map { Self.item($0, kind: 12, detail: "tag", range: range) })
            case "claims": return Self.list(claimItems(replacing: range))
            case "when": break
            default: return Self.list([])
            }
        }
        if let path = s.dataPath(at: p) {
            // What is typed up to the cursor; the whole path is replaced by the choice.
            let typed = String(decoding: path.text.utf16.prefix(p.character - path.range.start.character), as: UTF16.self)
            return Self.list(
                project.dataPaths().filter { $0.hasPrefix(typed) && $0 != typed }.map { dataPath in
                    Self.item(
                        dataPath, kind: 10,
                        detail: project.brand.guardrails.signalClass(forPath: dataPath).map { "signal class \($0.id)" } ?? "data path",
                        range: path.range)
                })
        }
        switch Self.liquidContext(document.lines.line(p.line), upTo: p.character) {
        case .filter(let typed):
            let range = TextRange(Position(line: p.line, character: p.character - typed.utf16.count), p)
            return Self.list(
                project.catalog.environment.filters.keys.sorted().filter { $0.hasPrefix(typed) }.map {
                    Self.item($0, kind: 3, detail: "Liquid filter", range: range)
                })
        case .tag(let typed):
            let range = TextRange(Position(line: p.line, character: p.character - typed.utf16.count), p)
            return Self.list(
                project.catalog.environment.tags.keys.sorted().filter { $0.hasPrefix(typed) }.map {
                    Self.item($0, kind: 14, detail: "Liquid tag", range: range)
                })
        case .output(let typed):
            let range = TextRange(Position(line: p.line, character: p.character - typed.utf16.count), p)
            return Self.list(project.dataPaths().filter { $0.hasPrefix(typed) }.map { Self.item($0, kind: 10, detail: "data path", range: range) })
        case nil:
            return Self.list([])
        }
    }

    /// Claims usable for this document's block today (every valid claim for a template or partial).
    func claimItems(replacing range: TextRange) -> [JSON] {
        let block = document.kind == .block ? proposed.flatMap(project.block(in:)) : nil
        return project.claimsUsable(in: block, on: now).map { c in
            var item = Self.item(c.id, kind: 21, detail: c.text, range: range)
            if case .object(var o) = item {
                let fine = c.disclaimers.isEmpty ? "no disclaimers" : "disclaimers: " + c.disclaimers.joined(separator: ", ")
                o["documentation"] = .string("\(c.text)\n\n\(fine)")
                item = .object(o)
            }
            return item
        }
    }

    func slotNames() -> [String] {
        Array(Set(project.catalog.templates.flatMap { $0.slots.map(\.name) })).sorted()
    }

    /// Tags that some template's slot accepts, and those blocks already use.
    func tagNames() -> [String] {
        let accepted = project.catalog.templates.flatMap { $0.slots.flatMap(\.accepts) }
        return Array(Set(accepted + project.catalog.blocks.flatMap(\.tags))).sorted()
    }

    static func item(_ label: String, kind: Int, detail: String, range: TextRange) -> JSON {
        [
            "label": .string(label), "kind": .int(kind), "detail": .string(detail),
            "textEdit": ["range": range.json, "newText": .string(label)],
        ]
    }

    static func list(_ items: [JSON]) -> JSON { ["isIncomplete": false, "items": .array(items)] }

    enum LiquidContext: Equatable {
        /// After `|` in `{{ … }}`: the filter name typed so far.
        case filter(String)
        /// Right after `{%`: the tag name typed so far.
        case tag(String)
        /// Right after `{{`: the variable typed so far.
        case output(String)
    }

    /// Where the cursor is in Liquid markup on its line, from the text before it.
    static func liquidContext(_ line: String, upTo character: Int) -> LiquidContext? {
        let before = String(decoding: line.utf16.prefix(character), as: UTF16.self)
        let open: Range<String.Index>, isOutput: Bool
        switch (before.range(of: "{{", options: .backwards), before.range(of: "{%", options: .backwards)) {
        case (nil, nil): return nil
        case (let o?, nil): (open, isOutput) = (o, true)
        case (nil, let t?): (open, isOutput) = (t, false)
        case (let o?, let t?): (open, isOutput) = o.lowerBound > t.lowerBound ? (o, true) : (t, false)
        }
        let inside = before[open.upperBound...]
        if inside.contains("}}") || inside.contains("%}") { return nil }
        let name = String(inside.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let rest = inside.dropLast(name.count).trimmingCharacters(in: .whitespaces)
        if isOutput {
            if rest.hasSuffix("|") { return .filter(name) }
            if rest.isEmpty || rest == "-" { return .output(name) }
            return nil
        }
        if rest.isEmpty || rest == "-" { return .tag(name) }
        if rest.hasSuffix("|") { return .filter(name) }
        return nil
    }

    // MARK: Go to definition

    func definition(at p: Position) -> JSON {
        let s = syntax
        if let include = s.includePath(at: p), let path = document.path {
            let folder = project.root.appendingPathComponent(path).deletingLastPathComponent()
            let target = folder.appendingPathComponent(include.text).standardizedFileURL
            guard FileManager.default.fileExists(atPath: target.path) else { return .null }
            return Self.location(target, at: Position(line: 0, character: 0))
        }
        if let name = s.liquidPartial(at: p), let path = document.path {
            guard let target = liquidPartial(name.text, from: path) else { return .null }
            return Self.location(target, at: Position(line: 0, character: 0))
        }
        if let id = s.claimID(at: p) ?? s.frontMatterClaimID(at: p), let claim = project.brand.claim(id.text) {
            let file = project.root.appendingPathComponent(claim.location.file)
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            return Self.location(file, at: LineIndex(text).position(line: claim.location.line, column: claim.location.column))
        }
        if let word = s.word(at: p), let block = project.catalog.blocks.first(where: { $0.id == word.text }) {
            return Self.location(project.root.appendingPathComponent(block.file), at: Position(line: 0, character: 0))
        }
        return .null
    }

    /// The file a Liquid `render`/`include` of `name` reads: as Liquid's `FileSystemLoader`
    /// looks (`name`, `name.liquid`, `_name.liquid`, and here `name.mjml`), in the document's
    /// folder, then in `templates/`. Nil when none exists or the name climbs out (`..`).
    func liquidPartial(_ name: String, from path: String) -> URL? {
        guard !name.isEmpty, !name.contains("..") else { return nil }
        let folders = [project.root.appendingPathComponent(path).deletingLastPathComponent(), project.root.appendingPathComponent("templates")]
        for folder in folders {
            for candidate in [name, name + ".liquid", "_" + name + ".liquid", name + ".mjml"] {
                let url = folder.appendingPathComponent(candidate).standardizedFileURL
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
            }
        }
        return nil
    }

    static func location(_ file: URL, at p: Position) -> JSON {
        ["uri": .string(DocumentURI.uri(file.path)), "range": TextRange(p, p).json]
    }

    // MARK: Code actions

    /// Quick fixes for the published diagnostics that touch `range`: each replacement a voice
    /// substitution suggests, and a suppression of the rule with a reason in the front matter.
    func codeActions(for range: TextRange, diagnostics: [PublishedDiagnostic]) -> JSON {
        var actions: [JSON] = []
        for d in diagnostics where d.range.touches(range) {
            for (i, replacement) in (d.finding.replacements ?? []).enumerated() {
                actions.append(
                    Self.action(
                        "Replace with '\(replacement)'", edits: [Self.edit(d.range, replacement)], uri: document.uri, fixes: d, preferred: i == 0))
            }
            if let edit = suppression(of: d.finding.rule) {
                actions.append(
                    Self.action(
                        "Suppress \(d.finding.rule) in this file (give the reason)", edits: [edit], uri: document.uri, fixes: d, preferred: false))
            }
        }
        return .array(actions)
    }

    /// The reason written by a suppression action; the author replaces it with the real one.
    static let suppressionReason = "TODO: say why this finding is acceptable here"

    /// A front-matter edit that suppresses `rule` (templates and blocks; partials have no front
    /// matter). Nil when the rule is already suppressed or `suppress:` is written inline.
    func suppression(of rule: String) -> JSON? {
        guard document.kind == .template || document.kind == .block, rule != Project.compileRule,
            let fences = syntax.frontMatterFences
        else { return nil }
        let entry = "  \(rule): \"\(Self.suppressionReason)\"\n"
        if let line = syntax.frontMatterLine(of: "suppress") {
            let value = document.lines.line(line).dropFirst("suppress:".count).trimmingCharacters(in: .whitespaces)
            guard value.isEmpty || value == "{}" else { return nil }
            if (line + 1..<fences.close).contains(where: { document.lines.line($0).trimmingCharacters(in: .whitespaces).hasPrefix(rule + ":") }) {
                return nil
            }
            if value == "{}" {
                let whole = TextRange(Position(line: line, character: 0), Position(line: line + 1, character: 0))
                return Self.edit(whole, "suppress:\n" + entry)
            }
            let at = Position(line: line + 1, character: 0)
            return Self.edit(TextRange(at, at), entry)
        }
        let at = Position(line: fences.close, character: 0)
        return Self.edit(TextRange(at, at), "suppress:\n" + entry)
    }

    static func edit(_ range: TextRange, _ text: String) -> JSON { ["range": range.json, "newText": .string(text)] }

    static func action(_ title: String, edits: [JSON], uri: String, fixes d: PublishedDiagnostic, preferred: Bool) -> JSON {
        [
            "title": .string(title), "kind": "quickfix", "isPreferred": .bool(preferred), "diagnostics": [d.json],
            "edit": ["changes": .object([uri: .array(edits)])],
        ]
    }
}

/// A diagnostic as published: the finding and its range in the document's current text.
struct PublishedDiagnostic: Sendable {
    var finding: Finding
    var range: TextRange

    var json: JSON {
        let severity =
            switch finding.severity {
            case .error: 1
            case .warning: 2
            case .info: 3
            }
        var o: [String: JSON] = [
            "range": range.json, "severity": .int(severity), "code": .string(finding.rule),
            "source": "tessera", "message": .string(finding.message),
        ]
        if let r = finding.replacements { o["data"] = ["replacements": .array(r.map(JSON.string))] }
        return .object(o)
    }
}
