// The layer rules of ARCHITECTURE.md as data, checked over every import of every source file.
// Invariant: imports flow app → src, engine → src + db, electron → engine + src + db, db → src, hq → src; src imports
// only zod and dinero.js; no command handler imports another; no import cycle anywhere.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type Layer = 'src' | 'db' | 'engine' | 'electron' | 'app' | 'hq' | 'console';

interface Rule {
  /** Other layers this one may import from. */
  readonly layers: readonly Layer[];
  /** Packages (bare specifiers, matched by package name) allowed outside tests. */
  readonly packages: readonly string[];
  readonly node: boolean;
}

export const RULES: Readonly<Record<Layer, Rule>> = {
  src: { layers: [], packages: ['zod', 'dinero.js'], node: false },
  db: { layers: ['src'], packages: ['drizzle-orm', 'better-sqlite3'], node: true },
  engine: { layers: ['src', 'db'], packages: ['drizzle-orm', 'better-sqlite3', 'zod'], node: true },
  electron: { layers: ['src', 'db', 'engine'], packages: ['drizzle-orm', 'better-sqlite3', 'zod', 'electron', 'electron-updater', '@point-of-sale/receipt-printer-encoder', '@paulmillr/qr'], node: true },
  app: { layers: ['src'], packages: ['react', 'react-dom', 'zustand', 'zod'], node: false },
  hq: { layers: ['src'], packages: ['drizzle-orm', 'better-sqlite3', 'pg', 'zod', 'fastify', '@fastify/cookie', '@fastify/static', 'csv-stringify'], node: true },
  /** HQ's web console (hq/console/): a renderer like app/, talking to HQ only over HTTP. */
  console: { layers: ['src'], packages: ['react', 'react-dom', 'zustand', 'zod'], node: false },
};

/** Where each layer's files live (the first path segment, except the console inside hq/). */
const LAYER_DIRS: Readonly<Record<Layer, string>> = { src: 'src', db: 'db', engine: 'engine', electron: 'electron', app: 'app', hq: 'hq', console: 'hq/console' };

/** The layer of a repo-relative path (a file, or an import's resolved target). */
export const layerOf = (file: string): Layer => (file.startsWith('hq/console/') ? 'console' : (file.split('/')[0] as Layer));

/** Only these files of the main process may import Electron itself. */
export const ELECTRON_IMPORTERS = ['electron/main.ts', 'electron/preload.ts', 'electron/updater.ts', 'electron/print.ts'];
const TEST_PACKAGES = ['vitest', 'fast-check', '@playwright/test', 'playwright-core', 'esbuild'];

/** Command handler modules: each stands alone; what they share lives in engine modules named for what it does. */
const isHandler = (file: string): boolean => /^engine\/handlers\/(?!index(?:\.ts)?$)[^/]+$/.test(file);

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(?\s*['"]([^'"]+)['"]/gm;

export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (spec) out.push(spec);
  }
  return out;
}

const packageName = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));

/** Violations of one file's imports; `file` is repo-relative with forward slashes. */
export function checkFile(file: string, source: string): string[] {
  const layer = layerOf(file);
  const rule = RULES[layer];
  if (!rule) return [];
  const isTest = /\.test\.tsx?$|-child\.ts$/.test(file);
  const problems: string[] = [];
  for (const spec of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = layerOf(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (target !== layer && !rule.layers.includes(target)) problems.push(`${file}: imports ${spec} (layer ${target} is not allowed in ${layer})`);
      else if (isHandler(file) && isHandler(resolved) && !isTest) problems.push(`${file}: imports ${spec} (a command handler never imports another handler)`);
      continue;
    }
    if (spec.startsWith('node:')) {
      if (!rule.node && !isTest) problems.push(`${file}: imports ${spec} (no Node built-ins in ${layer})`);
      continue;
    }
    const pkg = packageName(spec);
    if (pkg === 'electron' && !ELECTRON_IMPORTERS.includes(file) && !isTest) {
      problems.push(`${file}: imports electron (only ${ELECTRON_IMPORTERS.join(', ')} may)`);
      continue;
    }
    if (!rule.packages.includes(pkg) && !(isTest && TEST_PACKAGES.includes(pkg))) problems.push(`${file}: imports package ${pkg} (not allowed in ${layer})`);
  }
  return problems;
}

export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name === 'dist' || name === 'migrations') continue;
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(path.join(root, dir));
  return out;
}

export function checkTree(root: string): string[] {
  const files = new Set(
    (Object.keys(RULES) as Layer[]).flatMap((layer) => {
      try {
        return sourceFiles(root, LAYER_DIRS[layer]);
      } catch {
        return [];
      }
    }),
  );
  return [...files].flatMap((f) => checkFile(f, readFileSync(path.join(root, f), 'utf8')));
}

/** Resolves a relative import of `file` to a repo file among `files` (tries .ts, .tsx, /index.ts, /index.tsx). */
function resolveImport(file: string, spec: string, files: ReadonlySet<string>): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (files.has(candidate)) return candidate;
  return null;
}

/**
 * Import cycles among source files (type-only imports included: a cycle of types is still a knot in the design).
 * Returns each cycle once, as the chain of files that closes it. `sources` maps repo-relative file → its text.
 */
export function findCycles(sources: ReadonlyMap<string, string>): string[][] {
  const files = new Set(sources.keys());
  const edges = new Map<string, string[]>();
  for (const [file, text] of sources) {
    edges.set(file, importsOf(text).filter((s) => s.startsWith('.')).map((s) => resolveImport(file, s, files)).filter((t): t is string => t !== null));
  }
  // Tarjan's strongly connected components, iteratively deep enough for this tree; a component of 2+ files is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const f of [...files].sort()) if (!idx.has(f)) visit(f);
  return cycles;
}

/** Every import cycle in the tree, as messages. */
export function checkCycles(root: string): string[] {
  const sources = new Map<string, string>();
  for (const layer of [...(Object.keys(RULES) as Layer[]), 'scripts', 'bench', 'e2e']) {
    let files: string[] = [];
    try {
      files = sourceFiles(root, layer);
    } catch {
      files = [];
    }
    for (const f of files) sources.set(f, readFileSync(path.join(root, f), 'utf8'));
  }
  return findCycles(sources).map((c) => `import cycle: ${c.join(' → ')}`);
}
