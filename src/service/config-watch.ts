import { watch, type FSWatcher } from 'node:fs';

// Calls `onChange` after a file named in `files` inside `dir` changed, once per burst:
// editors write a temp file and rename it, often in several events.

export interface ConfigWatch {
  close(): void;
}

export function watchConfigFiles(dir: string, files: readonly string[], onChange: (file: string) => void, debounceMs = 300): ConfigWatch {
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  let watcher: FSWatcher | undefined;
  try {
    // The folder, not the file: a rename-over replaces the file's inode and would end a file watch.
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      const file = name?.toString() ?? '';
      if (!files.includes(file)) return;
      last = file;
      clearTimeout(timer);
      timer = setTimeout(() => onChange(last), debounceMs);
    });
    watcher.on('error', () => {});
  } catch {
    watcher = undefined; // no such folder yet: SIGHUP still reloads
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
