import BrandContext
import Diagnostics

/// Checks across files: ids unique, fallbacks exist and fit their slot, every block's slot is
/// declared by some template, claims exist in the brand, block locales are brand locales.
struct CrossCheck {
    let templates: [TemplateDefinition]
    let blocks: [BlockDefinition]
    let brand: Brand
    let diagnostics: DiagnosticSink
    var checkClaims = true

    /// Where a problem with a whole block file is reported: its first line.
    static func top(of file: String) -> SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    func run() {
        let blockIDs = Set(blocks.map(\.id))
        let slotNames = Set(templates.flatMap { $0.slots.map(\.name) })
        let claimIDs = Set(brand.claims.map(\.id))
        let locales = brand.facts.locales.map(\.id)
        for t in templates {
            for s in t.slots {
                guard let f = s.fallback else { continue }
                if let b = blocks.first(where: { $0.id == f }) {
                    if b.slot != s.name {
                        diagnostics.error(s.location, "fallback '\(f)' of slot '\(s.name)' is a block for slot '\(b.slot)'")
                    }
                } else {
                    diagnostics.error(s.location, "fallback block '\(f)' of slot '\(s.name)' does not exist\(Suggest.hint(for: f, in: blockIDs))")
                }
            }
        }
        for t in templates {
            for e in t.experiments {
                for arm in e.arms {
                    for id in arm.blocks {
                        guard let b = blocks.first(where: { $0.id == id }) else {
                            diagnostics.error(
                                e.location,
                                "experiment '\(e.id)': arm '\(arm.name)' allows block '\(id)', which does not exist\(Suggest.hint(for: id, in: blockIDs))"
                            )
                            continue
                        }
                        if b.slot != e.slot {
                            diagnostics.error(
                                e.location,
                                "experiment '\(e.id)': arm '\(arm.name)' allows block '\(id)', a block for slot '\(b.slot)', not '\(e.slot)'")
                        }
                    }
                }
            }
        }
        for b in blocks {
            if !slotNames.contains(b.slot) {
                diagnostics.error(
                    Self.top(of: b.file), "block slot '\(b.slot)' is not declared by any template\(Suggest.hint(for: b.slot, in: slotNames))")
            }
            for c in b.claims where checkClaims && !claimIDs.contains(c) {
                diagnostics.error(Self.top(of: b.file), "unknown claim '\(c)'\(Suggest.hint(for: c, in: claimIDs))")
            }
            for l in b.locales where !locales.contains(l) {
                diagnostics.error(
                    Self.top(of: b.file),
                    "unknown locale '\(l)': expected one of \(locales.joined(separator: ", "))\(Suggest.hint(for: l, in: locales))")
            }
        }
    }
}
