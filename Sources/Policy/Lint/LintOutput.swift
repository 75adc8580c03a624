import BrandContext
import Foundation
import TextEscaping

/// How `tessera lint` prints a report.
package enum LintFormat: String, Sendable, CaseIterable {
    case text, json, sarif, line, codeclimate
}

package enum LintOutput {
    /// The report in `format`; `colour` only affects `text` (used on a terminal).
    package static func render(_ report: LintReport, as format: LintFormat, colour: Bool = false) -> String {
        switch format {
        case .text: text(report, colour: colour)
        case .line: report.findings.map { "\($0.file):\($0.line):\($0.column):\($0.rule):\($0.message)\n" }.joined()
        case .json: json(report)
        case .sarif: sarif(report)
        case .codeclimate: codeClimate(report)
        }
    }

    static func text(_ report: LintReport, colour: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = ""
        var current: String?
        for f in report.findings {
            if f.file != current {
                if current != nil { out += "\n" }
                out += paint(f.file, "1;4") + "\n"
                current = f.file
            }
            let sev =
                switch f.severity {
                case .error: paint("error", "31")
                case .warning: paint("warning", "33")
                case .info: paint("info", "34")
                }
            let place = "\(f.line):\(f.column)"
            out += " \(place.padding(toLength: max(8, place.count), withPad: " ", startingAt: 0)) \(sev)  \(f.message)  \(paint(f.rule, "2"))\n"
        }
        let errors = report.findings.filter { $0.severity == .error }.count
        let warnings = report.findings.filter { $0.severity == .warning }.count
        let infos = report.findings.count - errors - warnings
        if !report.findings.isEmpty { out += "\n" }
        out +=
            "\(Plural.of(errors, "error")), \(Plural.of(warnings, "warning")) and \(Plural.of(infos, "suggestion")) in \(Plural.of(report.filesLinted, "file")).\n"
        return out
    }

    static func quote(_ s: String) -> String { JSONString.quoted(s) }

    static func json(_ report: LintReport) -> String {
        let items = report.findings.map { f in
            "  {\"file\": \(quote(f.file)), \"line\": \(f.line), \"column\": \(f.column), \"rule\": \(quote(f.rule)), \"severity\": \(quote(f.severity.rawValue)), \"message\": \(quote(f.message))}"
        }
        return items.isEmpty ? "[]\n" : "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }

    /// SARIF 2.1.0: one run, one rule per id that has a finding.
    static func sarif(_ report: LintReport) -> String {
        let ids = Array(Set(report.findings.map(\.rule))).sorted()
        let rules = ids.map { "{\"id\": \(quote($0))}" }.joined(separator: ", ")
        let results = report.findings.map { f -> String in
            let level = f.severity == .error ? "error" : f.severity == .warning ? "warning" : "note"
            return """
                    {"ruleId": \(quote(f.rule)), "level": "\(level)", "message": {"text": \(quote(f.message))}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": \(quote(f.file))}, "region": {"startLine": \(f.line), "startColumn": \(f.column)}}}]}
                """
        }.joined(separator: ",\n")
        return """
            {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [{"tool": {"driver": {"name": "tessera lint", "informationUri": "https://github.com/tessera/docs/policy.md", "rules": [\(rules)]}}, "results": [
            \(results)
            ]}]}

            """
    }

    /// GitLab's code-quality report (the Code Climate issue subset GitLab reads): a JSON array of
    /// {description, check_name, fingerprint, severity, location {path, lines {begin}}}.
    static func codeClimate(_ report: LintReport) -> String {
        let fingerprints = CodeClimateFingerprint.of(report.findings)
        let items = zip(report.findings, fingerprints).map { f, fingerprint in
            let severity =
                switch f.severity {
                case .error: "major";
                case .warning: "minor";
                case .info: "info"
                }
            return
                "  {\"type\": \"issue\", \"description\": \(quote(f.message)), \"check_name\": \(quote(f.rule)), \"fingerprint\": \"\(fingerprint)\", \"severity\": \"\(severity)\", \"location\": {\"path\": \(quote(f.file)), \"lines\": {\"begin\": \(f.line)}}}"
        }
        return items.isEmpty ? "[]\n" : "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }
}

/// Code-quality fingerprints: GitLab matches findings across pipelines by fingerprint, so one
/// must stay the same while the finding does. It hashes the file, rule and message, and the
/// finding's rank among the file's findings with that same rule and message: not the line, so
/// editing lines above a finding does not make it look fixed and new again.
enum CodeClimateFingerprint {
    static func of(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { f in
            let key = "\(f.file)\u{0}\(f.rule)\u{0}\(f.message)"
            let rank = seen[key, default: 0]
            seen[key] = rank + 1
            return hash("\(key)\u{0}\(rank)")
        }
    }

    /// 128 bits as 32 hex digits (the length of the MD5 GitLab's docs show): two FNV-1a 64
    /// lanes with different offsets. Not cryptographic; nothing here is adversarial.
    static func hash(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x6c62_272e_07bb_0142
        let prime: UInt64 = 0x0000_0100_0000_01b3
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* prime
            b = (b ^ UInt64(byte)) &* prime
            b ^= b >> 31
        }
        return String(format: "%016llx%016llx", a, b)
    }
}
