// Runs a Node script as if it were started directly (`node SCRIPT ARGS...`) and, at exit,
// writes the process's CPU time (user + system, ms) to stderr as "cpu-ms N". Benches use it
// to report CPU time beside wall time: on a shared, busy machine the wall clock mostly
// measures the neighbours.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script] = process.argv.splice(2, 1);
if (!script) {
  process.stderr.write('usage: node bench/cpu-wrap.js SCRIPT [ARGS...]\n');
  process.exit(2);
}
process.argv[1] = resolve(script);
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`cpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
await import(pathToFileURL(resolve(script)).href);
