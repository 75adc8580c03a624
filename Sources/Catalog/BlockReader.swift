import BrandContext
import Diagnostics
import Foundation
import Liquid
import Yams

/// Decodes one block file.
struct BlockReader {
    let file: ContentFile
    var reader: MappingReader { file.reader }

    func read() -> BlockDefinition? {
        let display = file.display, fm = file.fm, diagnostics = file.diagnostics
        let id = file.id()
        let slot = reader.string("slot", required: true)
        let tags = reader.stringOrList("tags") ?? []
        if tags.isEmpty { diagnostics.error(reader.keyLocation("tags"), "a block needs at least one tag ('tags: [hero]')") }
        let priority = reader.int("priority", range: -1_000_000...1_000_000) ?? 0
        let claims = reader.stringOrList("claims") ?? []
        let locales = reader.stringOrList("locales") ?? []
        let suppressions = readSuppressions(reader)
        var whenSource: String?
        var when: Liquid.Predicate?
        var whenFailed = false
        if let v = reader.value("when"), let s = reader.string("when") {
            whenSource = s
            do {
                // Lax: a path the record lacks reads as nil, so the condition is simply false.
                var lax = file.env
                lax.strictVariables = false
                when = try lax.compileCondition(s, name: display)
            } catch let e as LiquidError {
                // The condition sits on the `when:` line; point at the column inside it.
                let at = reader.source.location(v)
                let column = at.column + max(0, e.column - 1) + (Self.quoted(v) ? 1 : 0)
                diagnostics.error(SourceLocation(file: display, line: at.line, column: column), "invalid 'when' condition: \(e.message)")
                whenFailed = true
            } catch { whenFailed = true }
        }
        let marked = file.markedBody()
        let (source, origins) = SourceOrigins.strip(marked)
        // Without includes the body is the file's text: parsed padded, its lines are the file's.
        let body =
            origins.marks.count <= 1
            ? parseLiquid(source, line: fm.bodyLine, env: file.env, file: display, diagnostics: diagnostics)
            : parseLiquid(source, origins: origins, env: file.env, file: display, diagnostics: diagnostics)
        guard let id, let slot, let body, !whenFailed else { return nil }
        var paths = body.analyze().paths
        for p in when?.analyze().paths ?? [] where !paths.contains(p) { paths.append(p) }
        var allClaims = claims
        for c in body.analyze().notes["claims"] ?? [] where !allClaims.contains(c) { allClaims.append(c) }
        return BlockDefinition(
            id: id, slot: slot, tags: tags, when: when, whenSource: whenSource, priority: priority,
            claims: allClaims, locales: locales, body: body, bodySource: source, paths: paths,
            suppressions: suppressions, file: display, bodyLine: fm.bodyLine, markedSource: marked)
    }

    static func quoted(_ node: Yams.Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        return s.style == Yams.Node.Scalar.Style.singleQuoted || s.style == Yams.Node.Scalar.Style.doubleQuoted
    }
}
