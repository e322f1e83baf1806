import ArgumentParser
import CourtSyncModel
import CourtSyncReports
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check case numbers or licence numbers, for cleaning data.",
        subcommands: [CaseNumberCheck.self, LicenceCheck.self, CourtsCheck.self])
}

/// One checked input, as printed with --json.
struct CheckResult: Encodable {
    var input: String
    var valid: Bool
    var canonical: String?
    var year: Int?
    var court: String?
    var type: String?
    var serial: Int?
    var suffix: Int?
    var warnings: [String]?
    var reason: String?
    var position: Int?
}

/// Prints results one per line (text or JSON) and exits 65 if any input was invalid.
func printCheckResults(_ results: [CheckResult], json: Bool) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for result in results {
        if json {
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else if result.valid {
            let extra = (result.warnings ?? []).map { " (warning: \($0))" }.joined()
            print("ok       \(result.canonical ?? result.input)\(extra)")
        } else {
            let at = result.position.map { " at character \($0)" } ?? ""
            print("invalid  \(result.input)\(at): \(result.reason ?? "")")
        }
    }
    if results.contains(where: { !$0.valid }) { throw ExitCode(CLIFailure.dataError) }
}

struct CaseNumberCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case-number", abstract: "Check and normalise case numbers (案号).")

    @OptionGroup var node: NodeOptions
    @Flag(help: "One JSON object per input.") var json = false
    @Argument(help: "Case numbers to check.") var inputs: [String]

    func run() throws {
        let reference = try reportingFailures { try node.reference() }
        let results = inputs.map { input -> CheckResult in
            do throws(CourtSyncModel.ValidationError) {
                let number = try CaseNumber.parse(input, reference: reference, currentYear: NodeOptions.currentYear)
                return CheckResult(
                    input: input, valid: true, canonical: number.canonical, year: number.year, court: number.court,
                    type: number.typeWithSpecial, serial: number.serial, suffix: number.suffix)
            } catch {
                return CheckResult(input: input, valid: false, reason: error.reason, position: error.position)
            }
        }
        try printCheckResults(results, json: json)
    }
}

struct LicenceCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "licence", abstract: "Check lawyer licence numbers (律师执业证号).")

    @Flag(help: "One JSON object per input.") var json = false
    @Flag(help: "Registry mode: accept odd fields with a warning instead of refusing them.") var lenient = false
    @Argument(help: "Licence numbers to check.") var inputs: [String]

    func run() throws {
        let results = inputs.map { input -> CheckResult in
            do throws(CourtSyncModel.ValidationError) {
                let (licence, warnings) = try LicenceNumber.parse(
                    input, strict: !lenient, currentYear: NodeOptions.currentYear)
                return CheckResult(
                    input: input, valid: true, canonical: licence.digits, year: licence.firstYear,
                    warnings: warnings.isEmpty ? nil : warnings)
            } catch {
                return CheckResult(input: input, valid: false, reason: error.reason, position: error.position)
            }
        }
        try printCheckResults(results, json: json)
    }
}

struct CourtsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courts", abstract: "List the court codes of the reference data (courts.tsv).")

    @OptionGroup var node: NodeOptions

    func run() throws {
        try reportingFailures {
            var table = TextTable(headers: ["code", "name", "level", "parent", "node id", "confidence"])
            for court in try node.reference().courts {
                table.append([court.code, court.name, court.level.rawValue, court.parent ?? "", court.nodeID, court.confidence])
            }
            print(table.render())
        }
    }
}
