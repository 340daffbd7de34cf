import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

// Opening a database this process may read but not write. A WAL database needs its -shm
// (the WAL index) next to it: when the writer is running, -wal and -shm exist and SQLite
// reads them without write access. When nothing has it open they are gone, and a reader
// that cannot create them in the folder cannot open the file at all. SQLite's answer
// (`immutable=1` / `mode=ro` URIs) is not available: this better-sqlite3 build has URI
// filenames off. Then, with no -wal (so every commit is in the main file), the file is
// read from a private snapshot copy instead; it does not see later writes.

/** Larger files are not copied; the error says how to get a live read instead. */
const MAX_SNAPSHOT_BYTES = 4 * 1024 ** 3;

const snapshots: string[] = [];
let cleanupHooked = false;

function cannotCreateShm(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_CANTINIT';
}

function probe(db: Database.Database): void {
  // The WAL files are opened on the first read, not by the constructor.
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
}

/** A read-only connection to `file`, live when possible, else on a snapshot (see above). */
export function openReadOnly(file: string): Database.Database {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    probe(db);
    return db;
  } catch (err) {
    db?.close();
    if (!cannotCreateShm(err)) throw new StoreError(file, `cannot open: ${(err as Error).message}`);
    const wal = `${file}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) {
      throw new StoreError(file, 'cannot read: its -wal holds commits and this user may not create the -shm beside it; run as a user who may write the folder, or while the writer runs');
    }
    const size = statSync(file).size;
    if (size > MAX_SNAPSHOT_BYTES) throw new StoreError(file, 'cannot read without write access to its folder (WAL mode needs a -shm file there), and it is too large to copy');
    return openSnapshot(file);
  }
}

function openSnapshot(file: string): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-ro-'));
  snapshots.push(dir);
  if (!cleanupHooked) {
    cleanupHooked = true;
    process.once('exit', () => {
      for (const d of snapshots) rmSync(d, { recursive: true, force: true });
    });
  }
  const copy = join(dir, 'snapshot.db');
  try {
    copyFileSync(file, copy);
  } catch (err) {
    throw new StoreError(file, `cannot read: ${(err as Error).message}`);
  }
  const db = new Database(copy, { readonly: true, fileMustExist: true });
  probe(db);
  process.emitWarning(`${file}: read from a snapshot (no write access to its folder for the WAL index); later writes are not seen`, { code: 'NEWSMON_READONLY_SNAPSHOT' });
  return db;
}
