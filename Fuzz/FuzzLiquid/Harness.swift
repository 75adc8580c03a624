import FuzzSupport
import Liquid

/// The Liquid parser and renderer on arbitrary input: the bytes before the first NUL are the
/// template, those after it (when they are JSON) the data; otherwise the data is a fixed record
/// full of the values that used to trap (NaN and infinite strings, huge numbers, Int.min).
/// Each template is parsed in the plain and the content (autoescape, strict) dialect, rendered
/// (plainly, in hole mode and traced), analyzed, and its text tried as a condition. Limits are lowered so one input stays fast.
let hostileData = try! Value.parseJSON(
    #"""
    {"s": "abc", "n": 3, "f": 1.5, "nan": "nan", "inf": 1e400, "ninf": -1e400, "big": 1e17, "huge": 1e300,
     "min": -9223372036854775808, "max": 9223372036854775807, "z": -0.0, "e": "", "d": "2024-03-05T10:20:30+02:00",
     "a": [1, "x", {"k": "v"}, [2, 3], null, true], "o": {"a": 1, "b": [true, null], "c": {"d": "e"}},
     "items": [{"price": "nan", "title": "<b>"}, {"price": 1e17, "title": "x"}, {"price": 12.5, "title": "y"}]}
    """#)

func environment(content: Bool) -> Environment {
    var env = content ? Environment.html : Environment()
    env.strictVariables = content
    env.limits.outputBytes = 1 << 20
    env.limits.loopIterations = 100_000
    env.limits.arrayItems = 100_000
    env.loader = DictionaryLoader(["p": "{{ s }}{% render 'p' %}", "q": "{% include 'q' %}{{ n }}", "r": "{{ a | join: ',' }}"])
    return env
}

let environments = [environment(content: false), environment(content: true)]

func fuzzLiquid(_ bytes: [UInt8]) {
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let source = String(decoding: bytes[..<split], as: UTF8.self)
    var data = hostileData
    if split < bytes.endIndex, let v = try? Value.parseJSON(bytes: bytes[(split + 1)...]) { data = ["data": v, "s": "abc"] }
    for env in environments {
        if let template = try? env.parse(source, name: "fuzz.liquid") {
            _ = try? template.render(data)
            // Hole mode and trace, as Assembly renders a recipient's values and skeleton.
            var bytes: [UInt8] = [], holes: [Hole] = []
            _ = try? template.render(data, into: &bytes, holes: &holes)
            bytes.removeAll(keepingCapacity: true); holes.removeAll(keepingCapacity: true)
            _ = try? template.trace(data, into: &bytes, holes: &holes)
            _ = template.analyze()
        }
        if let predicate = try? env.compileCondition(source) { _ = try? predicate.evaluate(data) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzLiquid(Fuzz.bytes(data, size))
    return 0
}

#if !FUZZING
@main struct Replay { static func main() { Fuzz.replay(fuzzLiquid) } }
#endif
