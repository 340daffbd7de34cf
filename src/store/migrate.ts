import type Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Steps SQL alone cannot do (e.g. indexing text the way the store's JavaScript does), run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
}

/** The schema version the code needs: the last migration's. */
export function latestVersion(list: readonly Migration[]): number {
  return list.reduce((v, m) => Math.max(v, m.version), 0);
}

function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the pending migrations in order, in one IMMEDIATE transaction: two processes
 * opening a new file at once serialize here, and the second finds nothing left to do.
 * Each applied migration is recorded in schema_migrations and in user_version.
 * Returns the versions applied.
 */
export function migrate(db: Database.Database, file: string, list: readonly Migration[]): number[] {
  const latest = latestVersion(list);
  if (currentVersion(db) === latest) return [];
  const apply = db.transaction((): number[] => {
    const from = currentVersion(db);
    if (from > latest) throw new StoreError(file, `schema version ${from} is newer than this newsmon (${latest}); upgrade newsmon`);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    const applied: number[] = [];
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (m.version <= from) continue;
      db.exec(m.sql);
      m.run?.(db);
      record.run(m.version, m.name);
      // user_version takes no bound parameter; the value is an integer we own.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
      applied.push(m.version);
    }
    return applied;
  });
  return apply.immediate();
}

/** For a read-only connection: the file must already be at the version the code needs. */
export function checkVersion(db: Database.Database, file: string, list: readonly Migration[]): void {
  const v = currentVersion(db);
  const latest = latestVersion(list);
  if (v > latest) throw new StoreError(file, `schema version ${v} is newer than this newsmon (${latest}); upgrade newsmon`);
  if (v < latest) throw new StoreError(file, `schema version ${v} is older than this newsmon needs (${latest}); run "newsmon ingest --once" or any writing command once to migrate`);
}
