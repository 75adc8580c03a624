import Foundation
import TestSupport
import Testing

@testable import MJML

/// The Swift comparer must be no looser than `../shared/tools/htmlnorm.py`: the same built-in
/// pairs, and the same mutations of every expected file must be detected (both directions).
@Suite struct HTMLCompareTests {
    static let same: [(String, String)] = [
        ("<td a=\"1\" b=\"2\">x</td>", "<td b='2' a=1>x</td>"),
        ("<td class=\"a b a\" style=\"a:1;b:2;\">", "<td class=\"b  a\" style=\"b: 2; a:1\">"),
        ("<p style=\"width:33.333333333333336%\" width=\"33.33333333333333\">", "<p style=\"width:33.333332%\" width=\"33.333332\">"),
        ("<p class=\"mj-column-per-33-333333333333336\">", "<p class=\"mj-column-per-33-333332\">"),
        (
            "<style>.mj-column-per-33-333333333333336 { width:33.333333333333336% !important; }</style>",
            "<style>.mj-column-per-33-333332{width:33.333332%!important}</style>"
        ),
        (
            "<input id=\"a043bae1603803a8\"><p class=\"mj-carousel-a043bae1603803a8-radio-1\">",
            "<input id=\"00000000\"><p class=\"mj-carousel-00000000-radio-1\">"
        ),
        ("<!--[if mso | IE]></td><![endif]-->\n <!--[if mso | IE]></tr><![endif]-->", "<!--[if mso | IE]></td></tr><![endif]-->"),
        ("<head><style type=\"text/css\">\n</style></head>", "<head></head>"),
        ("<td class=\"\" style=\"\" alt=\"\">", "<td>"), ("<p>Hello\n    world </p>", "<p> Hello world</p>"),
        ("<p>a &amp; b&nbsp;</p>", "<p>a & b\u{A0}</p>"),
        ("<p style=\"width:50%;margin:0 auto\">", "<p style=\"margin:0.0 auto;width:50.000%\">"),
        (
            "<style>.a{x:1}\n.b{y:2}\n@media (min-width:480px){.c{z:3}}</style>",
            "<style>@media (min-width: 480px) { .c { z: 3; } } .b { y: 2 } .a { x: 1; }</style>"
        ),
        ("<br><canvas></canvas><img src=\"a\">", "<br/><canvas/><img src=\"a\" />"),
    ]

    static let different: [(String, String)] = [
        ("<p style=\"width:33.33%\">", "<p style=\"width:33.333332%\">"),
        ("<p style=\"color:#333333\">", "<p style=\"color:#333334\">"),
        ("<p style=\"z-index:100000\">", "<p style=\"z-index:100001\">"),
        ("<td class=\"a\">", "<td class=\"a b\">"), ("<td alt=\"\">", "<td alt=\"x\">"),
        ("<!--[if mso]><b>x</b><![endif]-->", "<!--[if !mso]><b>x</b><![endif]-->"),
        ("<!--[if !mso]><!--><b>x</b><!--<![endif]-->", "<!--[if !mso]><b>x</b><![endif]-->"),
        ("<p>Hello world</p>", "<p>Helloworld</p>"), ("<p>x</p><!-- a -->", "<p>x</p>"),
        ("<p>&nbsp;x</p>", "<p>x</p>"),
        ("<style>.a{x:1}</style>", "<style>.a{x:1;y:2}</style>"),
        ("<style>@media (min-width:480px){.a{x:1}}</style>", "<style>.a{x:1}</style>"),
        ("<input id=\"a043bae1603803a8\">", "<input id=\"a043bae1603803a9x\">"),
        ("<td><b>x</b></td>", "<td><i>x</i></td>"),
        ("<td width=\"600\">", "<td width=\"601\">"),
    ]

    /// name: (pattern, template) applied once to an expected file (as htmlnorm.py --selftest).
    static let mutations: [(String, String, String)] = [
        ("drop attribute", #"(<table[^>]*?) role="presentation""#, "$1"),
        ("add attribute", #"<td\b"#, "<td data-x=\"1\""),
        ("change colour", #"(color:\s*)#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"#, "$1#123457"),
        ("change style width", #"(style="(?:[^"]*;)?\s*width:\s*\d+)px"#, "$10px"),
        ("change style width by 0.1px", #"(style="(?:[^"]*;)?\s*width:\s*\d+)px"#, "$1.1px"),
        ("change width attribute", #"width="(\d+)""#, "width=\"$11\""),
        ("remove element", #"<img\b[^>]*>|<(p|span|a|div|td)\b[^>]*>[^<]*</\1>"#, ""),
        ("change text", #"(>\s*[A-Za-z][A-Za-z ]{2,}?)(\s*</(?:div|p|a|span|td|title))"#, "$1s$2"),
        ("change class", #"class="([^"]+)""#, "class=\"$1x\""),
        ("change css value", #"(<style[^>]*>[^<]*?\{[^}<]*?:\s*)([^;}<]+)"#, "$1inherit"),
        ("unwrap conditional comment", #"<!--\[if mso \| IE\]>(.*?)<!\[endif\]-->"#, "$1"),
    ]

    static func mutateOnce(_ s: String, _ pattern: String, _ template: String) -> String {
        let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = s as NSString
        guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return s }
        let rep = re.replacementString(for: m, in: s, offset: 0, template: template)
        return ns.replacingCharacters(in: m.range, with: rep)
    }

    @Test func builtInPairs() {
        for (a, b) in Self.same {
            #expect(HTMLCompare.difference(expected: a, actual: b) == nil, "should be same: \(a) vs \(b)")
        }
        for (a, b) in Self.different {
            #expect(HTMLCompare.difference(expected: a, actual: b) != nil, "should differ: \(a) vs \(b)")
        }
    }

    @Test(.enabled(if: Corpus.has("mjml"), Comment(rawValue: Corpus.absentNote))) func mutationsOfEveryExpectedFileAreDetected() throws {
        let dir = try #require(Corpus.folder("mjml"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".html") }.sorted()
        var tried = 0
        for file in files {
            let src = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            #expect(HTMLCompare.difference(expected: src, actual: src) == nil, "\(file): identity")
            for (name, pattern, template) in Self.mutations {
                let mutated = Self.mutateOnce(src, pattern, template)
                guard mutated != src else { continue }
                tried += 1
                #expect(HTMLCompare.difference(expected: src, actual: mutated) != nil, "\(file): mutation '\(name)' not detected")
                #expect(HTMLCompare.difference(expected: mutated, actual: src) != nil, "\(file): mutation '\(name)' not detected (reversed)")
            }
        }
        print("html-compare: \(tried) mutations over \(files.count) expected files checked")
        #expect(tried > 1000)
    }
}
