// Uses each library product once, so every one is linked, not only resolved.
import Assembly
import BrandContext
import Catalog
import Diagnostics
import Liquid
import MJML
import Voice

let greeting = try Environment().parse("Hello {{ name }}").render(["name": "reader"])
let html = MJML.render(MJML.parse("<mjml><mj-body><mj-text>\(greeting)</mj-text></mj-body></mjml>"))
print(html.contains(greeting) ? "rendered" : "missing", CalendarDate("2026-11-23") != nil,
      Severity.allCases.count, MemoryLayout<Catalog>.size > 0, MemoryLayout<RecipientRecord>.size > 0,
      Diagnostic(.error, at: SourceLocation(file: "x", line: 1, column: 1), "checked").severity == .error)
