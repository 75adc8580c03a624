/// `forloop`: index, first, last… of the innermost loop.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
final class ForLoopDrop: LiquidDrop, @unchecked Sendable {
    let name: String
    let length: Int
    let parent: ForLoopDrop?
    @exclusivity(unchecked) var index0 = 0

    init(name: String, length: Int, parent: ForLoopDrop?) {
        self.name = name
        self.length = length
        self.parent = parent
    }

    func property(_ key: String) -> Value? {
        switch key {
        case "name": return .string(name)
        case "parentloop": return parent.map { .drop($0) }
        default: return loopPosition(key, index0: index0, length: length)
        }
    }
}

/// The position properties `forloop` and `tablerowloop` share.
func loopPosition(_ key: String, index0: Int, length: Int) -> Value? {
    switch key {
    case "index": return .int(index0 + 1)
    case "index0": return .int(index0)
    case "rindex": return .int(length - index0)
    case "rindex0": return .int(length - index0 - 1)
    case "first": return .bool(index0 == 0)
    case "last": return .bool(index0 == length - 1)
    case "length": return .int(length)
    default: return nil
    }
}
