import Foundation

let encodingFilters: [String: Filter] = [
    "url_encode": Filter { v, _, _ in v.isNil ? .null : .string(formEncode(v.text)) },
    "url_decode": Filter { v, _, _ in
        if v.isNil { return .null }
        let s = v.text.replacingOccurrences(of: "+", with: " ")
        return .string(s.removingPercentEncoding ?? s)
    },
    "base64_encode": Filter { v, _, _ in .string(Data(v.text.utf8).base64EncodedString()) },
    "base64_decode": Filter { v, _, _ in try base64Decode(v.text, urlSafe: false) },
    "base64_url_safe_encode": Filter { v, _, _ in
        .string(Data(v.text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
    },
    "base64_url_safe_decode": Filter { v, _, _ in try base64Decode(v.text, urlSafe: true) },
]

/// CGI.escape: unreserved characters kept, space as '+', the rest percent-encoded (hex digits
/// from a table: a formatted string per byte made long values take seconds).
func formEncode(_ s: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.append(b)
        case UInt8(ascii: " "): out.append(UInt8(ascii: "+"))
        default: out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
        }
    }
    return String(decoding: out, as: UTF8.self)
}

func base64Decode(_ s: String, urlSafe: Bool) throws -> Value {
    var t = s
    if urlSafe { t = t.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") }
    while t.count % 4 != 0 { t += "=" }
    guard let data = Data(base64Encoded: t) else { throw filterError("invalid base64 input") }
    return .string(String(decoding: data, as: UTF8.self))
}
