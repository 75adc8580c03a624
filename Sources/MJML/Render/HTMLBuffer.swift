/// The output: one pre-reserved byte array. Tags are written straight into it; a style
/// attribute is opened lazily so an element without styles gets no `style=""`.
struct HTMLBuffer {
    /// Manually managed bytes: Array.append(contentsOf:) on many short pieces was a third
    /// of render time; a memcpy into owned storage is a few nanoseconds.
    final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        @inline(__always) func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
            if count + n > capacity { grow(count + n) }
            (base + count).update(from: p, count: n)
            count += n
        }

        func grow(_ needed: Int) {
            var c = capacity * 2
            while c < needed { c *= 2 }
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            nb.update(from: base, count: count)
            base.deallocate()
            base = nb
            capacity = c
        }
    }

    let storage: Storage
    private var styleOpen = false

    init(capacity: Int) { storage = Storage(capacity: capacity) }

    var count: Int { storage.count }

    /// A copy of the bytes written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: storage.count)) }

    /// Read access without copying.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    @inline(__always) mutating func add(_ s: StaticString) {
        storage.append(s.utf8Start, s.utf8CodeUnitCount)
    }

    @inline(__always) mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { if let b = $0.baseAddress { storage.append(b, $0.count) } }
    }

    @inline(__always) mutating func add(_ s: Substring) {
        add(String(s))
    }

    mutating func add(_ other: HTMLBuffer) {
        storage.append(other.storage.base, other.storage.count)
    }

    // MARK: conditional comments

    private static let endif: [UInt8] = Array("<![endif]-->".utf8)

    /// Opens `<!--[if mso | IE]>`, or re-opens the one just closed (MJML merges them).
    mutating func startConditional() {
        if storage.count >= 12,
            UnsafeBufferPointer(start: storage.base + storage.count - 12, count: 12).elementsEqual(HTMLBuffer.endif)
        {
            storage.count -= 12
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

    /// `<a href="…" rel="…"`, left open for the caller's other attributes.
    mutating func openLink(_ href: String, rel: String?) {
        add("<a")
        attr("href", href)
        attr("rel", rel)
    }

    /// ` class="..."` unless empty.
    mutating func classAttr(_ value: String?) {
        guard let value, !value.isEmpty else { return }
        attr("class", value)
    }

    /// `k:v;` inside a lazily opened style attribute, when value is non-nil.
    @inline(__always) mutating func style(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        openStyle()
        add(name)
        add(":")
        add(value)
        add(";")
    }

    /// As `style`, for a property name known only at run time.
    @inline(__always) mutating func styleDynamic(_ name: String, _ value: String) {
        openStyle()
        add(name)
        add(":")
        add(value)
        add(";")
    }

    @inline(__always) private mutating func openStyle() {
        guard !styleOpen else { return }
        add(" style=\"")
        styleOpen = true
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
