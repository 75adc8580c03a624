import Diagnostics
import Foundation
import Yams

/// A summary of one Vale-style rule in `brand/voice/<Style>/<Rule>.yml`. The Voice module owns
/// the full semantics; BrandContext records what exists and rejects what Vale would reject.
public struct VoiceRule: Sendable, Hashable {
    /// `Style.Rule`, as Vale names it.
    public var id: String
    public var style: String
    public var extends: String
    public var level: String
    public var message: String
    /// Path relative to the brand folder, e.g. `voice/Larchwood/Terms.yml`.
    public var file: String
}

/// A vocabulary term list (`voice/config/vocabularies/<Vocab>/accept.txt|reject.txt`).
public struct VocabularyTerm: Sendable, Hashable {
    public var vocabulary: String
    public var kind: String  // accept | reject
    public var term: String
}

/// Loads the voice folder: every `*.yml` rule under each style directory, and vocabularies.
enum VoiceFolderLoader {
    static func load(_ voice: URL, displayPrefix: String, sink: DiagnosticSink) -> (rules: [VoiceRule], vocabulary: [VocabularyTerm]) {
        let fm = FileManager.default
        guard let top = try? fm.contentsOfDirectory(atPath: voice.path) else { return ([], []) }
        var rules: [VoiceRule] = []
        for style in top.sorted() where style != "config" && !style.hasPrefix(".") {
            let styleURL = voice.appendingPathComponent(style)
            for relative in files(under: styleURL) {
                let display = "\(displayPrefix)/\(style)/\(relative)"
                if relative.hasSuffix(".yaml") {
                    sink.warning(
                        SourceLocation(file: display, line: 1, column: 1),
                        "Vale loads only '.yml' rule files; this '.yaml' file is ignored (rename it to .yml)")
                    continue
                }
                guard relative.hasSuffix(".yml") else { continue }
                let (source, node) = YAMLSource.compose(url: styleURL.appendingPathComponent(relative), displayPath: display, sink: sink)
                guard let node else {
                    if !sink.items.contains(where: { $0.location.file == display }) {
                        sink.error(source.start, "empty rule file: expected a Vale rule mapping")
                    }
                    continue
                }
                let stem = String(relative.split(separator: "/").last!.dropLast(4))
                if let rule = VoiceRuleCheck.check(node, source: source, style: style, stem: stem, file: display) {
                    rules.append(rule)
                }
            }
        }
        return (
            rules, vocabulary(voice.appendingPathComponent("config/vocabularies"), displayPrefix: "\(displayPrefix)/config/vocabularies", sink: sink)
        )
    }

    /// Files under a directory, relative, sorted (deterministic).
    static func files(under url: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: url.path) else { return [] }
        var out: [String] = []
        while let next = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(next).path, isDirectory: &isDir), !isDir.boolValue {
                out.append(next)
            }
        }
        return out.sorted()
    }

    private static func vocabulary(_ url: URL, displayPrefix: String, sink: DiagnosticSink) -> [VocabularyTerm] {
        var terms: [VocabularyTerm] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? []
        for name in names where !name.hasPrefix(".") {
            for kind in ["accept", "reject"] {
                let file = url.appendingPathComponent("\(name)/\(kind).txt")
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = raw.trimmingCharacters(in: .whitespaces)
                    if line.isEmpty || line.hasPrefix("# ") || line == "#" { continue }
                    if !RegexSyntax.compiles(line) {
                        sink.error(
                            SourceLocation(file: "\(displayPrefix)/\(name)/\(kind).txt", line: i + 1, column: 1),
                            "vocabulary entry '\(line)' is not a valid regex")
                        continue
                    }
                    terms.append(VocabularyTerm(vocabulary: name, kind: kind, term: line))
                }
            }
        }
        return terms
    }
}
