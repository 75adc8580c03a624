import Foundation
import FuzzSupport
import Voice

/// Voice's text extraction (MJML, HTML, Markdown, with Liquid and front matter masked) on
/// arbitrary text. Extraction only runs when some rule is enabled, so the linter gets a few
/// literal rules (written once to a fixed temporary style folder, rewritten alike by every run) at the scopes that make it split
/// paragraphs, sentences, headings and the summary; the first byte picks the format.
let linter: VoiceLinter = {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tessera-fuzz-voice")
    let style = root.appendingPathComponent("Fuzz")
    try! FileManager.default.createDirectory(at: style, withIntermediateDirectories: true)
    for scope in ["sentence", "paragraph", "heading", "summary", "text"] {
        let rule = "extends: existence\nmessage: \"'%s' found\"\nlevel: warning\nscope: \(scope)\ntokens:\n  - fuzz\n"
        try! rule.write(to: style.appendingPathComponent("\(scope.capitalized).yml"), atomically: true, encoding: .utf8)
    }
    return try! VoiceLinter(config: VoiceConfig.styles(folder: root))
}()

let formats = ["mjml", "html", "md", "txt"]

func fuzzVoiceText(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let format = formats[Int(first) % formats.count]
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    _ = try? linter.lint(text: text, format: format, path: "fuzz.\(format)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzVoiceText(Fuzz.bytes(data, size))
    return 0
}

#if !FUZZING
@main struct Replay { static func main() { Fuzz.replay(fuzzVoiceText) } }
#endif
