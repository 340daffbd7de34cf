import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations/index.js';
import { openDatabase } from '../../src/store/open-database.js';
import { tempDbPath } from './make-article.js';

// The writer's settings are per connection, so they are read on the connection itself.
describe('openDatabase: the writer connection', () => {
  it('keeps savepoint journals in memory, a 32 MB page cache, a checkpoint per 8000 pages; WAL, synchronous NORMAL', () => {
    const db = openDatabase(tempDbPath(), migrations);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
      expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(8000);
    } finally {
      db.close();
    }
  });

  it('a read-only connection changes none of them', () => {
    const path = tempDbPath();
    openDatabase(path, migrations).close();
    const db = openDatabase(path, migrations, { readonly: true });
    try {
      expect(db.pragma('temp_store', { simple: true })).toBe(0);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      db.close();
    }
  });
});
