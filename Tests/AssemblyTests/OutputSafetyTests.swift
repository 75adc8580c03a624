import Foundation
import Liquid
import Testing

@testable import Assembly
@testable import BrandContext

/// Values from recipient data are checked for the context they land in: links, CSS, script,
/// mail headers. Each case here went out as `rendered` (or into a header raw) before.
@Suite struct OutputSafetyTests {
    /// A welcome recipient with one recommendation whose `url` and `image` are as given.
    static func withLink(url: String, image: String = "https://cdn.larchwood.com/img/x.jpg") -> RenderedRecipient {
        let rec = #","recommendations":[{"sku":"x","name":"Boot","price":10,"url":\#(json(url)),"image":\#(json(image))}]"#
        return Fixture.render(Fixture.welcome(rec), template: "welcome")
    }

    static func json(_ s: String) -> String {
        String(decoding: try! JSONEncoder().encode(s), as: UTF8.self)
    }

    @Test func anHTTPSLinkFromDataRenders() {
        let r = Self.withLink(url: "https://www.larchwood.com/p/x")
        #expect(r.status == .rendered, "\(r.reasons.map(\.code))")
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "/relative/path", "#top",
        "ftp://files.example.com/x", "//evil.example.com/x",
    ])
    func aLinkFromDataThatIsNotHTTPIsHeld(url: String) {
        let r = Self.withLink(url: url)
        #expect(r.status == .held)
        #expect(r.has("guard.links.scheme", "href"), "\(r.reasons.map(\.detail))")
        #expect(r.html.isEmpty)
    }

    @Test func anImageSourceFromDataIsCheckedToo() {
        let r = Self.withLink(url: "https://www.larchwood.com/p/x", image: "javascript:alert(1)")
        #expect(r.status == .held)
        #expect(r.has("guard.links.scheme", "src"))
    }

    // MARK: the context scanner and checks, on hand-made skeletons

    /// A skeleton of `html` where `⟨N⟩` marks hole N.
    static func contexts(_ html: String) -> HoleContexts {
        var s = Segments()
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "⟨"), let close = rest[open...].firstIndex(of: "⟩") {
            s.append(ArraySlice(Array(rest[..<open].utf8)), hole: Int(rest[rest.index(after: open)..<close])!)
            rest = rest[rest.index(after: close)...]
        }
        s.append(ArraySlice(Array(rest.utf8)), hole: -1)
        return HoleContexts(html: s)
    }

    static func problem(_ html: String, _ values: String...) -> Reason? {
        contexts(html).problem(values.map { Hole(text: $0, safe: false) })
    }

    @Test func theTemplatesTextDecidesTheScheme() {
        #expect(Self.problem(#"<a href="mailto:⟨0⟩">x</a>"#, "a@b.c") == nil)
        #expect(Self.problem(#"<a href="tel:⟨0⟩">x</a>"#, "+15551234") == nil)
        #expect(Self.problem(#"<a href="https://x.com/p?q=⟨0⟩">x</a>"#, "javascript:alert(1)") == nil)
        #expect(Self.problem(#"<a href="/p/⟨0⟩">x</a>"#, "item") == nil)
        #expect(Self.problem(#"<a href="/⟨0⟩">x</a>"#, "/evil.com")?.code == "guard.links.scheme")
        #expect(Self.problem(#"<a href="java⟨0⟩">x</a>"#, "script:alert(1)")?.code == "guard.links.scheme")
        #expect(Self.problem(#"<a href="⟨0⟩⟨1⟩">x</a>"#, "https://x.com", "/p") == nil)
        #expect(Self.problem(#"<a href="⟨0⟩⟨1⟩">x</a>"#, "javascript", ":alert(1)")?.code == "guard.links.scheme")
    }

    @Test func everyURLAttributeIsALink() {
        for attribute in ["src", "background", "action", "formaction", "poster"] {
            #expect(Self.problem("<td \(attribute)=\"⟨0⟩\">", "javascript:x")?.code == "guard.links.scheme", "\(attribute)")
        }
        #expect(Self.problem(#"<img srcset="⟨0⟩ 1x, ⟨1⟩ 2x">"#, "https://a/x.jpg", "javascript:x")?.code == "guard.links.scheme")
        #expect(Self.problem(#"<img srcset="⟨0⟩ 1x, ⟨1⟩ 2x">"#, "https://a/x.jpg", "https://a/y.jpg") == nil)
        #expect(Self.problem(#"<img srcset="⟨0⟩">"#, "https://a/x.jpg 1x, javascript:x 2x")?.code == "guard.links.scheme")
        #expect(Self.problem(#"<img alt="⟨0⟩" title='⟨1⟩'>"#, "javascript:x", "a;b") == nil, "plain attributes are text")
    }

    @Test func aStyleValueCannotAddDeclarations() {
        #expect(Self.problem(#"<td style="color:⟨0⟩;padding:0">"#, "#1F4D3A") == nil)
        #expect(Self.problem(#"<td style="font-family:⟨0⟩">"#, "Source Sans, Arial") == nil)
        for bad in ["red;position:fixed", "red}body{x:y", "expression(alert(1))", "red' x", "red\\3b", "a/*", "@import x"] {
            #expect(Self.problem(#"<td style="color:⟨0⟩">"#, bad)?.code == "guard.style.value", "\(bad)")
        }
        #expect(Self.problem("<style>.x{color:⟨0⟩}</style><p>⟨1⟩</p>", "red;}", "a;b")?.code == "guard.style.value")
        #expect(Self.problem("<style>.x{color:red}</style><p>⟨0⟩</p>", "a;b{c}") == nil, "text after </style> is text")
    }

    @Test func aURLInsideCSSIsALink() {
        #expect(Self.problem(#"<td style="background:url('⟨0⟩') no-repeat">"#, "https://cdn.x.com/a.jpg") == nil)
        #expect(Self.problem(#"<td style="background:url('⟨0⟩')">"#, "javascript:void")?.code == "guard.links.scheme")
        #expect(Self.problem(#"<td style="background:url('⟨0⟩')">"#, "https://x/a.jpg') ;x:y('")?.code == "guard.style.value")
    }

    @Test func scriptAndTagContextsTakeNoData() {
        #expect(Self.problem(#"<a onclick="go('⟨0⟩')">x</a>"#, "x")?.code == "guard.html.script")
        #expect(Self.problem(#"<script>var a = "⟨0⟩";</script>"#, "x")?.code == "guard.html.script")
        #expect(Self.problem(#"<a ⟨0⟩>x</a>"#, "onclick=alert(1)")?.code == "guard.html.attribute")
        #expect(Self.problem(#"<td width=⟨0⟩>"#, "100") == nil)
        #expect(Self.problem(#"<td width=⟨0⟩>"#, "100 onmouseover=alert(1)")?.code == "guard.html.attribute")
        #expect(Self.problem("<!-- ⟨0⟩ --><p>⟨1⟩</p>", "-->", "x") == nil, "comments and text are escaped")
    }

    @Test func aRawValueCannotCloseItsAttribute() {
        let c = Self.contexts(#"<img alt="⟨0⟩">"#)
        #expect(c.problem([Hole(text: #"x" onerror="alert(1)"#, safe: true)])?.code == "guard.html.attribute")
        #expect(c.problem([Hole(text: #"x" onerror="alert(1)"#, safe: false)]) == nil, "escaped: stays in the attribute")
        let link = Self.contexts(#"<a href="https://x.com/⟨0⟩">x</a>"#)
        #expect(link.slots.first?.schemeFixed == true)
        #expect(
            link.problem([Hole(text: #"p" onclick="alert(1)"#, safe: true)])?.code == "guard.html.attribute",
            "a fixed scheme does not let a raw value out")
    }

    @Test func inlineSkeletonsHoldScriptURLs() {
        #expect(HoleContexts.inlineProblem([Hole(text: " java\nscript:alert(1)", safe: false)])?.code == "guard.links.scheme")
        #expect(HoleContexts.inlineProblem([Hole(text: "Re: your order", safe: false), Hole(text: "https://x", safe: false)]) == nil)
    }

    // MARK: addresses and headers

    @Test(arguments: [
        "a@example.com\r\nBcc: victim@example.com", "a@example.com\nSubject: hi", "a@example.com, b@example.com",
        "Ann <a@example.com>", "a@b@example.com", "a @example.com", "@example.com", "a@", "a@-x.com", "a..b@example.com",
        String(repeating: "a", count: 65) + "@example.com",
    ])
    func anInvalidAddressRejectsTheRecord(email: String) {
        let line = Fixture.welcome().replacingOccurrences(of: #""a@example.com""#, with: Self.json(email))
        let r = Fixture.render(line, template: "welcome")
        #expect(r.status == .rejected)
        #expect(r.has("recipient.email-invalid"), "\(r.reasons.map(\.detail))")
    }

    @Test(arguments: ["a@example.com", "first.last+tag@sub.example.co.uk", #""odd, but valid"@example.com"#, "jörg@exämple.de", "x@[192.0.2.1]"])
    func aValidAddressRenders(email: String) {
        #expect(EmailAddress.problem(email) == nil)
    }

    @Test func aNonStringAddressIsRejected() {
        let r = Fixture.render(Fixture.welcome().replacingOccurrences(of: #""a@example.com""#, with: "42"), template: "welcome")
        #expect(r.status == .rejected)
        #expect(r.has("recipient.email-invalid", "not a string"))
    }

    @Test func headersNeverCarryARawLineBreak() throws {
        var r = Fixture.render(Fixture.welcome(), template: "welcome")
        r.subject = "Hello\r\nBcc: victim@example.com\r\n\r\nbody"
        r.template = "welcome\r\nX-Evil: 1"
        let sender = Sender(name: "Larchwood, Outfitters <x@y>", email: "hello@larchwood.com", replyTo: nil)
        let text = String(decoding: EMLWriter.message(r, to: "a@example.com\r\nBcc: b@example.com", sender: sender, now: Fixture.now), as: UTF8.self)
        let head = String(text[..<text.range(of: "\r\n\r\n")!.lowerBound])
        let fields = head.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.map { $0.prefix(while: { $0 != ":" }) }
        #expect(fields == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "X-Tessera-Template", "Content-Type"])
        #expect(!head.contains("Bcc"))
        #expect(head.contains("To: undisclosed-recipients:;"))
        #expect(head.contains(#"From: "Larchwood, Outfitters <x@y>" <hello@larchwood.com>"#))
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    }

    @Test func longSubjectsAreFoldedAndEncodedInWords() {
        let ascii = MailHeader.unstructured("Subject", String(repeating: "word ", count: 40))
        #expect(ascii.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(ascii.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + String(repeating: "word ", count: 40))
        let accented = MailHeader.unstructured("Subject", String(repeating: "Été à Montréal — ", count: 10))
        let lines = accented.components(separatedBy: "\r\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 78 })
        let decoded = lines.map { line -> String in
            let word = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Subject: ", with: "")
            return String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == String(repeating: "Été à Montréal — ", count: 10))
    }
}
