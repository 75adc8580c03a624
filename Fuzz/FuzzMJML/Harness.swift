import FuzzSupport
import MJML

/// The MJML parser and both renderers on arbitrary bytes (includes off: no file access).
func fuzzMJML(_ bytes: [UInt8]) {
    let document = MJML.parse(bytes: bytes)
    _ = MJML.renderBytes(document)
    _ = MJML.renderText(document)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzMJML(Fuzz.bytes(data, size))
    return 0
}

#if !FUZZING
@main struct Replay { static func main() { Fuzz.replay(fuzzMJML) } }
#endif
