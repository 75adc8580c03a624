import Foundation

/// The standard filter set, grouped by family in the files beside this one.
enum StandardFilters {
    static let all: [String: Filter] = {
        var f: [String: Filter] = [:]
        for family in [stringFilters, arrayFilters, mathFilters, htmlFilters, encodingFilters, dateFilters] {
            f.merge(family) { $1 }
        }
        return f
    }()
}

/// Helpers shared by filters.
extension Value {
    /// The text a filter works on (`nil` is "").
    var text: String { liquidString }

    /// An integer argument (ints, floats and numeric strings); nil when it is not one.
    var strictInteger: Int? {
        switch self {
        case .int(let i): return i
        case .string(let s): return Int(s.trimmingWhitespace)
        default: return nil
        }
    }

    /// What Ruby Liquid's `InputIterator` gives the array filters (`join`, `reverse`, `sort`,
    /// `sort_natural`, `uniq`, `compact`, `map`, `concat`, `sum` and the `where` family): the items
    /// of an array with nested arrays flattened (`[[4],[2,2,0]] | reverse | size` is 4), a range's
    /// numbers, or the value alone. `first`, `last`, `slice` and `size` see the array as it is.
    var flattenedItems: [Value] {
        switch self {
        case .null: return []
        case .array(let a): return a.flatMap { v -> [Value] in if case .array = v { return v.flattenedItems } else { return [v] } }
        case .range: return arrayItems ?? []
        default: return [self]
        }
    }
}

func filterError(_ message: String) -> LiquidError { LiquidError(.argument, message) }
