import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { checkVersion, migrate, type Migration } from './migrate.js';
import { openReadOnly } from './read-only-open.js';
import { StoreError } from './store-error.js';

export interface OpenOptions {
  readonly?: boolean;
  /** How long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /**
   * Read through a memory map of up to this many bytes (SQLite's mmap_size) instead of a
   * read() per page: for a process that reads thousands of pages once, as the digest reads a
   * day's cards (measured: 28,500 cards, about 4,500 pages, 125 → 50 ms from a cold start).
   * The pages touched count in the process's RSS, as file-backed memory.
   */
  mmapBytes?: number;
}

/**
 * The writer's settings for commits that dirty many pages (an article's index rows land
 * all over the label and time indexes; measured with bench/ingest-ab.js):
 * - temp_store = MEMORY: each article's savepoint journals the pages it changes; SQLite
 *   keeps that journal in memory only up to 64 KB, then in a temp file, so every page an
 *   article touched was written (and the file created and unlinked) once more. It is
 *   dropped when the savepoint is released, so it never holds more than one article's pages.
 * - cache_size = 32 MB (default 2 MB): a batch's dirty pages fit, so none spill to the
 *   WAL before the commit, and index pages are not read back from the file between batches.
 * - wal_autocheckpoint = 8000 pages (32 MB; default 1000): a checkpoint copies each page
 *   once however many commits rewrote it, so fewer checkpoints copy far fewer pages.
 *   Durability is unchanged: a commit is in the WAL either way.
 */
const WRITER_PRAGMAS = ['temp_store = MEMORY', 'cache_size = -32768', 'wal_autocheckpoint = 8000'];

/**
 * Opens (creating the folder and file if needed) and migrates a database file, tuned for
 * one writer and many readers: WAL, synchronous=NORMAL (durable at checkpoints; a power
 * cut may lose the last commits but never corrupts), foreign keys on.
 * A read-only open never creates or migrates anything.
 */
export function openDatabase(file: string, migrations: readonly Migration[], opts: OpenOptions = {}): Database.Database {
  const inMemory = file === ':memory:';
  if (opts.readonly) {
    if (!inMemory && !existsSync(file)) throw new StoreError(file, 'no such database file');
  } else if (!inMemory) {
    mkdirSync(dirname(file), { recursive: true });
  }
  let db: Database.Database;
  try {
    db = opts.readonly && !inMemory ? openReadOnly(file) : new Database(file);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(file, `cannot open: ${(err as Error).message}`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? 5000)}`);
    db.pragma('foreign_keys = ON');
    if (opts.mmapBytes) db.pragma(`mmap_size = ${Math.trunc(opts.mmapBytes)}`);
    if (opts.readonly) {
      checkVersion(db, file, migrations);
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      for (const p of WRITER_PRAGMAS) db.pragma(p);
      migrate(db, file, migrations);
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw new StoreError(file, (err as Error).message);
  }
}

/** The file's schema version, read without writing anything; null when it cannot be read (missing, locked out, not SQLite). */
export function schemaVersionOf(file: string): number | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.pragma('user_version', { simple: true }) as number;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
