import Testing

@testable import Voice

@Test func libxml2Links() {
    #expect(Int(Voice.libxmlVersion) ?? 0 >= 20900)
}
