import ArgumentParser
import CourtSyncModel
import CourtSyncReports
import CourtSyncStore

struct LawyerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lawyer", abstract: "The lawyer registry (written at the bar association's node).",
        subcommands: [LawyerAdd.self, LawyerUpdate.self, LawyerShow.self, LawyerList.self])
}

struct LawyerFieldOptions: ParsableArguments {
    @Option(help: "Name.") var name: String?
    @Option(help: "17-digit licence number (律师执业证号).") var licence: String?
    @Option(help: "practising, suspended or revoked.") var status: String?
    @Option(help: "The law firm's id.") var firm: String?
    @Option(help: "Phone.") var phone: String?
    @Option(help: "E-mail.") var email: String?
    @Option(name: .customLong("e-service"), help: "Confirmed address for electronic service.") var eService: String?

    var fields: FieldSet {
        var fields = FieldSet()
        let named: [(String, String?)] = [
            ("name", name), ("licence_number", licence), ("licence_status", status), ("firm_id", firm),
            ("phone", phone), ("email", email), ("e_service_address", eService),
        ]
        for case let (column, value?) in named { fields[column] = .text(value) }
        return fields
    }
}

struct LawyerAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a lawyer (bar node).")

    @OptionGroup var node: NodeOptions
    @Argument(help: "The bar association's id for the lawyer, e.g. SZL000123.") var id: String
    @OptionGroup var options: LawyerFieldOptions

    func run() throws {
        try reportingFailures {
            let editor = LocalEditor(store: try node.openStore(), context: try node.context(strictLicences: true))
            var fields = options.fields
            fields["id"] = .text(id)
            if fields["licence_status"] == nil { fields["licence_status"] = .text(LicenceStatus.practising.rawValue) }
            try editor.insert("lawyers", fields)
            print("Added lawyer \(id)")
        }
    }
}

struct LawyerUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a lawyer's entry (a court node may only record a confirmed --e-service address).")

    @OptionGroup var node: NodeOptions
    @Argument(help: "The lawyer's id.") var id: String
    @OptionGroup var options: LawyerFieldOptions

    func run() throws {
        try reportingFailures {
            let editor = LocalEditor(store: try node.openStore(), context: try node.context(strictLicences: true))
            let fields = options.fields
            guard !fields.isEmpty else {
                throw CLIFailure("nothing to change", hint: "give at least one option, e.g. --status suspended")
            }
            let changed = try editor.update("lawyers", key: id, fields)
            print(changed ? "Updated lawyer \(id)" : "No change: the lawyer already has these values")
        }
    }
}

struct LawyerShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a lawyer by id or licence.")

    @OptionGroup var node: NodeOptions
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Argument(help: "The lawyer's id or 17-digit licence number.") var idOrLicence: String

    func run() throws {
        try reportingFailures {
            let store = try node.openStore()
            guard let lawyer = try store.fetch(Lawyer.self, key: idOrLicence) ?? store.lawyer(licence: idOrLicence)
            else {
                throw CLIFailure("no lawyer \(idOrLicence) on this node", hint: "list lawyers with `courtsync lawyer list`")
            }
            if format == .json {
                print(try CaseListing.json(lawyer))
                return
            }
            print("""
                \(lawyer.id)  \(lawyer.name)
                  licence     \(lawyer.licenceNumber) (\(lawyer.licenceStatus.label))
                  firm        \(lawyer.firmID ?? "-")
                  e-service   \(lawyer.eServiceAddress ?? "-")
                  earlier     \(lawyer.previousLicences ?? "-")
                """)
        }
    }
}

struct LawyerList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List lawyers.")

    @OptionGroup var node: NodeOptions
    @Option(help: "Only lawyers of this firm id.") var firm: String?
    @Option(help: "Name or licence number contains this.") var search: String?
    @Option(help: "How many to show.") var limit = 20
    @Option(help: "How many to skip.") var offset = 0
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() throws {
        try reportingFailures {
            let lawyers = try node.openStore().lawyers(firmID: firm, search: search, limit: limit, offset: offset)
            if format == .json {
                print(try CaseListing.json(lawyers))
                return
            }
            var table = TextTable(headers: ["id", "姓名", "执业证号", "状态", "律所"])
            for l in lawyers { table.append([l.id, l.name, l.licenceNumber, l.licenceStatus.label, l.firmID ?? ""]) }
            print(table.render())
        }
    }
}
