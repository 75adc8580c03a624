// MJMLBench: release-build timing harness for the MJML renderer.
//   MJMLBench [--iterations N] [FILE]      median render time (parse once, render N times)
//   MJMLBench --with-parse [FILE]           time parse + render per iteration (what mrml.to_html does)
//   MJMLBench --render FILE                 print the rendered HTML (for diagnosis)
import Foundation
import MJML

var args = Array(CommandLine.arguments.dropFirst())
var iterations = 2000
var renderOnly = false
var withParse = false
var validate = true
var checkOnly = false
var textOnly = false
var inlineCSS = true
var file = "../shared/corpus/bench/email-10-sections.mjml"
while let a = args.first {
    args.removeFirst()
    switch a {
    case "--iterations": iterations = Int(args.removeFirst()) ?? iterations
    case "--render": renderOnly = true
    case "--with-parse": withParse = true
    case "--no-validate": validate = false
    case "--check": checkOnly = true
    case "--text": textOnly = true
    case "--no-inline": inlineCSS = false
    default: file = a
    }
}
guard let data = FileManager.default.contents(atPath: file) else {
    FileHandle.standardError.write(Data("MJMLBench: cannot read \(file)\n".utf8))
    exit(2)
}
let source = String(decoding: data, as: UTF8.self)
let doc = MJML.parse(source)
if textOnly {
    print(MJML.renderText(doc), terminator: "")
    exit(0)
}
if checkOnly {
    for d in doc.diagnostics { print(d) }
    exit(0)
}
if renderOnly {
    print(MJML.render(doc), terminator: "")
    exit(0)
}
let options = MJMLRenderOptions(inlineCSS: inlineCSS)
for _ in 0..<50 { _ = MJML.renderBytes(doc, options: options) }
var times: [Double] = []
times.reserveCapacity(iterations)
var size = 0
for _ in 0..<iterations {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let out =
        withParse
        ? MJML.render(MJML.parse(source, options: MJMLParseOptions(validation: validate ? .soft : .skip)), options: options)
        : MJML.render(doc, options: options)
    let t1 = DispatchTime.now().uptimeNanoseconds
    size = out.utf8.count
    times.append(Double(t1 - t0) / 1000)
}
times.sort()
let median = times[times.count / 2]
let label = (withParse ? "mjml-parse+render" : "mjml-render") + (inlineCSS ? "" : " (no CSS inlining)")
print(String(format: "%@: median %.1f us over %d runs (%d bytes out)", label, median, iterations, size))
