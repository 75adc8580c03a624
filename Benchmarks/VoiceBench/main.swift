// VoiceBench: lints 1,000 generated MJML blocks against 150 generated Vale-style rules on one
// core (release build) and prints the median wall time of several runs.
// Usage: VoiceBench [iterations] [--write DIR] [--markdown]   (--write also saves the styles, a
// .vale.ini and the blocks, so the reference `vale` can lint the same input: see
// scripts/voice-bench.sh; --markdown lints 1,000 Markdown documents of the same prose instead,
// dense in emphasis, links, code spans and entities, for the Markdown parser's figure)
import Foundation
import Voice

let args = CommandLine.arguments
let iterations = args.count > 1 ? Int(args[1]) ?? 7 : 7
let writeDir = args.firstIndex(of: "--write").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
let markdown = args.contains("--markdown")
let words = [
    "simply", "very", "really", "utilize", "leverage", "synergy", "basically", "actually", "just", "obviously",
    "customer", "offer", "today", "exclusive", "members", "season", "collection", "discount", "shipping", "order",
    "click", "here", "learn", "more", "free", "limited", "time", "save", "new", "arrivals", "gift", "card",
]

/// A styles folder with 150 rules of the common types.
func makeStyles(at root: URL) throws {
    let dir = root.appendingPathComponent("Bench")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var n = 0
    func write(_ yaml: String) throws {
        try yaml.write(to: dir.appendingPathComponent("Rule\(n).yml"), atomically: true, encoding: .utf8); n += 1
    }
    for i in 0..<90 {
        let toks = (0..<8).map { "\(words[(i + $0 * 7) % words.count])\(i)" } + (i < 10 ? [words[i % words.count]] : ["\(words[i % words.count])ly"])
        try write(
            "extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\nlevel: warning\ntokens:\n"
                + toks.map { "  - \($0)" }.joined(separator: "\n") + "\n")
    }
    for i in 0..<30 {
        let pairs = (0..<6).map { "  \(words[(i + $0) % words.count])\($0 == 0 && i < 5 ? "" : "x\(i)"): better\($0)" }
        try write("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: suggestion\nswap:\n" + pairs.joined(separator: "\n") + "\n")
    }
    for i in 0..<10 {
        try write("extends: occurrence\nmessage: \"Too many commas (%d).\"\nscope: sentence\nmax: \(3 + i)\ntoken: ','\n")
    }
    for _ in 0..<5 {
        try write("extends: repetition\nmessage: \"'%s' is repeated!\"\nalpha: true\ntokens:\n  - '[^\\s]+'\n")
    }
    for _ in 0..<5 {
        try write("extends: capitalization\nmessage: \"'%s' should be in sentence case\"\nscope: heading\nmatch: $sentence\n")
    }
    for i in 0..<5 {
        try write(
            "extends: conditional\nmessage: \"'%s' has no definition.\"\nfirst: '\\b([A-Z]{3,\(4 + i)})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n"
        )
    }
    for _ in 0..<5 {
        try write("extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\nlevel: error\neither:\n  color: colour\n  center: centre\n")
    }
}

/// Sentence `k` of block `i`: twelve of the words, capitalized, with a full stop.
func prose(_ i: Int, _ k: Int) -> String {
    let s = (0..<12).map { words[(i * 31 + k * 7 + $0 * 3) % words.count] }.joined(separator: " ")
    return s.prefix(1).uppercased() + s.dropFirst() + "."
}

/// Block `i` as Markdown: a heading, paragraphs with every inline construct, a list.
func makeMarkdown(_ i: Int) -> String {
    func sentence(_ k: Int) -> String { prose(i, k) }
    return """
        ## \(sentence(2))

        \(sentence(3)) *\(words[i % words.count])* and **\(sentence(4))** with `code \(i)`, \
        a [link to \(words[(i + 1) % words.count])](https://example.com/shop?i=\(i)) &amp; \
        https://www.example.com/x\(i) or <https://example.com/\(i)>, ~~\(words[(i + 2) % words.count])~~.
        \(sentence(5)) _\(sentence(6))_ ![\(sentence(7))](https://cdn.example.com/\(i).png) \\* not emphasis.

        - \(sentence(8)) <span>inline</span> \(sentence(9))
        - [\(sentence(10))][ref] and `` double ` tick ``

        [ref]: https://example.com/ref\(i)

        """
}

func makeBlock(_ i: Int) -> String {
    func sentence(_ k: Int) -> String { prose(i, k) }
    return """
        <mj-section>
          <mj-column>
            <mj-image src="https://cdn.example.com/\(i).png" alt="\(sentence(1))" />
            <mj-text font-size="16px" color="#333333">
              <h2>\(sentence(2))</h2>
              <p>Hi {{ customer.first_name | default: "there" }}, \(sentence(3)) \(sentence(4))</p>
              {% if customer.vip %}<p>\(sentence(5)) Use code <strong>{{ offer.code }}</strong> today.</p>{% endif %}
              <ul><li>\(sentence(6))</li><li>\(sentence(7))</li></ul>
            </mj-text>
            <mj-button href="https://example.com/shop?i=\(i)">\(sentence(8))</mj-button>
          </mj-column>
        </mj-section>
        """
}

let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("voicebench-\(ProcessInfo.processInfo.processIdentifier)")
try makeStyles(at: tmp)
defer { try? FileManager.default.removeItem(at: tmp) }
let blocks = (0..<1000).map(markdown ? makeMarkdown : makeBlock)
let format = markdown ? "md" : "mjml"
if let writeDir {
    let out = URL(fileURLWithPath: writeDir)
    let fm = FileManager.default
    try? fm.removeItem(at: out)
    try fm.createDirectory(at: out.appendingPathComponent("blocks"), withIntermediateDirectories: true)
    try fm.copyItem(at: tmp, to: out.appendingPathComponent("styles"))
    try "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = Bench\n".write(
        to: out.appendingPathComponent(".vale.ini"), atomically: true, encoding: .utf8)
    for (i, b) in blocks.enumerated() {
        try b.write(to: out.appendingPathComponent("blocks/block\(i).\(format)"), atomically: true, encoding: .utf8)
    }
}

let t0 = Date()
let linter = try VoiceLinter(config: try VoiceConfig.styles(folder: tmp))
let compile = Date().timeIntervalSince(t0)
print("VoiceBench: \(linter.ruleNames.count) rules compiled in \(String(format: "%.1f", compile * 1000)) ms")

/// CPU time of this thread: on a machine shared with other work, wall time also counts waiting.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var walls: [Double] = [], cpus: [Double] = []
var alerts = 0
for _ in 0..<iterations {
    let start = Date(), c0 = cpuSeconds()
    alerts = 0
    for (i, b) in blocks.enumerated() {
        alerts += try linter.lint(text: b, format: format, path: "block\(i).\(format)").count
    }
    cpus.append(cpuSeconds() - c0)
    walls.append(Date().timeIntervalSince(start))
}
walls.sort(); cpus.sort()
func f(_ x: Double) -> String { String(format: "%.3f", x) }
print(
    "VoiceBench: 1000 \(markdown ? "Markdown documents" : "MJML blocks") x \(linter.ruleNames.count) rules, \(iterations) runs: median wall \(f(walls[walls.count / 2])) s (min \(f(walls[0]))), median CPU \(f(cpus[cpus.count / 2])) s (min \(f(cpus[0]))), \(alerts) alerts"
)
