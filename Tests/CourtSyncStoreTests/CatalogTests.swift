import CourtSyncModel
import CourtSyncStore
import CourtSyncTestSupport
import Foundation
import GRDB
import Testing

@Suite("Catalog and schema")
struct CatalogTests {
    @Test("every catalog table exists with exactly the catalog's columns plus _v, key first")
    func schemaMatchesCatalog() throws {
        let node = try TestNode()
        let queue = try DatabaseQueue(path: node.directory.file(NodeStore.databaseFileName))
        try queue.read { db in
            for table in Catalog.tables {
                let columns = try db.columns(in: table.name).map(\.name)
                #expect(columns == table.columnNames + ["_v"], "table \(table.name)")
                #expect(try db.primaryKey(table.name).columns == [table.keyColumn], "key of \(table.name)")
            }
        }
    }

    @Test("every record type's coding keys are its table's catalog columns")
    func recordsMatchCatalog() {
        func check<K: CodingKey & CaseIterable>(_ table: String, _ keys: K.Type) {
            #expect(K.allCases.map(\.stringValue) == Catalog.table(named: table)?.columnNames, "\(table)")
        }
        check(CourtCase.table, CourtCase.CodingKeys.self)
        check(Party.table, Party.CodingKeys.self)
        check(Lawyer.table, Lawyer.CodingKeys.self)
        check(LawFirm.table, LawFirm.CodingKeys.self)
        check(Representation.table, Representation.CodingKeys.self)
        check(Hearing.table, Hearing.CodingKeys.self)
        check(Mediation.table, Mediation.CodingKeys.self)
        check(DocumentService.table, DocumentService.CodingKeys.self)
        check(FileReviewRequest.table, FileReviewRequest.CodingKeys.self)
    }

    @Test("party personal data is classed personal; sealed notes never public")
    func sensitivityClasses() throws {
        let parties = try #require(Catalog.table(named: "parties"))
        for column in ["name", "id_number", "address", "phone", "bank_account"] {
            #expect(parties.column(column)?.sensitivity == .personal, "parties.\(column)")
        }
        #expect(Catalog.table(named: "cases")?.column("notes")?.sensitivity == .sealed)
        #expect(Catalog.tables.allSatisfy { $0.column($0.keyColumn)?.required == true })
    }

    @Test("a node database made by the first release still opens and migrates")
    func migratesFromFixture() throws {
        // Fixture: a v1 node database created by `courtsync init` + one case (Tests/…/Fixtures).
        let fixture = try #require(Bundle.module.url(forResource: "node-v1", withExtension: "sqlite", subdirectory: "Fixtures"))
        let directory = TemporaryDirectory()
        let path = directory.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let store = try NodeStore.open(at: path)
        #expect(store.identity == NodeIdentity(nodeID: "gd0304", role: .district, courtCode: "粤0304"))
        #expect(try store.changeCounts().total >= 2)
    }
}
