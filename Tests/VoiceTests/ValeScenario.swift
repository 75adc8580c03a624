import Foundation

/// One Cucumber scenario of Vale's feature files, reduced to what the runner needs.
struct ValeScenario {
    var feature: String
    var name: String
    var givenFiles: [(String, String)] = []
    var step: String = ""  // the `When I ...` line
    var expected: [String]? = nil  // `contain exactly`
    var contains: [String]? = nil  // `contain`
    var notContain: [String] = []
    var expectEmpty = false
    var exitStatus: Int? = nil

    static func parse(feature: String, text: String) -> [ValeScenario] {
        var out: [ValeScenario] = []
        var background: [(String, String)] = []
        var current: ValeScenario?
        var inBackground = false
        let lines = text.components(separatedBy: "\n")
        var i = 0
        func docString() -> [String] {
            // lines after the opening """ up to the closing """
            var body: [String] = []
            i += 1
            guard i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) == "\"\"\"" else { return [] }
            let indent = lines[i].prefix { $0 == " " }.count
            i += 1
            while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) != "\"\"\"" {
                let l = lines[i]
                body.append(l.count >= indent ? String(l.dropFirst(indent)) : l.trimmingCharacters(in: .whitespaces))
                i += 1
            }
            return body
        }
        while i < lines.count {
            let t = lines[i].trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("#") { i += 1; continue }
            if t.hasPrefix("Background:") {
                inBackground = true
            } else if t.hasPrefix("Scenario:") {
                if let c = current { out.append(c) }
                inBackground = false
                current = ValeScenario(feature: feature, name: String(t.dropFirst("Scenario:".count)).trimmingCharacters(in: .whitespaces))
                current?.givenFiles = background
            } else if let m = t.firstMatch(of: /^(?:Given|And) a file named "(.*)" with:$/) {
                let body = docString().joined(separator: "\n") + "\n"
                if inBackground { background.append((String(m.1), body)) } else { current?.givenFiles.append((String(m.1), body)) }
            } else if t.hasPrefix("When I") {
                current?.step = String(t.dropFirst("When ".count))
            } else if t.hasPrefix("Then the output should contain exactly:") {
                current?.expected = docString().filter { !$0.isEmpty }
            } else if t.hasPrefix("Then the output should contain:") {
                current?.contains = docString().filter { !$0.isEmpty }
            } else if t == "Then the output should not contain anything" {
                current?.expectEmpty = true
            } else if let m = t.firstMatch(of: /^(?:Then|And) the output should not contain "(.*)"$/) {
                current?.notContain.append(String(m.1))
            } else if let m = t.firstMatch(of: /^(?:Then|And) the exit status should be (\d+)$/) {
                current?.exitStatus = Int(m.1)
            }
            i += 1
        }
        if let c = current { out.append(c) }
        return out
    }
}
