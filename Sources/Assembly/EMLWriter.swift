import BrandContext
import Foundation

/// RFC 5322 messages, multipart/alternative (text/plain then text/html, UTF-8, base64), for
/// `--format eml`. Deterministic: the boundary and Message-ID derive from the recipient id and
/// the Date is the pinned clock.
public enum EMLWriter {
    public static func message(_ r: RenderedRecipient, to address: String?, sender: Sender, now: Date) -> [UInt8] {
        let id = r.id ?? "unknown"
        let tag = String(Holdout.fnv1a(Array(id.utf8) + Array((r.template ?? "").utf8)), radix: 16)
        let boundary = "tessera-\(tag)"
        let domain = sender.email.split(separator: "@").last.map(String.init) ?? "localhost"
        // Every header value is encoded or checked: a subject, a name or an id cannot add a line.
        var lines = [
            "From: \(MailHeader.phrase(sender.name)) <\(sender.email)>",
            "To: \(address.flatMap { EmailAddress.problem($0) == nil ? $0 : nil } ?? "undisclosed-recipients:;")",
            MailHeader.unstructured("Subject", r.subject),
            "Date: \(rfc5322Date(now))",
            "Message-ID: <\(tag).\(messageIDPart(id))@\(domain)>",
        ]
        if let reply = sender.replyTo, EmailAddress.problem(reply) == nil { lines.append("Reply-To: \(reply)") }
        lines += [
            "MIME-Version: 1.0",
            MailHeader.unstructured("X-Tessera-Template", r.template ?? ""),
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            base64Lines(r.text),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            base64Lines(r.html),
            "--\(boundary)--",
            "",
        ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// The id's ASCII letters, digits and `-`, at most 64: readable, and safe inside `<…@…>`.
    static func messageIDPart(_ id: String) -> String {
        String(decoding: id.utf8.lazy.filter { Byte.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == Byte.dash }.prefix(64), as: UTF8.self)
    }

    static func base64Lines(_ s: String) -> String {
        Data(s.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func rfc5322Date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: d)
    }

    /// The longest name body `fileName` returns before its hash suffix: with `~` and 16 hex
    /// digits, an extension (`.html`) and the writer's temporary prefix and suffix, a name stays
    /// well under the 255 bytes most file systems allow.
    public static let fileNameBodyLimit = 160

    /// A file name (without extension) for a recipient id, distinct for distinct ids and safe
    /// on any file system (docs/pipeline.md "File names"):
    /// - ASCII letters, digits, `-`, `_` and `.` are kept (a leading `.` is escaped, so no name
    ///   is `.`, `..` or hidden); every other byte of the UTF-8 id, `%` included, becomes `%XX`.
    ///   Percent-encoding with a fixed kept set is reversible, hence injective, and leaves no
    ///   separator, control character or non-ASCII byte.
    /// - An id with an upper-case letter, or whose escaped form is over `fileNameBodyLimit`
    ///   bytes, gets `~` and the 16 hex digits of its FNV-1a 64 hash appended (a long one cut to
    ///   the limit first). `~` is always escaped in the body, so suffixed names never meet
    ///   plain ones, and on a case-insensitive file system (macOS, Windows) `Ab` and `ab` still
    ///   get different files. Distinct up to a 64-bit hash collision.
    public static func fileName(_ id: String) -> String {
        var body: [UInt8] = []
        body.reserveCapacity(id.utf8.count)
        var hasUpper = false
        let hex = Array("0123456789ABCDEF".utf8)
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                body.append(b)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                hasUpper = true
                body.append(b)
            case UInt8(ascii: ".") where !body.isEmpty:
                body.append(b)
            default:
                body += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        guard hasUpper || body.count > fileNameBodyLimit else { return String(decoding: body, as: UTF8.self) }
        if body.count > fileNameBodyLimit {
            var cut = fileNameBodyLimit
            // Do not split a %XX escape.
            if body[cut - 1] == UInt8(ascii: "%") { cut -= 1 } else if body[cut - 2] == UInt8(ascii: "%") { cut -= 2 }
            body.removeSubrange(cut...)
        }
        let digest = String(Holdout.fnv1a(id.utf8), radix: 16)
        return String(decoding: body, as: UTF8.self) + "~" + String(repeating: "0", count: 16 - digest.count) + digest
    }
}

extension RenderedRecipient {
    /// The NDJSON record for `manifest.ndjson`: `html` and `text` hold the names of the files
    /// the bodies went to (`bodyFiles`), or are empty (an .eml carries both bodies).
    public func manifestLine(bodyFiles: (html: String, text: String)? = nil) -> [UInt8] {
        var copy = self
        copy.skeleton = nil
        var out: [UInt8] = []
        NDJSONWriter.append(copy, bodyFiles: bodyFiles, to: &out)
        return out
    }
}
