import Foundation

/// An argument to a Vale message: Go's `fmt` prints strings and ints differently.
enum FormatArg {
    case string(String)
    case int(Int)
}

/// Vale formats messages with Go's `fmt.Sprintf` after appending one empty argument and a
/// `%[N]s` verb for it (`core.FormatMessage`), so one missing `%s` prints nothing while extra
/// arguments are silently dropped. This is the subset of Go's verbs that rule messages use.
enum GoFormat {
    static func message(_ format: String, _ args: [FormatArg]) -> String {
        if format.isEmpty { return "" }
        if !format.utf8.contains(37) && !format.utf8.contains(10) { return format }
        if let fast = plainVerbs(format, args) { return fast }
        let all = args + [.string("")]
        let out = sprintf(format + "%[\(all.count)]s", all)
        return out.replacingOccurrences(of: "\n", with: " ")
    }

    /// The common case: only `%s` verbs, string arguments, at most one verb more than arguments.
    private static func plainVerbs(_ format: String, _ args: [FormatArg]) -> String? {
        var out: [UInt8] = []
        let f = Array(format.utf8)
        out.reserveCapacity(f.count + 32)
        var i = 0, argi = 0
        while i < f.count {
            let c = f[i]
            if c == 37 {
                guard i + 1 < f.count, f[i + 1] == 115 else { return nil }  // only `%s`
                if argi < args.count {
                    guard case .string(let s) = args[argi] else { return nil }
                    out.append(contentsOf: s.utf8)
                } else if argi > args.count {
                    return nil
                }  // a second missing argument
                argi += 1; i += 2; continue
            }
            out.append(c == 10 ? 32 : c); i += 1
        }
        var text = String(decoding: out, as: UTF8.self)
        if text.utf8.contains(10) { text = text.replacingOccurrences(of: "\n", with: " ") }
        return text
    }

    static func sprintf(_ format: String, _ args: [FormatArg]) -> String {
        var out = ""
        let chars = Array(format.unicodeScalars)
        var i = 0
        var argNum = 0
        var reordered = false
        while i < chars.count {
            let c = chars[i]
            if c != "%" { out.unicodeScalars.append(c); i += 1; continue }
            i += 1
            guard i < chars.count else { out += "%!(NOVERB)"; break }
            // flags
            var flags = ""
            while i < chars.count, "+-# 0".unicodeScalars.contains(chars[i]) { flags.unicodeScalars.append(chars[i]); i += 1 }
            // explicit argument index
            if i < chars.count, chars[i] == "[" {
                var j = i + 1
                var num = 0
                var ok = false
                while j < chars.count, chars[j].isASCII, let d = Int(String(chars[j])) { num = num * 10 + d; j += 1; ok = true }
                if ok, j < chars.count, chars[j] == "]" {
                    argNum = num - 1; reordered = true; i = j + 1
                }
            }
            var width: Int?
            while i < chars.count, chars[i].isASCII, let d = Int(String(chars[i])) { width = (width ?? 0) * 10 + d; i += 1 }
            var precision: Int?
            if i < chars.count, chars[i] == "." {
                i += 1; precision = 0
                while i < chars.count, chars[i].isASCII, let d = Int(String(chars[i])) { precision = precision! * 10 + d; i += 1 }
            }
            guard i < chars.count else { out += "%!(NOVERB)"; break }
            let verb = chars[i]
            i += 1
            if verb == "%" { out += "%"; continue }
            guard argNum >= 0, argNum < args.count else {
                out += "%!\(verb)(MISSING)"; continue
            }
            let arg = args[argNum]
            argNum += 1
            var piece: String
            switch (verb, arg) {
            case ("s", .string(let s)), ("v", .string(let s)): piece = s
            case ("q", .string(let s)): piece = quote(s)
            case ("d", .int(let n)), ("v", .int(let n)): piece = String(n)
            case ("s", .int(let n)): piece = "%!s(int=\(n))"
            case ("d", .string(let s)): piece = "%!d(string=\(s))"
            case ("f", .int(let n)): piece = "%!f(int=\(n))"
            case ("f", .string(let s)): piece = "%!f(string=\(s))"
            default:
                switch arg {
                case .string(let s): piece = "%!\(verb)(string=\(s))"
                case .int(let n): piece = "%!\(verb)(int=\(n))"
                }
            }
            if let p = precision, verb == "s", case .string = arg { piece = String(piece.prefix(p)) }
            if let w = width, piece.count < w {
                let pad = String(repeating: flags.contains("0") ? "0" : " ", count: w - piece.count)
                piece = flags.contains("-") ? piece + pad : pad + piece
            }
            out += piece
        }
        if !reordered && argNum < args.count {
            out += "%!(EXTRA "
            out += args[argNum...].map { a -> String in
                switch a {
                case .string(let s): return "string=\(s)";
                case .int(let n): return "int=\(n)"
                }
            }.joined(separator: ", ")
            out += ")"
        }
        return out
    }

    private static func quote(_ s: String) -> String {
        var r = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\t": r += "\\t"
            default: r.unicodeScalars.append(c)
            }
        }
        return r + "\""
    }
}
