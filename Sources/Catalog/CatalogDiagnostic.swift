import BrandContext

/// Collects located problems while a catalog loads; every problem is reported, none stops the load
/// of the other files.
final class DiagnosticList {
    private(set) var items: [Diagnostic] = []
    func error(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        items.append(Diagnostic(.error, at: SourceLocation(file: file, line: line, column: column), message))
    }
    func warning(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        items.append(Diagnostic(.warning, at: SourceLocation(file: file, line: line, column: column), message))
    }
    func add(_ d: Diagnostic) { items.append(d) }
}

/// Did-you-mean hints (BrandContext's helper is internal, so Catalog keeps its own small copy).
enum DidYouMean {
    static func hint(_ word: String, _ candidates: some Sequence<String>) -> String {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(Array(word.lowercased().unicodeScalars), Array(c.lowercased().unicodeScalars))
            if d <= limit, d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
