import Foundation

/// A recipient's address, checked before it goes anywhere near a `To:` header: exactly one
/// RFC 5322 `addr-spec` (`local@domain`), no display name, no comments, no control characters.
package enum EmailAddress {
    /// Why `text` is not one usable address, or nil when it is. UTF-8 beyond ASCII is accepted
    /// in the local part and the domain (RFC 6531/6532 addresses). Read in place: every
    /// recipient of an email template is checked.
    package static func problem(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { problem(in: $0) }
    }

    private static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard !bytes.isEmpty else { return "it is empty" }
        guard bytes.count <= 254 else { return "it is \(bytes.count) bytes long: at most 254" }
        var at = -1
        for (i, c) in bytes.enumerated() {
            if c < 0x20 || c == 0x7F { return "it contains a control character (byte 0x\(String(c, radix: 16, uppercase: true)))" }
            if c == atSign { at = i }
        }
        guard at > 0 else { return "it has no '@' with a local part before it" }
        let local = UnsafeBufferPointer(rebasing: bytes[..<at]), domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)...])
        guard local.count <= 64 else { return "its local part is \(local.count) bytes long: at most 64" }
        if let p = localProblem(local) { return p }
        return domainProblem(domain)
    }

    private static func localProblem(_ local: UnsafeBufferPointer<UInt8>) -> String? {
        if local.first == quote {
            return isQuotedString(local) ? nil : "its quoted local part is not closed or holds a bare '\"' or '\\'"
        }
        return isDotAtom(local)
            ? nil
            : "its local part must be letters, digits and !#$%&'*+-/=?^_`{|}~ in dot-separated words (one address, no display name, spaces or commas)"
    }

    private static func domainProblem(_ domain: UnsafeBufferPointer<UInt8>) -> String? {
        guard !domain.isEmpty else { return "it has no domain after the '@'" }
        if domain.first == UInt8(ascii: "[") {
            let inner = domain.dropFirst().dropLast()
            guard domain.last == UInt8(ascii: "]"), !inner.isEmpty,
                inner.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") && $0 != backslash })
            else { return "its domain literal is not [address]" }
            return nil
        }
        return areLabels(domain) ? nil : "its domain must be dot-separated labels of letters, digits and '-'"
    }

    /// Dot-separated labels of 1 to 63 letters, digits, `-` (not first or last) or UTF-8.
    private static func areLabels(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var length = 0
        var previous: UInt8 = dot
        for c in s {
            if c == dot {
                guard length > 0, previous != dash else { return false }
                length = 0
            } else {
                guard isLetter(c) || (c >= 0x30 && c <= 0x39) || c >= 0x80 || (c == dash && length > 0) else { return false }
                length += 1
                guard length <= 63 else { return false }
            }
            previous = c
        }
        return length > 0 && previous != dash
    }

    /// Atoms (`atext` or UTF-8) joined by single dots.
    private static func isDotAtom(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var afterDot = true
        for c in s {
            if c == dot {
                if afterDot { return false }
                afterDot = true
            } else {
                guard isAtext(c) || c >= 0x80 else { return false }
                afterDot = false
            }
        }
        return !afterDot
    }

    private static func isQuotedString(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count >= 2, s.last == quote else { return false }
        var escaped = false
        for c in s.dropFirst().dropLast() {
            if escaped { escaped = false; continue }
            if c == backslash { escaped = true; continue }
            if c == quote { return false }
        }
        return !escaped
    }

    private static let atSign = UInt8(ascii: "@"), dot = UInt8(ascii: "."), dash = UInt8(ascii: "-")
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// RFC 5322 `atext`: the ASCII characters an atom may hold without quoting.
    package static func isAtext(_ c: UInt8) -> Bool {
        c < 0x80 && (c < 0x40 ? atextLow >> UInt64(c) & 1 : atextHigh >> UInt64(c - 0x40) & 1) == 1
    }

    /// `atext` as two 64-bit masks (bytes 0–63 and 64–127), built once.
    private static let (atextLow, atextHigh): (UInt64, UInt64) = {
        var low: UInt64 = 0, high: UInt64 = 0
        for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8 {
            if c < 0x40 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 0x40) }
        }
        return (low, high)
    }()

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
