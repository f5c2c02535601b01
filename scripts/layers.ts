// The layer rules of ARCHITECTURE.md as data, checked over every import of every source file.
// Invariant: imports flow app → src, electron → src + db, db → src, hq → src; src imports only zod and dinero.js.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type Layer = 'src' | 'db' | 'electron' | 'app' | 'hq';

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
  electron: { layers: ['src', 'db'], packages: ['drizzle-orm', 'better-sqlite3', 'zod', 'electron', 'electron-updater'], node: true },
  app: { layers: ['src'], packages: ['react', 'react-dom', 'zustand', 'zod'], node: false },
  hq: { layers: ['src'], packages: ['drizzle-orm', 'better-sqlite3', 'pg', 'zod'], node: true },
};

/** Only these files of the main process may import Electron itself. */
export const ELECTRON_IMPORTERS = ['electron/main.ts', 'electron/preload.ts', 'electron/updater.ts', 'electron/print.ts'];
const TEST_PACKAGES = ['vitest', 'fast-check', '@playwright/test', 'playwright-core', 'esbuild'];

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
  const layer = file.split('/')[0] as Layer;
  const rule = RULES[layer];
  if (!rule) return [];
  const isTest = /\.test\.tsx?$|-child\.ts$/.test(file);
  const problems: string[] = [];
  for (const spec of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).split('/')[0] as Layer;
      if (target !== layer && !rule.layers.includes(target)) problems.push(`${file}: imports ${spec} (layer ${target} is not allowed in ${layer})`);
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
  return (Object.keys(RULES) as Layer[])
    .flatMap((layer) => {
      try {
        return sourceFiles(root, layer);
      } catch {
        return [];
      }
    })
    .flatMap((f) => checkFile(f, readFileSync(path.join(root, f), 'utf8')));
}
