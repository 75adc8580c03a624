import Foundation

/// What `where`, `reject`, `has`, `find` and `find_index` iterate: an object counts as a one-item array.
private func filterItems(_ v: Value) -> [Value] {
    switch v {
    case .object, .string: return [v]
    default: return v.flattenedItems
    }
}

/// The property test of `where`/`has`/`find`: nil when an item cannot be tested.
private enum Probe { case match, noMatch, untestable }

private func probe(_ item: Value, _ property: Value, _ target: Value?) throws -> Probe {
    let found: Value?
    switch item {
    case .object(let o): found = o[property.text]
    case .string(let s):
        guard case .string(let p) = property else { return .untestable }
        found = s.contains(p) ? .string(p) : nil
    case .int(let i):
        // Ruby reads `int[n]` as bit n: always a (truthy) number; a string index is a type error.
        guard case .int(let n) = property else { throw filterError("cannot read property \(property.inspect) of integer") }
        found = .int(n >= 0 && n < 64 ? (i >> n) & 1 : 0)
    case .null, .bool: return .untestable
    case .drop(let d): found = d.property(property.text)
    default: throw filterError("cannot read property \(property.inspect) of \(item.typeName)")
    }
    if let target, !target.isNil { return found.map { $0.liquidEquals(target) } == true ? .match : .noMatch }
    return found?.isTruthy == true ? .match : .noMatch
}

private func property(_ item: Value, _ key: Value) -> Value {
    if case .object(let o) = item { return o[key.text] ?? .null }
    if case .drop(let d) = item { return d.property(key.text) ?? .null }
    return .null
}

private func sorted(_ items: [Value], by key: Value?, natural: Bool) throws -> [Value] {
    let keys = items.map { v in key.map { property(v, $0) } ?? v }
    // sort_natural compares lower-cased text: made once per item, not once per comparison.
    let folded = natural ? keys.map { $0.liquidString.lowercased() } : []
    var failure: LiquidError?
    let order = items.indices.sorted { x, y in
        let a = keys[x], b = keys[y]
        if a.isNil != b.isNil { return b.isNil }  // missing keys last
        if a.isNil { return x < y }
        if natural { return folded[x] == folded[y] ? x < y : folded[x] < folded[y] }
        guard let order = a.liquidCompare(b) else {
            failure = failure ?? filterError("cannot sort \(a.typeName) with \(b.typeName)")
            return x < y
        }
        return order == .orderedSame ? x < y : order == .orderedAscending
    }
    if let failure { throw failure }
    return order.map { items[$0] }
}

/// What `uniq` files a value under: values equal under `liquidEquals` share a key (numbers by
/// their Double value, strings by text), so duplicates are found in one pass, not by comparing
/// every pair. A key's few candidates are still compared with `liquidEquals`.
private enum UniqKey: Hashable {
    case null, bool(Bool), number(Double), string(String), other

    init(_ v: Value) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .number(Double(i))
        case .double(let d): self = .number(d)
        case .string(let s): self = .string(s)
        default: self = .other
        }
    }
}

/// `join`'s text, refused before it is built when the separators alone, or with the items'
/// text, would pass the output limit.
private func joined(_ items: [Value], _ separator: String, _ limits: Limits) throws -> String {
    let (separators, overflow) = separator.utf8.count.multipliedReportingOverflow(by: max(items.count - 1, 0))
    var budget = limits.outputBytes - (overflow ? limits.outputBytes + 1 : separators)
    if budget < 0 || !Value.textFits(items, within: &budget) {
        throw LiquidError.stringLimit("joining \(items.count) items with a \(separator.utf8.count)-byte separator", limits)
    }
    return items.map { $0.liquidString }.joined(separator: separator)
}

let arrayFilters: [String: Filter] = [
    "join": Filter(
        args: 0...1,
        limited: { v, a, _, limits in
            guard v.arrayItems != nil else { return v.isNil ? .string("") : v }
            return .string(try joined(v.flattenedItems, a.isEmpty ? " " : a[0].text, limits))
        }),
    "first": Filter { v, _, _ in
        switch v {
        case .array, .range: return v.arrayItems?.first ?? .null
        case .object(let o): return o.keys.first.map { .array([.string($0), o[$0]!]) } ?? .null
        default: return .null
        }
    },
    "last": Filter { v, _, _ in
        switch v {
        case .array, .range: return v.arrayItems?.last ?? .null
        default: return .null
        }
    },
    "concat": Filter(args: 1...1) { v, a, _ in
        guard let more = a[0].arrayItems else { throw filterError("expected an array argument, got \(a[0].typeName)") }
        return .array(v.flattenedItems + more)
    },
    "reverse": Filter { v, _, _ in .array(v.flattenedItems.reversed()) },
    "compact": Filter(args: 0...1) { v, a, _ in
        let key = a.first.flatMap { $0.isNil ? nil : $0 }
        return .array(v.flattenedItems.filter { item in !(key.map { property(item, $0) } ?? item).isNil })
    },
    "uniq": Filter(args: 0...1) { v, a, _ in
        guard v.arrayItems != nil else { return v.isNil ? .array([]) : v }
        let key = a.first.flatMap { $0.isNil ? nil : $0 }
        var seen: [UniqKey: [Value]] = [:]
        var out: [Value] = []
        for item in v.flattenedItems {
            let k = key.map { property(item, $0) } ?? item
            let bucket = UniqKey(k)
            if seen[bucket]?.contains(where: { $0.liquidEquals(k) }) == true { continue }
            seen[bucket, default: []].append(k)
            out.append(item)
        }
        return .array(out)
    },
    "sort": Filter(args: 0...1) { v, a, _ in
        guard v.arrayItems != nil else { return v.isNil ? .array([]) : v }
        return .array(try sorted(v.flattenedItems, by: a.first.flatMap { $0.isNil ? nil : $0 }, natural: false))
    },
    "sort_natural": Filter(args: 0...1) { v, a, _ in
        guard v.arrayItems != nil else { return v.isNil ? .array([]) : v }
        return .array(try sorted(v.flattenedItems, by: a.first.flatMap { $0.isNil ? nil : $0 }, natural: true))
    },
    "map": Filter(args: 1...1) { v, a, _ in
        switch v {
        case .null: return .array([])
        case .object: return .array([property(v, a[0])])
        case .array, .range:
            return .array(
                try v.flattenedItems.map { item in
                    switch item {
                    case .object, .drop: return property(item, a[0])
                    case .string(let s):
                        guard case .string(let p) = a[0] else { return .null }
                        return s.contains(p) ? .string(p) : .null
                    case .int: throw filterError("cannot map property \(a[0].inspect) of integer")
                    default: return .null
                    }
                })
        default: throw filterError("expected an array, got \(v.typeName)")
        }
    },
    "where": Filter(args: 1...2) { v, a, _ in
        let target = a.count > 1 ? a[1] : nil
        return .array(try filterItems(v).filter { try probe($0, a[0], target) == .match })
    },
    "reject": Filter(args: 1...2) { v, a, _ in
        let target = a.count > 1 ? a[1] : nil
        var out: [Value] = []
        for item in filterItems(v) {
            switch try probe(item, a[0], target) {
            case .match: continue
            case .noMatch: out.append(item)
            case .untestable: return .null
            }
        }
        return .array(out)
    },
    "has": Filter(args: 1...2) { v, a, _ in
        let target = a.count > 1 ? a[1] : nil
        for item in filterItems(v) {
            switch try probe(item, a[0], target) {
            case .match: return .bool(true)
            case .noMatch: continue
            case .untestable: return .null
            }
        }
        return .bool(false)
    },
    "find": Filter(args: 1...2) { v, a, _ in
        let target = a.count > 1 ? a[1] : nil
        for item in filterItems(v) {
            switch try probe(item, a[0], target) {
            case .match: return item
            case .noMatch: continue
            case .untestable: return .null
            }
        }
        return .null
    },
    "find_index": Filter(args: 1...2) { v, a, _ in
        let target = a.count > 1 ? a[1] : nil
        for (i, item) in filterItems(v).enumerated() {
            switch try probe(item, a[0], target) {
            case .match: return .int(i)
            case .noMatch: continue
            case .untestable: return .null
            }
        }
        return .null
    },
    "sum": Filter(args: 0...1) { v, a, _ in
        var total = Number.int(0)
        let key = a.first.flatMap { $0.isNil ? nil : $0 }
        for item in v.flattenedItems {
            var x = item
            if let key {
                // Ruby reads `item[key]`: objects give the member, integers cannot be indexed by a key.
                switch item {
                case .object, .drop: x = property(item, key)
                case .int: throw filterError("cannot sum property \(key.inspect) of integer")
                default: continue
                }
            }
            switch x {
            case .int, .double, .string: break
            default: continue
            }
            let n = try Number(x)
            if case .int(let p) = total, case .int(let q) = n, case (let r, false) = p.addingReportingOverflow(q) {
                total = .int(r)
            } else {
                total = .decimal(total.decimal + n.decimal)
            }
        }
        return try total.value()
    },
]
