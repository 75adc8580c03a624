/// The output: one pre-reserved byte array. Tags are written straight into it; a style
/// attribute is opened lazily so an element without styles gets no `style=""`.
struct HTMLBuffer {
    var bytes: [UInt8] = []
    private var styleOpen = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    @inline(__always) mutating func add(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func add(_ s: Substring) {
        bytes.append(contentsOf: s.utf8)
    }

    // MARK: conditional comments

    private static let endif: [UInt8] = Array("<![endif]-->".utf8)

    /// Opens `<!--[if mso | IE]>`, or re-opens the one just closed (MJML merges them).
    mutating func startConditional() {
        if bytes.count >= 12, bytes[(bytes.count - 12)...].elementsEqual(HTMLBuffer.endif) {
            bytes.removeLast(12)
        } else {
            add("<!--[if mso | IE]>")
        }
    }

    mutating func endConditional() { add("<![endif]-->") }

    // MARK: tags

    @inline(__always) mutating func open(_ name: StaticString) {
        add("<")
        add(name)
    }

    /// ` name="value"` when value is non-nil.
    @inline(__always) mutating func attr(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        add(" ")
        add(name)
        add("=\"")
        add(value)
        add("\"")
    }

    /// ` class="..."` unless empty.
    mutating func classAttr(_ value: String?) {
        guard let value, !value.isEmpty else { return }
        attr("class", value)
    }

    /// `k:v;` inside a lazily opened style attribute, when value is non-nil.
    @inline(__always) mutating func style(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        if !styleOpen {
            add(" style=\"")
            styleOpen = true
        }
        add(name)
        add(":")
        add(value)
        add(";")
    }

    @inline(__always) mutating func styleDynamic(_ name: String, _ value: String) {
        if !styleOpen {
            add(" style=\"")
            styleOpen = true
        }
        add(name)
        add(":")
        add(value)
        add(";")
    }

    /// Ends the open tag (closing any style attribute).
    @inline(__always) mutating func close() {
        if styleOpen {
            add("\">")
            styleOpen = false
        } else {
            add(">")
        }
    }

    /// Ends the open tag as `/>`.
    mutating func closeVoid() {
        if styleOpen {
            add("\" />")
            styleOpen = false
        } else {
            add(" />")
        }
    }

    @inline(__always) mutating func end(_ name: StaticString) {
        add("</")
        add(name)
        add(">")
    }

    /// `<table border="0" cellpadding="0" cellspacing="0" role="presentation"` (left open).
    mutating func openPresentationTable() {
        add("<table border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\"")
    }
}
