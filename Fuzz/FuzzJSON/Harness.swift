import FuzzSupport
import Liquid

/// The JSON reader on arbitrary bytes: a one-off parse and a reused `JSONParser` (whose key and
/// string caches carry over between documents, as in a pipeline worker) must agree, and a value
/// read must render as text and re-read from its own inspect form without trapping.
/// libFuzzer calls the harness from one thread, so one parser can be reused without a lock.
nonisolated(unsafe) let reusedParser = JSONParser()

func fuzzJSON(_ bytes: [UInt8]) {
    let once = try? Value.parseJSON(bytes: bytes)
    let reused = try? reusedParser.parse(bytes)
    switch (once, reused) {
    case (nil, nil): return
    case (let a?, let b?):
        if !a.liquidEquals(b) { fatalError("JSONParser and Value.parseJSON disagree") }
        _ = a.liquidString
    default:
        fatalError("JSONParser and Value.parseJSON disagree on whether the input is JSON")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzJSON(Fuzz.bytes(data, size))
    return 0
}

#if !FUZZING
@main struct Replay { static func main() { Fuzz.replay(fuzzJSON) } }
#endif
