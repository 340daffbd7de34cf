// The layout newsmon keeps (issue 7, "arrows point down"; ../shared/DESIGN.md):
//
//   top      src/cli/  src/service/  workers/           (drivers)
//   middle   src/api/  src/digest/  src/ingest/  src/queue/
//   stages   src/feed/  src/extract/  src/analyze/      (pure)
//   edges    src/fetch/ (HTTP)  src/store/ (SQLite)  src/config/ (files + env)
//   bottom   src/model.ts  src/time/  src/text/  src/version.ts
//
// A layer imports only layers below it (and itself). `npm test` runs this through
// `npm run deps`. Reading process.env is checked by ESLint (eslint.config.js), since it
// is not an import.

const TOP = '^(src/(cli|service)/|workers/)';
const MIDDLE = '^src/(api|digest|ingest|queue)/';
const STAGES = '^src/(feed|extract|analyze)/';
const EDGES = '^src/(fetch|store|config)/';
const BOTTOM = '^src/(model\\.ts|version\\.ts|time/|text/)';

// Node's own modules that reach the network.
const NETWORK = '^(node:)?(http|https|http2|net|tls|dgram|dns|dns/promises)$|(^|node_modules/)undici(/|$)';

// TEMPORARY allow-list: .dependency-cruiser-known-violations.json (run with
// --ignore-known) lists the violations that other branches in flight remove (issue 7).
// The lead deletes each entry when the branch that fixes it lands; nothing else belongs
// there. Regenerate it only by removing entries, never with depcruise-baseline.

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles: a cycle makes load order matter and layers meaningless.',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { circular: true },
    },
    ...[
      ['bottom-imports-only-bottom', 'model, time, text and version sit below everything: they import only each other.', BOTTOM, `${TOP}|${MIDDLE}|${STAGES}|${EDGES}`],
      ['edges-import-no-stage-or-above', 'fetch, store and config are edges: they import the bottom layer and npm libraries only.', EDGES, `${TOP}|${MIDDLE}|${STAGES}`],
      ['stages-import-no-edge-or-above', 'Pure stages (feed, extract, analyze) import only model, time, text and their own folder.', STAGES, `${TOP}|${MIDDLE}|${EDGES}`],
      ['middle-imports-no-driver', 'api, digest, ingest and queue never import the drivers (cli, service, workers).', MIDDLE, TOP],
    ].map(([name, comment, from, to]) => ({
      name,
      comment,
      severity: 'error',
      from: { path: from },
      to: { path: to },
    })),
    {
      name: 'workers-import-no-service',
      comment: 'workers/ export processors and service/ composes them, never the other way (shared queue plumbing lives in src/queue/).',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/service/' },
    },
    {
      name: 'stages-stay-in-their-folder',
      comment: 'A pure stage does not import another stage: feed, extract and analyze meet only in ingest.',
      severity: 'error',
      from: { path: '^src/(feed|extract|analyze)/' },
      to: { path: '^src/(feed|extract|analyze)/', pathNot: '^src/$1/' },
    },
    {
      name: 'pure-stages-no-io',
      comment: 'Pure stages take values and return values: no files, network, processes or threads.',
      severity: 'error',
      from: { path: STAGES, pathNot: '^src/analyze/write-tagger-model\\.ts$' }, // a build script that writes the model file
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|worker_threads|cluster|http|https|http2|net|tls|dgram|dns|dns/promises)$' },
    },
    {
      name: 'only-store-opens-sqlite',
      comment: 'Nothing but src/store/ opens SQLite.',
      severity: 'error',
      from: { path: '^(src|workers)/', pathNot: '^src/store/' },
      to: { path: '^better-sqlite3$|node_modules/better-sqlite3/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-fetch-does-http',
      comment: 'Only src/fetch/ talks to the network over HTTP (the API server, Redis and SMTP clients are their own libraries).',
      severity: 'error',
      from: { path: '^(src|workers)/', pathNot: '^src/fetch/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: NETWORK },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
