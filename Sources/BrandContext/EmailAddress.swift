import Foundation

/// A recipient's address, checked before it goes anywhere near a `To:` header: exactly one
/// RFC 5322 `addr-spec` (`local@domain`), no display name, no comments, no control characters.
public enum EmailAddress {
    /// Why `text` is not one usable address, or nil when it is. UTF-8 beyond ASCII is accepted
    /// in the local part and the domain (RFC 6531/6532 addresses).
    public static func problem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return "it is empty" }
        guard bytes.count <= 254 else { return "it is \(bytes.count) bytes long: at most 254" }
        if let c = bytes.first(where: { $0 < 0x20 || $0 == 0x7F }) { return "it contains a control character (byte 0x\(String(c, radix: 16, uppercase: true)))" }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0 else { return "it has no '@' with a local part before it" }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard local.count <= 64 else { return "its local part is \(local.count) bytes long: at most 64" }
        if let p = localProblem(local) { return p }
        return domainProblem(domain)
    }

    private static func localProblem(_ local: ArraySlice<UInt8>) -> String? {
        if local.first == UInt8(ascii: "\"") {
            return isQuotedString(local) ? nil : "its quoted local part is not closed or holds a bare '\"' or '\\'"
        }
        return isDotAtom(local, allowing: { isAtext($0) || $0 >= 0x80 })
            ? nil : "its local part must be letters, digits and !#$%&'*+-/=?^_`{|}~ in dot-separated words (one address, no display name, spaces or commas)"
    }

    private static func domainProblem(_ domain: ArraySlice<UInt8>) -> String? {
        guard !domain.isEmpty else { return "it has no domain after the '@'" }
        if domain.first == UInt8(ascii: "[") {
            let inner = domain.dropFirst().dropLast()
            guard domain.last == UInt8(ascii: "]"), !inner.isEmpty,
                  inner.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "\\") })
            else { return "its domain literal is not [address]" }
            return nil
        }
        for label in domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 >= 0x80 })
            else { return "its domain must be dot-separated labels of letters, digits and '-'" }
        }
        return nil
    }

    private static func isDotAtom(_ s: ArraySlice<UInt8>, allowing ok: (UInt8) -> Bool) -> Bool {
        s.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0.allSatisfy(ok) }
    }

    private static func isQuotedString(_ s: ArraySlice<UInt8>) -> Bool {
        guard s.count >= 2, s.last == UInt8(ascii: "\"") else { return false }
        var escaped = false
        for c in s.dropFirst().dropLast() {
            if escaped { escaped = false; continue }
            if c == UInt8(ascii: "\\") { escaped = true; continue }
            if c == UInt8(ascii: "\"") { return false }
        }
        return !escaped
    }

    /// RFC 5322 `atext`: the ASCII characters an atom may hold without quoting.
    public static func isAtext(_ c: UInt8) -> Bool {
        if c >= 0x80 { return false }
        if isLetter(c) || (c >= 0x30 && c <= 0x39) { return true }
        return "!#$%&'*+-/=?^_`{|}~".utf8.contains(c)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
