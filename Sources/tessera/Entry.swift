import ArgumentParser
import BrandContext
import Diagnostics
import Foundation

/// How `tessera` starts: ArgumentParser's parse and run, plus two things it does not do itself.
/// A mistyped subcommand gets a did-you-mean instead of "Unexpected argument", and the usage
/// line of help and of usage errors is wrapped to the terminal like the rest of the help
/// (ArgumentParser wraps everything else but prints usage on one line, however long).
extension Tessera {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = UnknownSubcommand.message(for: arguments, root: Tessera.self) {
            printError(message)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = UsageWrapping.wrap(fullMessage(for: error), width: UsageWrapping.terminalWidth)
            if !message.isEmpty {
                if code == .success { print(message) } else { printError(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// `tessera rendr`: the word where a subcommand was expected, and the nearest subcommand name.
enum UnknownSubcommand {
    /// The error for the first word that names no subcommand of the command before it, or nil
    /// when the words name commands all the way (or an option comes first: ArgumentParser's
    /// own errors are clear there).
    static func message(for arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let children = command.configuration.subcommands
            // A command with a default subcommand takes its words as that subcommand's arguments.
            guard !children.isEmpty, command.configuration.defaultSubcommand == nil, !word.hasPrefix("-") else { return nil }
            let names = children.map { $0._commandName } + ["help"]
            guard let next = children.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) else {
                if word == "help" { return nil }
                let where_ = path.joined(separator: " ")
                return "error: '\(word)' is not a \(where_) command\(Suggest.hint(for: word, in: names))\n"
                    + "Run '\(where_) --help' for the list of commands."
            }
            command = next
            path.append(next._commandName)
        }
        return nil
    }
}

/// Wraps the `USAGE:` / `Usage:` line of a help or error message at option boundaries, each
/// further line indented under the first option, so no line is longer than the terminal.
enum UsageWrapping {
    /// What ArgumentParser wraps the rest of help to: COLUMNS, else the terminal's width, else 80.
    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    static func wrap(_ message: String, width: Int) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width, line.hasPrefix("USAGE: ") || line.hasPrefix("Usage: ") else { return String(line) }
            return wrapLine(String(line), width: width)
        }.joined(separator: "\n")
    }

    /// "USAGE: tessera x [--a <a>] [--b <b>] …" greedily filled; a bracketed option is never split.
    static func wrapLine(_ line: String, width: Int) -> String {
        let indent = String(repeating: " ", count: 7)  // under the command, past "USAGE: "
        var lines: [String] = []
        var current = ""
        for token in tokens(line) {
            if current.isEmpty {
                current = token
            } else if current.count + 1 + token.count <= width {
                current += " " + token
            } else {
                lines.append(current)
                current = indent + token
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Words split at spaces outside brackets: "[--segment <segment> ...]" stays one token.
    static func tokens(_ line: String) -> [String] {
        var result: [String] = [], current = "", depth = 0
        for c in line {
            if c == "[" || c == "<" { depth += 1 }
            if c == "]" || c == ">" { depth = max(0, depth - 1) }
            if c == " " && depth == 0 {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { result.append(current) }
        // "USAGE:" and the command name stay together on the first line.
        if result.count >= 2 { result[0...1] = [result[0] + " " + result[1]] }
        return result
    }
}
