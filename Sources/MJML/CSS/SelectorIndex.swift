/// Selectors bucketed by the rightmost compound (its id, else its first class, else its tag,
/// else "any element"), so an element is tested only against the selectors that could match
/// it: the inliner's cost follows elements plus matches, not rules × elements.
///
/// Buckets are keyed by hashes of bytes (no string per element); a hash collision only adds a
/// candidate, which the full selector test then rejects. A bucket lists selector indices in
/// increasing order, and `candidates` returns them merged in that order, so rules still apply
/// in their cascade order.
struct SelectorIndex: Sendable {
    private var byID: [UInt64: [Int32]] = [:]
    private var byClass: [UInt64: [Int32]] = [:]
    /// Packed tag names, sorted, and their buckets: every element looks its tag up, and a
    /// binary search over a few integers costs less than hashing one.
    private var tags: [UInt64] = []
    private var tagBuckets: [[Int32]] = []
    private var anyElement: [Int32] = []

    /// Whether some selector is keyed by id / by class (else an element's id or classes need
    /// not be read at all).
    var usesIDs: Bool { !byID.isEmpty }
    var usesClasses: Bool { !byClass.isEmpty }

    init(_ selectors: [Selector]) {
        var byTag: [UInt64: [Int32]] = [:]
        for (i, selector) in selectors.enumerated() {
            let index = Int32(i)
            let c = selector.compounds[selector.compounds.count - 1]
            if let id = c.id {
                byID[Self.hash(id.utf8), default: []].append(index)
            } else if let first = c.classBytes.first, c.attributes.isEmpty {
                // Only class-only compounds: the inliner reads their classes from the class
                // attribute's bytes, the same way `candidates` is fed.
                byClass[Self.hash(first), default: []].append(index)
            } else if let tag = c.tag {
                byTag[CSSInliner.pack(Array(tag.utf8)[...]), default: []].append(index)
            } else {
                anyElement.append(index)
            }
        }
        tags = byTag.keys.sorted()
        tagBuckets = tags.map { byTag[$0]! }
    }

    private func bucket(forTag tag: UInt64) -> [Int32]? {
        var lo = 0, hi = tags.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tags[mid] < tag { lo = mid + 1 } else { hi = mid }
        }
        return lo < tags.count && tags[lo] == tag ? tagBuckets[lo] : nil
    }

    /// Indices of the selectors that may match an element, ascending and without repeats.
    /// `tag`: the packed tag name (`CSSInliner.pack`); `id`: the id's bytes; `classes`: the
    /// class attribute's bytes (names separated by spaces).
    @inline(__always)
    func candidates(tag: UInt64, id: ArraySlice<UInt8>?, classes: ArraySlice<UInt8>?, into out: inout [Int32]) {
        if !out.isEmpty { out.removeAll(keepingCapacity: true) }
        // The usual element of an email matches no bucket: answer it without further work.
        if anyElement.isEmpty && id == nil && classes == nil && (tags.isEmpty || tag < tags[0] || tag > tags[tags.count - 1]) {
            return
        }
        var buckets = 0
        func add(_ bucket: [Int32]) {
            guard !bucket.isEmpty else { return }
            out += bucket
            buckets += 1
        }
        add(anyElement)
        if let hit = bucket(forTag: tag) { add(hit) }
        if let id, let hit = byID[Self.hash(id)] { add(hit) }
        if let classes, !byClass.isEmpty {
            var w = classes.startIndex
            while w < classes.endIndex {
                while w < classes.endIndex, classes[w] == 32 { w += 1 }
                var e = w
                while e < classes.endIndex, classes[e] != 32 { e += 1 }
                if e > w, let hit = byClass[Self.hash(classes[w..<e])] { add(hit) }
                w = e
            }
        }
        // One bucket is already in order; several are merged by sorting (an element has few).
        if buckets > 1 {
            out.sort()
            var kept = 0
            for k in out.indices where k == 0 || out[k] != out[kept - 1] {
                out[kept] = out[k]
                kept += 1
            }
            out.removeLast(out.count - kept)
        }
    }

    /// FNV-1a over bytes.
    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }
}
