import Foundation

/// `extends: metric` — a formula over document statistics (words, sentences, syllables, heading
/// counts, ...) compared with `condition`; runs once per file on the summary.
final class MetricRule: ValeRule {
    let def: RuleDefinition
    let formula: Formula
    let condition: String

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "metric")
        let d = try RuleDefinition(src)
        d.scope = RuleScope(["summary"])
        def = d
        let f = src.string("formula") ?? ""
        do { formula = try Formula(f.replacingOccurrences(of: "heading.h", with: "heading_h")) } catch let e as Formula.ParseError {
            throw src.error("formula", "invalid formula in \(src.name): \(e.message)")
        }
        condition = (src.string("condition") ?? "").trimmedSpace
        guard (try? Formula("1 " + condition)) != nil else { throw src.error("condition", "invalid condition '\(condition)' (expected e.g. '> 35')") }
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        let stats = try TextStats(block.text)
        guard stats.words > 0 else { return [] }
        var vars: [String: Double] = [:]
        for (k, v) in state.metrics where !k.hasPrefix("table") { vars[k.replacingOccurrences(of: ".", with: "_")] = Double(v) }
        vars["words"] = Double(stats.words)
        vars["sentences"] = Double(stats.sentences)
        vars["paragraphs"] = Double(stats.paragraphs)
        vars["characters"] = Double(stats.characters)
        vars["syllables"] = Double(stats.syllables)
        vars["complex_words"] = Double(stats.complexWords)
        vars["long_words"] = Double(stats.longWords)
        vars["polysyllabic_words"] = Double(stats.polysyllabicWords)
        guard let res = try? formula.evaluate(vars), res.isFinite else { return [] }
        let cond = try Formula(String(format: "%f %@", res, condition))
        guard (try? cond.evaluate([:])) == 1 else { return [] }
        return [finding(nil, match: "", args: [.string(String(format: "%.2f", res))])]
    }
}

/// Document statistics in the manner of twine's `summarize` package.
struct TextStats {
    var words = 0, sentences = 0, paragraphs = 0, characters = 0, syllables = 0
    var complexWords = 0, longWords = 0, polysyllabicWords = 0

    init(_ text: String) throws {
        let paras = text.components(separatedBy: "\n\n").filter { !$0.trimmedSpace.isEmpty }
        paragraphs = paras.count
        for p in paras { sentences += Sentences.split(p).count }
        guard let wordRE = try? PatternCache.shared.pattern("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*") else { return }
        let ns = text as NSString
        for m in try wordRE.matches(in: ns) {
            let w = ns.sub(m.range)
            words += 1
            characters += w.count
            let s = TextStats.syllables(w)
            syllables += s
            if w.count > 6 { longWords += 1 }
            if s >= 3 { polysyllabicWords += 1; if !w.contains("-") { complexWords += 1 } }
        }
    }

    static func syllables(_ word: String) -> Int {
        let w = word.lowercased().filter { $0.isLetter }
        if w.count <= 3 { return 1 }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var prevVowel = false
        for c in w {
            let v = vowels.contains(c)
            if v && !prevVowel { count += 1 }
            prevVowel = v
        }
        if w.hasSuffix("e") && !w.hasSuffix("le") && count > 1 { count -= 1 }
        if w.hasSuffix("es") || w.hasSuffix("ed"), count > 1, !w.hasSuffix("ted"), !w.hasSuffix("ded") { count -= 1 }
        return max(count, 1)
    }
}

/// Arithmetic over named variables, as metric formulas use it: numbers, `+ - * / %`,
/// parentheses, comparisons, `math.sqrt/pow/abs/log/...`.
struct Formula {
    struct ParseError: Error { let message: String }
    indirect enum Expr {
        case num(Double), variable(String), unary(Character, Expr), binary(String, Expr, Expr), call(String, [Expr])
    }
    let expr: Expr

    init(_ source: String) throws {
        var p = Parser(Array(source))
        expr = try p.comparison()
        p.skip()
        if p.i < p.c.count { throw ParseError(message: "unexpected '\(p.c[p.i])'") }
    }

    func evaluate(_ vars: [String: Double]) throws -> Double { try eval(expr, vars) }

    private func eval(_ e: Expr, _ v: [String: Double]) throws -> Double {
        switch e {
        case .num(let d): return d
        case .variable(let n): return v[n] ?? 0
        case .unary(let op, let x): let a = try eval(x, v); return op == "-" ? -a : (op == "!" ? (a == 0 ? 1 : 0) : a)
        case .binary(let op, let l, let r):
            let a = try eval(l, v), b = try eval(r, v)
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            case "%": return a.truncatingRemainder(dividingBy: b)
            case ">": return a > b ? 1 : 0
            case "<": return a < b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "&&": return (a != 0 && b != 0) ? 1 : 0
            case "||": return (a != 0 || b != 0) ? 1 : 0
            default: throw ParseError(message: "unknown operator \(op)")
            }
        case .call(let f, let args):
            let a = try args.map { try eval($0, v) }
            switch (f, a.count) {
            case ("math.sqrt", 1): return a[0].squareRoot()
            case ("math.abs", 1): return Swift.abs(a[0])
            case ("math.log", 1): return Foundation.log(a[0])
            case ("math.log10", 1): return Foundation.log10(a[0])
            case ("math.log2", 1): return Foundation.log2(a[0])
            case ("math.ceil", 1): return a[0].rounded(.up)
            case ("math.floor", 1): return a[0].rounded(.down)
            case ("math.round", 1): return a[0].rounded()
            case ("math.pow", 2): return Foundation.pow(a[0], a[1])
            case ("math.max", 2): return Swift.max(a[0], a[1])
            case ("math.min", 2): return Swift.min(a[0], a[1])
            case ("math.exp", 1): return Foundation.exp(a[0])
            default: throw ParseError(message: "unknown function \(f)")
            }
        }
    }

    private struct Parser {
        let c: [Character]
        var i = 0
        /// Operands read so far: a bound on the parse's recursion and on the tree evaluated
        /// recursively afterwards (`((((…` or `1+1+…` a hundred thousand long would overflow the
        /// stack). Real formulas have a few dozen.
        var operands = 0
        static let maxOperands = 1_000
        init(_ c: [Character]) { self.c = c }

        mutating func skip() { while i < c.count, c[i].isWhitespace { i += 1 } }
        mutating func peek(_ s: String) -> Bool {
            skip()
            let a = Array(s)
            guard i + a.count <= c.count else { return false }
            return Array(c[i..<(i + a.count)]) == a
        }
        mutating func comparison() throws -> Expr {
            var l = try additive()
            for op in [">=", "<=", "==", "!=", ">", "<", "&&", "||"] where peek(op) {
                i += op.count
                l = .binary(op, l, try additive())
                break
            }
            return l
        }
        mutating func additive() throws -> Expr {
            var l = try term()
            while true {
                if peek("+") {
                    i += 1; l = .binary("+", l, try term())
                } else if peek("-") {
                    i += 1; l = .binary("-", l, try term())
                } else {
                    return l
                }
            }
        }
        mutating func term() throws -> Expr {
            var l = try unary()
            while true {
                if peek("*") {
                    i += 1; l = .binary("*", l, try unary())
                } else if peek("/") {
                    i += 1; l = .binary("/", l, try unary())
                } else if peek("%") {
                    i += 1; l = .binary("%", l, try unary())
                } else {
                    return l
                }
            }
        }
        mutating func unary() throws -> Expr {
            operands += 1
            guard operands <= Self.maxOperands else {
                throw ParseError(message: "formula has more than \(Self.maxOperands) operands or nested parentheses (the formula size limit)")
            }
            if peek("-") { i += 1; return .unary("-", try unary()) }
            if peek("+") { i += 1; return try unary() }
            if peek("!") && !peek("!=") { i += 1; return .unary("!", try unary()) }
            return try primary()
        }
        mutating func primary() throws -> Expr {
            skip()
            guard i < c.count else { throw ParseError(message: "unexpected end of formula") }
            if c[i] == "(" {
                i += 1
                let e = try comparison()
                guard peek(")") else { throw ParseError(message: "missing ')'") }
                i += 1
                return e
            }
            if c[i].isNumber || c[i] == "." {
                var s = ""
                while i < c.count, c[i].isNumber || c[i] == "." || c[i] == "e" { s.append(c[i]); i += 1 }
                guard let d = Double(s) else { throw ParseError(message: "bad number '\(s)'") }
                return .num(d)
            }
            if c[i].isLetter || c[i] == "_" {
                var s = ""
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" || c[i] == "." { s.append(c[i]); i += 1 }
                if peek("(") {
                    i += 1
                    var args: [Expr] = []
                    if !peek(")") {
                        args.append(try comparison())
                        while peek(",") { i += 1; args.append(try comparison()) }
                    }
                    guard peek(")") else { throw ParseError(message: "missing ')' after arguments of \(s)") }
                    i += 1
                    return .call(s, args)
                }
                if s == "true" { return .num(1) }
                if s == "false" { return .num(0) }
                return .variable(s)
            }
            throw ParseError(message: "unexpected '\(c[i])'")
        }
    }
}
