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

    /// A file name for a recipient id: letters, digits, `-`, `_`, `.` kept, the rest `_`.
    public static func fileName(_ id: String) -> String {
        let s = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_" })
        return s.hasPrefix(".") ? "_" + s.dropFirst() : s
    }
}

extension RenderedRecipient {
    /// The NDJSON record without `html` and `text` (for `manifest.ndjson`).
    public func manifestLine() -> [UInt8] {
        var copy = self
        copy.skeleton = nil
        var out: [UInt8] = []
        NDJSONWriter.append(copy, to: &out)
        return out
    }
}
