import Foundation

/// What a token lets its holder do.
package enum Scope: String, Sendable, CaseIterable {
    case render, read, lint, preview
}

/// The bearer tokens of `--tokens FILE`: one a line as `SCOPES TOKEN`, scopes a comma list of
/// `render`, `read`, `lint`, `preview` or `*`; blank lines and `#` comments are skipped.
package struct TokenStore: Sendable {
    struct Entry: Sendable {
        var token: [UInt8]
        var scopes: Set<Scope>
    }
    let entries: [Entry]

    package enum Check: Equatable {
        case allowed
        /// No token, or one that matches none: 401.
        case unauthenticated
        /// A valid token without the scope: 403.
        case forbidden
    }

    /// The shortest token accepted: shorter ones are guessable.
    package static let minTokenLength = 16

    /// Parses the file's text; an error names `FILE:LINE` and what was expected.
    package static func parse(_ text: String, file: String) throws -> TokenStore {
        var entries: [Entry] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 2 else {
                throw ServeStartError(
                    "\(file):\(i + 1): expected 'SCOPES TOKEN' (e.g. 'render,read 3f9c…'), found \(fields.count) field\(fields.count == 1 ? "" : "s")"
                )
            }
            var scopes = Set<Scope>()
            for s in fields[0].split(separator: ",") {
                if s == "*" { scopes.formUnion(Scope.allCases); continue }
                guard let scope = Scope(rawValue: String(s)) else {
                    throw ServeStartError("\(file):\(i + 1): unknown scope '\(s)' (expected render, read, lint, preview or *)")
                }
                scopes.insert(scope)
            }
            guard fields[1].utf8.count >= minTokenLength else {
                throw ServeStartError(
                    "\(file):\(i + 1): the token is \(fields[1].utf8.count) characters, shorter than the minimum of \(minTokenLength)")
            }
            entries.append(Entry(token: Array(fields[1].utf8), scopes: scopes))
        }
        guard !entries.isEmpty else { throw ServeStartError("\(file): no tokens (expected lines of 'SCOPES TOKEN')") }
        return TokenStore(entries: entries)
    }

    /// Checks an `Authorization` header value for a scope. Every token is compared, each in
    /// time that depends on the lengths only, so the answer's timing does not reveal a prefix.
    package func check(authorization: String?, scope: Scope) -> Check {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else { return .unauthenticated }
        let given = Array(authorization.utf8.dropFirst(7))
        var match: Entry?
        for e in entries where Self.constantTimeEqual(e.token, given) { match = e }
        guard let match else { return .unauthenticated }
        return match.scopes.contains(scope) ? .allowed : .forbidden
    }

    /// Equal bytes, compared without stopping at the first difference.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(truncatingIfNeeded: a.count ^ b.count)
        diff |= UInt8(truncatingIfNeeded: (a.count ^ b.count) >> 8)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            diff |= x ^ y
        }
        return diff == 0 && a.count == b.count
    }
}
