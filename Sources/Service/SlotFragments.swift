import Assembly
import Catalog
import Foundation
import Liquid
import MJML

/// The HTML of single slots, for a web page that places Tessera's blocks in a page of its own
/// (`slots=hero,promo`). Each slot is rendered as its own MJML document: the template's text up
/// to its `<mj-body …>` tag (brand head, classes, fonts, body width) around the slot's chosen
/// blocks, filled with the data the whole message was filled with. The fragment is that
/// document's `<style>` elements (its responsive rules) followed by the contents of its body.
extension Project {
    func slotFragments(_ names: [String], of r: RenderedRecipient, record: RecipientRecord) throws(ServiceError) -> [(name: String, html: String)] {
        guard r.status == .rendered, let templateID = r.template, let template = catalog.template(templateID) else {
            return names.map { ($0, "") }
        }
        for name in names where template.slot(name) == nil {
            throw ServiceError(
                .badRequest, "slot.unknown",
                "template '\(templateID)' has no slot '\(name)' (slots: \(template.slots.map(\.name).joined(separator: ", ")))", location: "slots")
        }
        let recipient = r.personalized ? record.value : Assembler.withoutPersonalData(record.value)
        let data: Value = .object(
            LiquidObject([
                ("recipient", recipient), ("template", ["id": .string(template.id), "channel": .string(template.channel)]),
                ("subject", .string(r.subject)), ("preheader", .string(r.preheader)),
            ]))
        let chosen = r.blocks.compactMap { catalog.block($0) }
        var fragments: [(name: String, html: String)] = []
        for name in names {
            let blocks = chosen.filter { $0.slot == name }
            guard !blocks.isEmpty else { fragments.append((name, "")); continue }
            var mjml: [UInt8] = []
            do {
                let document = try slotDocuments.document(template, blocks, catalog: catalog)
                try document.render(data, into: &mjml, registers: [ClaimState.register: ClaimState(locale: record.string("locale"))])
            } catch {
                throw ServiceError(.unprocessable, "slot.render", "slot '\(name)' of '\(templateID)': \(error)")
            }
            let html = MJML.render(MJML.parse(bytes: mjml, options: MJMLParseOptions(validation: .skip)))
            fragments.append((name, HTMLFragment.stylesAndBody(html)))
        }
        return fragments
    }
}

/// Compiled slot documents by template and blocks (a page asks for the same few again and again).
final class SlotDocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [String: Template] = [:]
    /// Distinct slot documents kept; past it the cache starts over (each is one Liquid parse).
    let limit = 512

    func document(_ template: TemplateDefinition, _ blocks: [BlockDefinition], catalog: Catalog) throws -> Template {
        let key = ([template.id] + blocks.map(\.id)).joined(separator: "\u{1F}")
        lock.lock()
        let known = documents[key]
        lock.unlock()
        if let known { return known }
        let compiled = try catalog.environment.parse(
            Self.source(template, blocks), name: "\(template.file) slot \(blocks.map(\.id).joined(separator: ", "))")
        lock.lock()
        if documents.count >= limit { documents.removeAll() }
        documents[key] = compiled
        lock.unlock()
        return compiled
    }

    /// The template's text through its `<mj-body …>` tag, the blocks, and the closing tags.
    static func source(_ template: TemplateDefinition, _ blocks: [BlockDefinition]) -> String {
        var head = ""
        for part in template.parts {
            guard case .text(let t) = part else { break }
            head += t
        }
        if let open = head.range(of: "<mj-body"), let close = head[open.upperBound...].firstIndex(of: ">") {
            head = String(head[...close])
        } else {
            head = "<mjml><mj-body>"
        }
        return head + "\n" + blocks.map(\.bodySource).joined(separator: "\n") + "\n</mj-body>\n</mjml>\n"
    }
}

/// Cuts a rendered HTML document down to what can be placed inside another page.
enum HTMLFragment {
    static func stylesAndBody(_ html: String) -> String {
        let bodyStart = html.range(of: "<body")
        let head = bodyStart.map { html[..<$0.lowerBound] } ?? Substring(html)
        var styles = ""
        var rest = head[...]
        while let open = rest.range(of: "<style"), let close = rest[open.lowerBound...].range(of: "</style>") {
            styles += rest[open.lowerBound..<close.upperBound] + "\n"
            rest = rest[close.upperBound...]
        }
        guard let bodyStart, let tagEnd = html[bodyStart.upperBound...].firstIndex(of: ">") else { return styles + html }
        let inner = html[html.index(after: tagEnd)...]
        let body = inner.range(of: "</body>", options: .backwards).map { inner[..<$0.lowerBound] } ?? inner
        return styles + body.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
