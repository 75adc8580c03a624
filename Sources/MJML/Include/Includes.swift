enum Includes { static func expand(_ node: inout MJMLNode, root: String, diagnostics: inout [MJMLDiagnostic]) {} }
