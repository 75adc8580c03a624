enum Validator { static func validate(_ root: MJMLNode, strict: Bool, file: String?) -> [MJMLDiagnostic] { [] } }
