import Foundation
import TextEscaping

/// Vale's output formats, byte for byte: `line`, `JSON`, the `CLI` table, plus SARIF 2.1.0.
public enum OutputFormat: String, CaseIterable, Sendable {
    case line, JSON, CLI, sarif
}

/// Alerts of one file, in the order they are printed.
public struct FileAlerts: Sendable {
    public var path: String
    public var alerts: [Alert]
    public init(path: String, alerts: [Alert]) { self.path = path; self.alerts = alerts }
}

public enum AlertFormatter {
    public static func render(_ files: [FileAlerts], as format: OutputFormat, linted: Int, color: Bool = false) -> String {
        switch format {
        case .line: return line(files)
        case .JSON: return json(files)
        case .CLI: return cli(files, linted: linted, color: color)
        case .sarif: return sarif(files)
        }
    }

    /// `path:line:col:Style.Rule:message`, one alert a line.
    public static func line(_ files: [FileAlerts]) -> String {
        var out = ""
        for f in files { for a in f.alerts { out += "\(f.path):\(a.line):\(a.span.0):\(a.check):\(a.message)\n" } }
        return out
    }

    /// Go's `json.MarshalIndent(map[string][]Alert, "", "  ")`: keys sorted, fields in struct order.
    public static func json(_ files: [FileAlerts]) -> String {
        let nonEmpty = files.filter { !$0.alerts.isEmpty }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        if nonEmpty.isEmpty { return "{}\n" }
        var o = "{\n"
        for (fi, f) in nonEmpty.enumerated() {
            o += "  \(goString(f.path)): [\n"
            for (ai, a) in f.alerts.enumerated() {
                o += "    {\n"
                o += "      \"Action\": {\n"
                o += "        \"Name\": \(goString(a.action?.name ?? "")),\n"
                if let p = a.action?.params, a.action != nil {
                    if p.isEmpty {
                        o += "        \"Params\": []\n"
                    } else {
                        o += "        \"Params\": [\n" + p.map { "          \(goString($0))" }.joined(separator: ",\n") + "\n        ]\n"
                    }
                } else {
                    o += "        \"Params\": null\n"
                }
                o += "      },\n"
                o += "      \"Span\": [\n        \(a.span.0),\n        \(a.span.1)\n      ],\n"
                o += "      \"Check\": \(goString(a.check)),\n"
                o += "      \"Description\": \(goString(a.description)),\n"
                o += "      \"Link\": \(goString(a.link)),\n"
                o += "      \"Message\": \(goString(a.message)),\n"
                o += "      \"Severity\": \(goString(a.severity.name)),\n"
                o += "      \"Match\": \(goString(a.match)),\n"
                o += "      \"Line\": \(a.line)\n"
                o += "    }" + (ai + 1 < f.alerts.count ? ",\n" : "\n")
            }
            o += "  ]" + (fi + 1 < nonEmpty.count ? ",\n" : "\n")
        }
        return o + "}\n"
    }

    /// A string as Go's encoding/json writes it (HTML-safe escapes included).
    public static func goString(_ s: String) -> String { JSONString.quoted(s, htmlSafe: true) }

    /// Vale's default table: each file underlined, `line:col severity message check` rows,
    /// then the totals line.
    public static func cli(_ files: [FileAlerts], linted: Int, color: Bool = false) -> String {
        var o = ""
        var e = 0, w = 0, s = 0
        for f in files where !f.alerts.isEmpty {
            o += "\n " + (color ? "\u{1B}[4m\(f.path)\u{1B}[0m" : f.path) + "\n"
            let rows = f.alerts.map { a -> [String] in ["\(a.line):\(a.span.0)", a.severity.name, a.message, a.check] }
            var widths = [0, 0, 0, 0]
            for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
            for (a, r) in zip(f.alerts, rows) {
                switch a.severity {
                case .error: e += 1;
                case .warning: w += 1;
                case .suggestion: s += 1
                }
                var sev = r[1].padding(toLength: widths[1], withPad: " ", startingAt: 0)
                if color {
                    let code = a.severity == .error ? "31" : (a.severity == .warning ? "33" : "34")
                    sev = "\u{1B}[\(code)m\(sev)\u{1B}[0m"
                }
                o +=
                    " " + r[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  " + sev + "  "
                    + r[2].padding(toLength: widths[2], withPad: " ", startingAt: 0) + "  " + r[3] + "\n"
            }
        }
        let mark = (e + w) == 0 ? "✔" : "✖"
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        // Vale names stdin instead of counting it as a file.
        let inWhat = (files.count == 1 && files[0].path.hasPrefix("stdin")) ? "stdin" : plural(linted, "file")
        func paint(_ t: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(t)\u{1B}[0m" : t }
        o +=
            "\n\(mark) \(paint(plural(e, "error"), "31")), \(paint(plural(w, "warning"), "33")) and \(paint(plural(s, "suggestion"), "34")) in \(inWhat).\n"
        return o
    }

    /// SARIF 2.1.0: one run, one rule per check, one result per alert.
    public static func sarif(_ files: [FileAlerts]) -> String {
        var rules: [String] = []
        for f in files { for a in f.alerts where !rules.contains(a.check) { rules.append(a.check) } }
        rules.sort()
        func level(_ s: Severity) -> String { s == .error ? "error" : (s == .warning ? "warning" : "note") }
        var o = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
        o +=
            "      \"tool\": {\n        \"driver\": {\n          \"name\": \"tessera voice\",\n          \"informationUri\": \"https://vale.sh/docs/\",\n          \"rules\": ["
        o += rules.isEmpty ? "]\n" : "\n" + rules.map { "            { \"id\": \(goString($0)) }" }.joined(separator: ",\n") + "\n          ]\n"
        o += "        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        var results: [String] = []
        for f in files {
            for a in f.alerts {
                var r = "        {\n          \"ruleId\": \(goString(a.check)),\n          \"level\": \"\(level(a.severity))\",\n"
                r += "          \"message\": { \"text\": \(goString(a.message)) },\n"
                r += "          \"locations\": [\n            {\n              \"physicalLocation\": {\n"
                r += "                \"artifactLocation\": { \"uri\": \(goString(f.path)) },\n"
                r += "                \"region\": { \"startLine\": \(a.line), \"startColumn\": \(a.span.0), \"endColumn\": \(a.span.1 + 1) }\n"
                r += "              }\n            }\n          ]\n        }"
                results.append(r)
            }
        }
        o += results.isEmpty ? "]\n" : "\n" + results.joined(separator: ",\n") + "\n      ]\n"
        o += "    }\n  ]\n}\n"
        return o
    }
}
