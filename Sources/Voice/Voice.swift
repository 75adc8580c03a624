import CLibXML2

/// Voice: a prose linter that reads Vale-style rules (issue #5).
public enum Voice {
    /// The libxml2 version linked, e.g. "20914"; proves the system library links.
    public static var libxmlVersion: String { String(cString: __xmlParserVersion().pointee!) }
}
