import Foundation

/// The email-client support table (converted from caniemail).
struct ClientSupportTable: Sendable {
    static let bundled: ClientSupportTable? = nil
}

/// `email.client-support`: placeholder until the caniemail table ships.
struct ClientSupportRule: LintRule {
    let ids = ["email.client-support"]
    func check(_ file: LintFile, _ context: LintContext) -> [Finding] { [] }
}
