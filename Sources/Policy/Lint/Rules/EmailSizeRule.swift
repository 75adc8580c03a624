import Foundation

/// `email.size`: placeholder; see EmailSize.swift when implemented.
struct EmailSizeRule: LintRule {
    let ids = ["email.size"]
    func check(_ file: LintFile, _ context: LintContext) -> [Finding] { [] }
}
