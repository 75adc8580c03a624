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
    func sortKey(_ v: Value) -> Value { key.map { property(v, $0) } ?? v }
    var failure: LiquidError?
    let result = items.enumerated().sorted { x, y in
        let a = sortKey(x.element), b = sortKey(y.element)
        if a.isNil != b.isNil { return b.isNil }  // missing keys last
        if a.isNil { return x.offset < y.offset }
        if natural {
            let sa = a.liquidString.lowercased(), sb = b.liquidString.lowercased()
            return sa == sb ? x.offset < y.offset : sa < sb
        }
        guard let order = a.liquidCompare(b) else {
            failure = failure ?? filterError("cannot sort \(a.typeName) with \(b.typeName)")
            return x.offset < y.offset
        }
        return order == .orderedSame ? x.offset < y.offset : order == .orderedAscending
    }.map { $0.element }
    if let failure { throw failure }
    return result
}

let arrayFilters: [String: Filter] = [
    "join": Filter(args: 0...1) { v, a, _ in
        guard v.arrayItems != nil else { return v.isNil ? .string("") : v }
        let sep = a.isEmpty ? " " : a[0].text
        return .string(v.flattenedItems.map { $0.liquidString }.joined(separator: sep))
    },
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
    "reverse": Filter { v, _, _ in
        guard let items = v.arrayItems else { return v.isNil ? .array([]) : v }
        return .array(items.reversed())
    },
    "compact": Filter(args: 0...1) { v, a, _ in
        let key = a.first.flatMap { $0.isNil ? nil : $0 }
        return .array(v.flattenedItems.filter { item in !(key.map { property(item, $0) } ?? item).isNil })
    },
    "uniq": Filter(args: 0...1) { v, a, _ in
        guard v.arrayItems != nil else { return v.isNil ? .array([]) : v }
        let key = a.first.flatMap { $0.isNil ? nil : $0 }
        var seen: [Value] = []
        var out: [Value] = []
        for item in v.flattenedItems {
            let k = key.map { property(item, $0) } ?? item
            if !seen.contains(where: { $0.liquidEquals(k) }) { seen.append(k); out.append(item) }
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
            return .array(try v.flattenedItems.map { item in
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
            let n = Number(x)
            if case .int(let p) = total, case .int(let q) = n { total = .int(p + q) } else { total = .decimal(total.decimal + n.decimal) }
        }
        return total.value
    },
]
