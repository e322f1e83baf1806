#!/usr/bin/env python3
"""Initial sync benchmark (issue 3): a district node's generated cases to the intermediate court
over mutual TLS on loopback, against SQLite's session extension moving the same rows.

    swift build -c release --product courtsync
    pip install apsw
    python3 bench/sync_bench.py --cases 100000            # and again with --cases 1000000

Reports, in one run: courtsync end to end (sync process start to exit: TLS, feed, NDJSON, checks,
apply with cursors) as changes applied per second; the peak memory (VmHWM) of the serving and the
syncing process; and the session extension's time to record a session while the rows are written
to an empty copy of the schema, build the changeset and apply it to another empty copy.
Everything runs in a temporary directory on this machine; only 127.0.0.1 is contacted.
"""
import argparse, json, os, re, shutil, sqlite3, subprocess, sys, tempfile, time

def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)

def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--courtsync", default=os.environ.get("COURTSYNC", ".build/release/courtsync"))
    p.add_argument("--page-size", type=int, default=2000)
    p.add_argument("--keep", action="store_true")
    a = p.parse_args()
    cs = os.path.abspath(a.courtsync)
    work = tempfile.mkdtemp(prefix="courtsync-syncbench-")
    try:
        pki = os.path.join(work, "pki")
        run(cs, "certs", "ca", "--dir", pki)
        for node in ("gd0304", "gd03"):
            run(cs, "certs", "issue", "--ca-dir", pki, "--node-id", node, "--dns", f"{node}.nodes.courtsync.test",
                "--out", pki)
        nodes = {"gd0304": ("district", "粤0304"), "gd03": ("intermediate", "粤03")}
        for node, (role, court) in nodes.items():
            d = os.path.join(work, node)
            run(cs, "init", "--data-dir", d, "--node-id", node, "--role", role, "--court", court)
            for f in (f"{node}.pem", f"{node}.key"):
                shutil.copy(os.path.join(pki, f), os.path.join(d, "tls", f))
            shutil.copy(os.path.join(pki, "ca.pem"), os.path.join(d, "tls", "ca.pem"))
            os.chmod(os.path.join(d, "tls", f"{node}.key"), 0o600)
        with open(os.path.join(work, "gd0304", "peers", "gd03.yaml"), "w") as f:
            f.write("node_id: gd03\nrole: intermediate\ncourt: 粤03\nurl: https://gd03.nodes.courtsync.test:1\n")
        # The intermediate court pulls from the district's server; its URL gets the port below.
        export = os.path.join(work, "gd0304.ndjson")
        t = time.time()
        run(cs, "generate", "--court", "粤0304", "--cases", str(a.cases), "--out", export)
        run(cs, "import", "--data-dir", os.path.join(work, "gd0304"), export)
        os.remove(export)
        print(f"prepared {a.cases} cases at gd0304 in {time.time() - t:.0f} s", file=sys.stderr)

        server = subprocess.Popen([cs, "serve", "--data-dir", os.path.join(work, "gd0304"), "--port", "0",
                                   "--log-level", "warning"], stdout=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        port = int(re.search(r"port (\d+)", line).group(1))
        with open(os.path.join(work, "gd03", "peers", "gd0304.yaml"), "w") as f:
            f.write(f"node_id: gd0304\nrole: district\ncourt: 粤0304\nurl: https://gd0304.nodes.courtsync.test:{port}\n")
        with open(os.path.join(work, "gd03", "courtsync.yaml"), "a") as f:
            f.write("resolve:\n  gd0304.nodes.courtsync.test: 127.0.0.1\n")
        t = time.time()
        client = subprocess.Popen([cs, "sync", "--data-dir", os.path.join(work, "gd03"), "--peer", "gd0304",
                                   "--page-size", str(a.page_size)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(client.pid, 0)
        elapsed = time.time() - t
        out, err = client.stdout.read(), client.stderr.read()
        if status != 0:
            sys.exit(f"sync failed: {out}{err}")
        server_hwm = vm_hwm_kib(server.pid)
        server.terminate()
        server.wait()
        status_json = json.loads(run(cs, "status", "--data-dir", os.path.join(work, "gd03"), "--format", "json").stdout)
        applied = status_json["changes"]
        client_hwm = usage.ru_maxrss  # KiB on Linux

        # SQLite's session extension, the same rows: record while writing them into an empty schema
        # copy, build the changeset, apply it to another empty copy.
        import apsw
        source_db = os.path.join(work, "gd0304", "courtsync.sqlite")
        empty = os.path.join(work, "empty.sqlite")
        run(cs, "init", "--data-dir", os.path.join(work, "e1"), "--node-id", "gd0304", "--role", "district", "--court", "粤0304")
        shutil.copy(os.path.join(work, "e1", "courtsync.sqlite"), empty)
        tables = [r[0] for r in sqlite3.connect(source_db).execute(
            "select name from sqlite_master where type='table' and name not like 'sync_%' and name not like 'sqlite_%'")]
        rec = os.path.join(work, "rec.sqlite")
        dst = os.path.join(work, "dst.sqlite")
        shutil.copy(empty, rec)
        shutil.copy(empty, dst)
        t = time.time()
        c = apsw.Connection(rec)
        c.execute("pragma journal_mode=wal; pragma synchronous=normal")
        c.execute(f"attach '{source_db}' as src")
        session = apsw.Session(c, "main")
        session.attach()
        c.execute("begin")
        rows = 0
        for table in tables:
            c.execute(f"delete from main.{table}")
            c.execute(f"insert into main.{table} select * from src.{table}")
            rows += c.changes()
        c.execute("commit")
        changeset = session.changeset()
        d = apsw.Connection(dst)
        d.execute("pragma journal_mode=wal; pragma synchronous=normal")
        apsw.Changeset.apply(changeset, d)  # in one transaction of its own
        session_elapsed = time.time() - t

        print(json.dumps({
            "cases": a.cases, "changes_applied": applied, "courtsync_seconds": round(elapsed, 2),
            "courtsync_changes_per_second": round(applied / elapsed),
            "server_peak_mib": round(server_hwm / 1024, 1), "client_peak_mib": round(client_hwm / 1024, 1),
            "session_rows": rows, "session_seconds": round(session_elapsed, 2),
            "session_rows_per_second": round(rows / session_elapsed),
            "ratio_courtsync_to_session": round(elapsed / session_elapsed, 2),
        }, indent=1))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("kept", work, file=sys.stderr)

if __name__ == "__main__":
    main()
