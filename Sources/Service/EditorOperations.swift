import BrandContext
import Catalog
import Diagnostics
import Foundation
import Liquid
import Policy

/// What an editor asks about a file while it is being written (`tessera lsp`): its problems as
/// typed (unsaved text, never read from disk), the claims a block may insert, and what the brand
/// knows about a data path. Answers are plain values; the transport turns them into its protocol.
extension Project {
    /// The rule id of a compile error (front matter, Liquid, MJML, cross-checks) reported as a finding.
    package static let compileRule = "catalog.compile"
    /// The rule id of a brand validation error or warning (`brand/*.yaml`).
    package static let brandRule = "brand.schema"

    /// Every lint finding of a template, partial or block with `file.source` in place of its file,
    /// and, when the text does not compile, each compile error as a finding at its own place
    /// (rule `catalog.compile`), so an editor can underline it instead of failing the request.
    package func problems(in file: ProposedFile, now: CalendarDate? = nil) throws(ServiceError) -> [Finding] {
        let path = try file.checkedPath()
        let report = Linter.run(proposed: path, source: file.source, rules: lintRules, catalog: catalog, now: now ?? CalendarDate.todayUTC)
        return report.findings + report.setupErrors.map { Self.finding(diagnosticLine: $0, rule: Self.compileRule, otherwise: path) }
    }

    /// The errors and warnings of one brand file (`brand.yaml`, `claims.yaml` or
    /// `guardrails.yaml`, named without the folder) with `text` in place of the file on disk, as
    /// `tessera context build` would report them; the other brand files are read from disk.
    /// Needs no loaded project: a brand that does not load is what it reports.
    package static func brandProblems(root: URL, file name: String, text: String) throws(ServiceError) -> [Finding] {
        guard BrandLoader.requiredFiles.contains(name) else {
            throw ServiceError(
                .unprocessable, "brand.path", "expected one of \(BrandLoader.requiredFiles.joined(separator: ", ")); found '\(name)'",
                location: "path")
        }
        let result = BrandLoader.load(directory: root.appendingPathComponent("brand"), displayPrefix: "brand", unsaved: [name: text])
        return result.diagnostics.map { d in
            Finding(
                file: d.location.file, line: d.location.line, column: d.location.column, rule: Self.brandRule,
                severity: d.severity, message: d.message)
        }
    }

    /// A `file:line:col: severity: message` line as a finding; a line without a place is put at
    /// the start of `otherwise` (the file being checked).
    package static func finding(diagnosticLine line: String, rule: String, otherwise file: String) -> Finding {
        let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, let l = Int(parts[1]), let c = Int(parts[2]) else {
            return Finding(file: file, line: 1, column: 1, rule: rule, severity: .error, message: line)
        }
        let severity: Diagnostic.Severity = parts[3].trimmingCharacters(in: .whitespaces) == "warning" ? .warning : .error
        return Finding(file: parts[0], line: l, column: c, rule: rule, severity: severity, message: parts[4].trimmingCharacters(in: .whitespaces))
    }

    // MARK: Claims a block may insert

    /// The block a file defines: compiled from `file` when its text compiles, else from its
    /// front matter alone (an editor's text is often half-typed: `{% claim "fr` does not
    /// parse, but the slot, tags and locales above it do), else the loaded catalog's block of
    /// that path, else nil.
    package func block(in file: ProposedFile) -> BlockDefinition? {
        guard let path = try? file.checkedPath() else { return nil }
        let environment = ContentEnvironment.make(brand: brand, checkClaims: false)
        for source in [file.source, Self.frontMatterOnly(file.source)].compactMap({ $0 }) {
            if let compiled = catalog.replacing(path, source: source, brand: brand, environment: environment, checkClaims: false).catalog,
                let block = compiled.blocks.first(where: { $0.file == path })
            {
                return block
            }
        }
        return catalog.blocks.first { $0.file == path }
    }

    /// The text up to and including the closing `---` of its front matter (nil without one).
    static func frontMatterOnly(_ source: String) -> String? {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" })
        else { return nil }
        lines.removeSubrange((close + 1)...)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Claims usable on `day` (today by default) in every market, channel and locale a block
    /// runs in: its markets are those of its locales (all without locales), its channels those
    /// of the templates that can place it. Without a block: every claim valid on that day.
    package func claimsUsable(in block: BlockDefinition?, on day: CalendarDate? = nil) -> [Claim] {
        let on = day ?? CalendarDate.todayUTC
        guard let block else { return brand.claims(usableIn: ClaimQuery(on: on)) }
        let markets: [String?] =
            block.locales.isEmpty
            ? [nil]
            : brand.facts.markets.filter { $0.locales.contains(where: block.locales.contains) }.map(\.id)
        let channels: [String?] = {
            let placing = Set(
                catalog.templates.filter { t in t.slots.contains { catalog.candidates(for: $0).contains { $0.id == block.id } } }.map(\.channel))
            return placing.isEmpty ? [nil] : placing.sorted()
        }()
        let locales: [String?] = block.locales.isEmpty ? [nil] : block.locales
        var usable: Set<String>?
        for m in markets {
            for c in channels {
                for l in locales {
                    let ids = Set(brand.claims(usableIn: ClaimQuery(market: m, channel: c, locale: l, on: on)).map(\.id))
                    usable = usable.map { $0.intersection(ids) } ?? ids
                }
            }
        }
        return brand.claims.filter { usable?.contains($0.id) ?? false }.sorted { $0.id < $1.id }
    }

    // MARK: Data paths

    /// What the brand knows about a recipient data path (`recipient.profile.city`): its signal
    /// class (guardrails.yaml) and a value from the first sample recipient that has one.
    package func dataPathFacts(_ path: String) -> DataPathFacts {
        var facts = DataPathFacts(path: path, signalClass: brand.guardrails.signalClass(forPath: path))
        let segments = Array(DataPaths.segments(path).drop { $0 == "recipient" })
        guard !segments.isEmpty else { return facts }
        for record in sampleRecipients().records {
            if let v = DataPaths.value(at: segments, in: record.value), !v.isNothing {
                facts.sample = DataPaths.preview(v)
                facts.sampleRecipient = record.id
                break
            }
        }
        return facts
    }

    /// Data paths a template may read: those the guardrails list (without wildcards) and those
    /// the sample recipients have, to `DataPaths.maxDepth` levels, sorted and without repeats.
    package func dataPaths() -> [String] {
        var paths = Set(brand.guardrails.signals.map(\.path).filter { !$0.contains("*") })
        for record in sampleRecipients().records.prefix(DataPaths.maxSampleRecords) {
            DataPaths.collect(record.value, prefix: "recipient", depth: 0, into: &paths)
        }
        return paths.sorted()
    }
}

/// A data path's signal class and a sample value (`Project.dataPathFacts`).
package struct DataPathFacts: Sendable {
    package var path: String
    package var signalClass: SignalClass?
    /// The value as compact JSON, cut at `DataPaths.maxPreviewCharacters`.
    package var sample: String?
    /// The sample recipient the value is from.
    package var sampleRecipient: String?
}

/// Walking recipient values by data path.
enum DataPaths {
    /// Levels below `recipient` that completion lists (`recipient.profile.city` is 2).
    static let maxDepth = 3
    /// Sample recipients read for path names (the sample is uniform; a few hundred is plenty).
    static let maxSampleRecords = 200
    static let maxPreviewCharacters = 160

    /// `recipient.events[0].sku` -> recipient, events, 0, sku.
    static func segments(_ path: String) -> [String] {
        path.split(whereSeparator: { ".[]\"'".contains($0) }).map(String.init)
    }

    static func value(at segments: some Collection<String>, in root: Value) -> Value? {
        var current = root
        for s in segments {
            switch current {
            case .object(let o):
                guard let next = o[s] else { return nil }
                current = next
            case .array(let items):
                guard let i = Int(s), items.indices.contains(i) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }

    static func collect(_ value: Value, prefix: String, depth: Int, into paths: inout Set<String>) {
        guard depth < maxDepth, case .object(let o) = value else { return }
        for (key, child) in o.pairs where key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            let path = prefix + "." + key
            paths.insert(path)
            collect(child, prefix: path, depth: depth + 1, into: &paths)
        }
    }

    /// Compact JSON of a value, cut to a preview.
    static func preview(_ v: Value) -> String {
        let text = JSONText.compact(json(v))
        return text.count > maxPreviewCharacters ? String(text.prefix(maxPreviewCharacters)) + "…" : text
    }

    static func json(_ v: Value) -> JSONText {
        switch v {
        case .null, .empty, .blank, .drop: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .number(String(d))
        case .string(let s): .string(s)
        case .array(let items): .array(items.map(json))
        case .object(let o): .object(o.pairs.map { ($0.0, json($0.1)) })
        case .range(let a, let b): .string("\(a)..\(b)")
        }
    }
}

extension Value {
    /// Null, or a value with nothing to show.
    var isNothing: Bool {
        switch self {
        case .null, .empty, .blank: true
        case .string(let s): s.isEmpty
        default: false
        }
    }
}
