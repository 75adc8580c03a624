import Diagnostics
import Foundation
import Yams

/// The whole validated brand: facts, claims, disclaimers, voice rules and guardrails.
/// Get one with `BrandLoader.load(directory:)`; Policy and Assembly read it in process.
public struct Brand: Sendable {
    public var facts: BrandFacts
    /// In file order.
    public var claims: [Claim]
    public var disclaimers: [Disclaimer]
    public var voiceRules: [VoiceRule]
    public var vocabulary: [VocabularyTerm]
    public var guardrails: Guardrails
    /// The brand folder it was loaded from.
    public var directory: URL

    public func claim(_ id: String) -> Claim? { claims.first { $0.id == id } }
    public func disclaimer(_ id: String) -> Disclaimer? { disclaimers.first { $0.id == id } }

    /// Claims usable in a context, sorted by id (no full-text search here: use `ContextStore`).
    public func claims(usableIn query: ClaimQuery) -> [Claim] {
        claims.filter { unusable($0, in: query) == nil }.sorted { $0.id < $1.id }
    }

    /// The first reason `claim` cannot be used in `query`'s context, or nil when it can: its own
    /// scope and dates, then whether a claim superseding it is usable there (`ClaimSupersession`).
    public func unusable(_ claim: Claim, in query: ClaimQuery) -> ClaimUnusable? {
        if let own = claim.unusable(in: query, defaultLocale: facts.defaultLocale) { return own }
        return replacement(of: claim, in: query) == nil ? nil : .superseded
    }

    /// The claim that replaces `claim` in `query`'s context (it `supersedes` it and is usable
    /// there), or nil. Only claims naming `claim` in `supersedes` are examined.
    public func replacement(of claim: Claim, in query: ClaimQuery) -> Claim? {
        guard query.on != nil else { return nil }
        let usable = claims.lazy.filter { $0.supersedes == claim.id && $0.unusable(in: query, defaultLocale: facts.defaultLocale) == nil }
        return ClaimSupersession.replacements(among: usable.map { (id: $0.id, supersedes: $0.supersedes) })[claim.id]
            .flatMap(self.claim)
    }

    /// The voice folder (a Vale StylesPath) for the Voice module.
    public var voiceDirectory: URL { directory.appendingPathComponent("voice") }
}

/// What loading a brand folder produced: the brand when there were no errors, and every
/// diagnostic (errors and warnings) sorted by place.
public struct BrandLoadResult: Sendable {
    public var brand: Brand?
    public var diagnostics: [Diagnostic]
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Loads and validates `brand/`. Never throws, never stops at the first problem.
public enum BrandLoader {
    /// The files a brand folder holds, relative to it.
    public static let requiredFiles = ["brand.yaml", "claims.yaml", "guardrails.yaml"]

    /// - Parameter displayPrefix: how paths are shown in messages (default: the folder as given,
    ///   e.g. `brand` so errors read `brand/claims.yaml:12:5`).
    /// - Parameter unsaved: text to read in place of a file, by name (`claims.yaml`): an editor's
    ///   buffer that is not saved yet (`tessera lsp`).
    public static func load(directory: URL, displayPrefix: String? = nil, unsaved: [String: String] = [:]) -> BrandLoadResult {
        let prefix = displayPrefix ?? directory.relativePathForDisplay
        let sink = DiagnosticSink()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
            sink.error(
                SourceLocation(file: prefix, line: 1, column: 1),
                "brand folder not found: expected a folder with brand.yaml, claims.yaml, guardrails.yaml and voice/")
            return BrandLoadResult(brand: nil, diagnostics: sink.sorted)
        }
        func compose(_ name: String) -> (YAMLSource, Yams.Node?) {
            let url = directory.appendingPathComponent(name)
            let display = "\(prefix)/\(name)"
            if let text = unsaved[name] { return YAMLSource.compose(text: text, displayPath: display, sink: sink) }
            guard FileManager.default.fileExists(atPath: url.path) else {
                sink.error(
                    SourceLocation(file: display, line: 1, column: 1),
                    "missing file: a brand folder needs \(requiredFiles.joined(separator: ", ")) and voice/")
                return (YAMLSource(displayPath: display, sink: sink), nil)
            }
            return YAMLSource.compose(url: url, displayPath: display, sink: sink)
        }
        let (brandSource, brandNode) = compose("brand.yaml")
        let facts = brandNode.flatMap { BrandFileLoader.load($0, source: brandSource) }
        let (claimsSource, claimsNode) = compose("claims.yaml")
        let (claims, disclaimers) = claimsNode.map { ClaimsLoader.load($0, source: claimsSource, brand: facts) } ?? ([], [])
        let (guardSource, guardNode) = compose("guardrails.yaml")
        let guardrails = guardNode.flatMap { GuardrailsLoader.load($0, source: guardSource, brand: facts) }
        let voiceURL = directory.appendingPathComponent("voice")
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: voiceURL.path, isDirectory: &isDir) || !isDir.boolValue {
            sink.error(SourceLocation(file: "\(prefix)/voice", line: 1, column: 1), "missing voice/ folder (Vale-style rules)")
        }
        let (rules, vocabulary) = VoiceFolderLoader.load(voiceURL, displayPrefix: "\(prefix)/voice", sink: sink)
        reportEmpty([(brandNode, brandSource), (claimsNode, claimsSource), (guardNode, guardSource)], sink: sink)
        guard !sink.hasErrors, let facts, let guardrails else {
            return BrandLoadResult(brand: nil, diagnostics: sink.sorted)
        }
        let brand = Brand(
            facts: facts, claims: claims, disclaimers: disclaimers, voiceRules: rules,
            vocabulary: vocabulary, guardrails: guardrails, directory: directory)
        return BrandLoadResult(brand: brand, diagnostics: sink.sorted)
    }

    private static func reportEmpty(_ files: [(Yams.Node?, YAMLSource)], sink: DiagnosticSink) {
        for (node, source) in files where node == nil {
            if !sink.items.contains(where: { $0.location.file == source.displayPath && $0.severity == .error }) {
                sink.error(source.start, "empty file: expected a YAML mapping")
            }
        }
    }
}

extension URL {
    /// The path relative to the current directory when it is inside it, else the full path.
    var relativePathForDisplay: String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = standardizedFileURL.path
        if path == cwd { return "." }
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}
