import Foundation

/// caniemail's support data, as converted by `scripts/convert-caniemail.py` (shipped as a
/// resource with its MIT licence): for each detectable CSS/HTML feature, the client platforms
/// whose latest test says "not supported".
struct ClientSupportTable: Sendable {
    struct Feature: Sendable {
        let id: String
        let title: String
        /// family → platforms without support.
        let unsupported: [String: [String]]
    }
    var properties: [String: [Feature]] = [:]
    var declarations: [String: [Feature]] = [:]
    var functions: [String: [Feature]] = [:]
    var elements: [String: [Feature]] = [:]

    static let bundled: ClientSupportTable? = Bundle.module.url(forResource: "caniemail", withExtension: "tsv")
        .flatMap { try? String(contentsOf: $0, encoding: .utf8) }.map(ClientSupportTable.init(tsv:))

    init(tsv: String) {
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 5 else { continue }
            var unsupported: [String: [String]] = [:]
            for pair in f[4].split(separator: ",") {
                let parts = pair.split(separator: "/", maxSplits: 1).map(String.init)
                if parts.count == 2 { unsupported[parts[0], default: []].append(parts[1]) }
            }
            guard !unsupported.isEmpty else { continue }
            let feature = Feature(id: f[0], title: f[3], unsupported: unsupported)
            switch f[1] {
            case "property": properties[f[2], default: []].append(feature)
            case "declaration": declarations[f[2], default: []].append(feature)
            case "function": functions[f[2], default: []].append(feature)
            case "element": elements[f[2], default: []].append(feature)
            default: continue
            }
        }
    }
}

/// `email.client-support`: CSS written in the template's own styles (style attributes,
/// `<mj-style>`) and raw HTML elements that one of the brand's `target_clients` does not support.
/// MJML components' own attributes are not judged: MJML renders them with client fallbacks.
struct ClientSupportRule: LintRule {
    let ids = ["email.client-support"]
    static let declaration = CompiledRegex(#"(?<![\w-])([a-z-]+)\s*:\s*([^;"'}]+)"#, caseInsensitive: true)

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        guard let table = context.support else { return [] }
        let clients = context.brand.facts.targetClients
        guard !clients.isEmpty else { return [] }
        var out: [Finding] = []
        func report(_ features: [ClientSupportTable.Feature], at offset: Int, _ what: String) {
            for f in features {
                let lacking = clients.filter { f.unsupported[$0] != nil }
                guard !lacking.isEmpty else { continue }
                let detail = lacking.map { "\($0) (\(f.unsupported[$0]!.joined(separator: ", ")))" }.joined(separator: "; ")
                out.append(file.finding("email.client-support", .warning, at: offset, "\(what) is not supported by \(detail) (caniemail: \(f.id))"))
            }
        }
        var css: [(String, Int)] = []
        for tag in file.tags {
            if let s = tag.attribute("style") { css.append((s.value, s.valueOffset)) }
            let type = tag.attribute("type").map { "[type=\($0.value.lowercased())]" } ?? ""
            report(table.elements[tag.name + type] ?? table.elements[tag.name] ?? [], at: tag.offset, "<\(tag.name)>")
        }
        let ns = file.source.masked as NSString
        for m in BrandRules.styleBlock.matches(
            file.source.masked, in: NSRange(location: file.source.bodyStart, length: ns.length - file.source.bodyStart))
        {
            css.append((ns.substring(with: m.range(at: 2)), m.range(at: 2).location))
        }
        for (text, offset) in css {
            let t = text as NSString
            for m in Self.declaration.matches(text) {
                let property = t.substring(with: m.range(at: 1)).lowercased()
                let value = t.substring(with: m.range(at: 2)).trimmingCharacters(in: .whitespaces).lowercased()
                let at = offset + m.range(at: 1).location
                report(table.properties[property] ?? [], at: at, "'\(property)'")
                let first = value.split(separator: " ").first.map(String.init) ?? value
                report(table.declarations["\(property):\(first)"] ?? [], at: at, "'\(property): \(first)'")
                for (name, features) in table.functions where value.contains(name + "(") {
                    report(features, at: at, "'\(name)()'")
                }
            }
        }
        return out
    }
}
