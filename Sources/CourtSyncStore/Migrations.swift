import GRDB

/// The database schema, one frozen migration at a time (GRDB's migration rules: string names,
/// literal SQL, never app types). A shipped migration is never edited; add a new one.
///
/// Synced tables keep only the key NOT NULL: rows can arrive from peers field by field, and
/// validation happens at the entry points (CLI, import, wire). They have no foreign keys for the
/// same reason. `_v` holds the field versions (see ``FieldVersions``).
enum Migrations {
    /// Schema version exchanged with peers; bump it with every migration that changes synced data.
    static let schemaVersion = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-node-and-cases") { db in
            try db.execute(sql: v1)
        }
        return migrator
    }

    static let v1 = """
        CREATE TABLE sync_node (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            node_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('district', 'intermediate', 'bar')),
            court_code TEXT,
            hlc INTEGER NOT NULL DEFAULT 0,
            origin_seq INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sync_changes (
            seq INTEGER PRIMARY KEY,
            origin TEXT NOT NULL,
            origin_seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            tbl TEXT NOT NULL,
            row_key TEXT NOT NULL,
            case_number TEXT,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            cols INTEGER NOT NULL,
            fields BLOB NOT NULL,
            prev TEXT,
            sig TEXT,
            local INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX sync_changes_remote_origin ON sync_changes (origin, origin_seq) WHERE local = 0;
        CREATE TABLE sync_peers (
            peer_id TEXT PRIMARY KEY NOT NULL,
            pull_cursor INTEGER NOT NULL DEFAULT 0,
            push_cursor INTEGER NOT NULL DEFAULT 0,
            last_attempt_at TEXT,
            last_success_at TEXT,
            last_result TEXT
        );
        CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY,
            detected_at TEXT NOT NULL,
            tbl TEXT NOT NULL,
            row_key TEXT NOT NULL,
            field TEXT NOT NULL,
            local_value TEXT,
            local_hlc INTEGER NOT NULL,
            local_origin TEXT NOT NULL,
            remote_value TEXT,
            remote_hlc INTEGER NOT NULL,
            remote_origin TEXT NOT NULL,
            rule TEXT NOT NULL,
            winner TEXT NOT NULL CHECK (winner IN ('local', 'remote')),
            resolved_at TEXT,
            resolution TEXT
        );
        CREATE UNIQUE INDEX sync_conflicts_pair ON sync_conflicts
            (tbl, row_key, field, local_hlc, local_origin, remote_hlc, remote_origin);
        CREATE TABLE sync_tombstones (
            tbl TEXT NOT NULL,
            row_key TEXT NOT NULL,
            hlc INTEGER NOT NULL,
            origin TEXT NOT NULL,
            PRIMARY KEY (tbl, row_key)
        ) WITHOUT ROWID;

        CREATE TABLE courts (
            code TEXT PRIMARY KEY NOT NULL, name TEXT, level TEXT, parent TEXT,
            _v BLOB NOT NULL
        );
        CREATE TABLE cases (
            case_number TEXT PRIMARY KEY NOT NULL,
            court_code TEXT, case_type TEXT, cause TEXT, filing_date TEXT, filing_channel TEXT,
            stage TEXT, status TEXT, judge TEXT, closed_date TEXT, closing_method TEXT,
            suspended_days INTEGER NOT NULL DEFAULT 0, time_limit_days INTEGER,
            sealed INTEGER NOT NULL DEFAULT 0, non_public INTEGER NOT NULL DEFAULT 0,
            juvenile INTEGER NOT NULL DEFAULT 0, family INTEGER NOT NULL DEFAULT 0,
            original_case_number TEXT, appeal_result TEXT, amount_applied INTEGER, amount_recovered INTEGER,
            notes TEXT,
            _v BLOB NOT NULL
        );
        CREATE INDEX cases_court_filing ON cases (court_code, filing_date);
        CREATE INDEX cases_original ON cases (original_case_number) WHERE original_case_number IS NOT NULL;
        CREATE TABLE parties (
            id TEXT PRIMARY KEY NOT NULL,
            case_number TEXT, side TEXT, kind TEXT, name TEXT, id_number TEXT, address TEXT, phone TEXT,
            bank_account TEXT, minor INTEGER NOT NULL DEFAULT 0,
            _v BLOB NOT NULL
        );
        CREATE INDEX parties_case ON parties (case_number);
        CREATE TABLE lawyers (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT, licence_number TEXT, licence_status TEXT, firm_id TEXT, phone TEXT, email TEXT,
            e_service_address TEXT, previous_licences TEXT,
            _v BLOB NOT NULL
        );
        CREATE INDEX lawyers_licence ON lawyers (licence_number);
        CREATE INDEX lawyers_firm ON lawyers (firm_id);
        CREATE TABLE law_firms (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT, credit_code TEXT, address TEXT, phone TEXT,
            _v BLOB NOT NULL
        );
        CREATE TABLE representations (
            id TEXT PRIMARY KEY NOT NULL,
            case_number TEXT, party_id TEXT, lawyer_id TEXT, side TEXT, status TEXT, since TEXT,
            _v BLOB NOT NULL
        );
        CREATE INDEX representations_case ON representations (case_number);
        CREATE INDEX representations_lawyer ON representations (lawyer_id, case_number);
        CREATE TABLE hearings (
            id TEXT PRIMARY KEY NOT NULL,
            case_number TEXT, scheduled_at TEXT, mode TEXT, platform TEXT, courtroom TEXT, status TEXT,
            _v BLOB NOT NULL
        );
        CREATE INDEX hearings_case ON hearings (case_number, scheduled_at);
        CREATE TABLE mediations (
            id TEXT PRIMARY KEY NOT NULL,
            case_number TEXT, online INTEGER NOT NULL DEFAULT 0, platform TEXT, mediator TEXT,
            started_on TEXT, concluded_on TEXT, result TEXT,
            _v BLOB NOT NULL
        );
        CREATE INDEX mediations_case ON mediations (case_number);
        CREATE TABLE services (
            id TEXT PRIMARY KEY NOT NULL,
            case_number TEXT, document TEXT, recipient TEXT, method TEXT, address TEXT, sent_at TEXT,
            delivered_at TEXT,
            _v BLOB NOT NULL
        );
        CREATE INDEX services_case ON services (case_number);
        CREATE TABLE file_review_requests (
            id TEXT PRIMARY KEY NOT NULL,
            case_number TEXT, lawyer_id TEXT, requested_at TEXT, decision TEXT, decided_at TEXT, decided_by TEXT,
            _v BLOB NOT NULL
        );
        CREATE INDEX file_review_requests_case ON file_review_requests (case_number);
        CREATE INDEX file_review_requests_lawyer ON file_review_requests (lawyer_id);
        """
}
