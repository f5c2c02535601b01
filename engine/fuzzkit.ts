// The contract fuzzer (issue 9, "Proof"): drives every command of the contract (COMMAND_NAMES, so a new command is
// fuzzed without touching this file) with every role's token and none, with inputs generated from each command's own
// zod input schema: valid-looking ones (ids taken from the store) and malformed ones (wrong types, missing and extra
// fields, extreme integers, -0, NaN, huge strings, deep objects, odd unicode). Used by engine/fuzz.test.ts (a fixed
// seed in `npm test`) and scripts/fuzz.ts (longer runs). Not used by the app.
// Invariant checked: no reply is INTERNAL, and a refused command leaves the database as it was (by a digest of every
// table), except a refusal the engine keeps on purpose (a wrong PIN counts, a refused close keeps its count).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { CommandName } from '../src/contract';
import { COMMANDS, COMMAND_NAMES } from '../src/contract';
import { AMOUNT_CEILING, TOTAL_CEILING } from '../src/money/ceilings';
import { ROLES } from '../src/auth/permissions';
import type { Role } from '../src/auth/permissions';
import type { Engine } from './engine';
import { DB_FILE, openEngine } from './index';
import { DEMO_PINS, TEST_PIN_COST, bobCount, prng, writeWatch } from './testkit';

/** What a run found. `cases` counts calls; `internal` and `refusedWithWrite` must be 0. */
export interface FuzzFigures {
  readonly seed: number;
  readonly commands: number;
  /** Roles fuzzed, plus the signed-out caller. */
  readonly callers: number;
  readonly casesPerPair: number;
  readonly calls: number;
  readonly internal: number;
  readonly refusedWithWrite: number;
  /** Refusals the engine kept on purpose (committed failures), with their writes. */
  readonly keptRefusals: number;
  readonly byCode: Readonly<Record<string, number>>;
  /** The first few faults, to replay: command, caller, input (shortened), code. */
  readonly faults: readonly { command: string; caller: string; input: string; code: string; wrote: boolean }[];
}

type Rng = () => number;
type Def = { readonly type: string; readonly [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

const pick = <T>(rng: Rng, xs: readonly T[]): T => {
  const x = xs[Math.floor(rng() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
};

/** Ids and names of the fuzzed store, by what a field is called. */
export interface Pools {
  readonly registerId: string[];
  readonly productId: string[];
  readonly saleId: string[];
  readonly sessionId: string[];
  readonly userId: string[];
  readonly grantId: string[];
  readonly username: string[];
  readonly any: string[];
}

const EXTREME_NUMBERS: readonly number[] = [
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  AMOUNT_CEILING,
  AMOUNT_CEILING + 1,
  TOTAL_CEILING,
  2 ** 31,
  2 ** 63,
];
const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '9007199254740993',
  '\u0000',
  '\ud800',
  '💥🧾',
  '\u202eRTL',
  'Ñandú áéíóú',
  "'; DROP TABLE sales; --",
  '../../etc/passwd',
  '%zz',
  '<script>alert(1)</script>',
];

function deepObject(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** A hostile value of any type: what a malformed input puts where a field's value should be. */
function hostile(rng: Rng): unknown {
  switch (Math.floor(rng() * 9)) {
    case 0:
      return pick(rng, EXTREME_NUMBERS);
    case 1:
      return pick(rng, ODD_STRINGS);
    case 2:
      return 'x'.repeat(pick(rng, [1_000, 100_000, 1_000_000]));
    case 3:
      return deepObject(pick(rng, [10, 1_000, 5_000]));
    case 4:
      return pick<unknown>(rng, [null, true, false, [], {}, [1, 2, 3], { toString: 'x' }]);
    case 5:
      return Array.from({ length: pick(rng, [100, 10_000]) }, () => ({}));
    case 6:
      return pick<unknown>(rng, [{ __proto__: { admin: true } }, JSON.parse('{"__proto__": {"polluted": 1}}') as unknown, { constructor: { prototype: {} } }]);
    case 7:
      return String(Math.floor(rng() * 1e6));
    default:
      return Math.floor(rng() * 2 ** 31) * (rng() < 0.5 ? -1 : 1);
  }
}

const MONEY_KEY = /amount|price|tendered|discount|commission|tolerance|vouchers|checks|otherValues|value|above/i;

/** A number for field `key` within the schema's own bounds (`minValue`/`maxValue` of a zod number), now and then an extreme one. */
function validNumber(rng: Rng, key: string, schema: unknown): number {
  const { minValue, maxValue } = schema as { minValue?: number | null; maxValue?: number | null };
  const lo = typeof minValue === 'number' && Number.isFinite(minValue) ? minValue : Number.MIN_SAFE_INTEGER;
  const hi = typeof maxValue === 'number' && Number.isFinite(maxValue) ? maxValue : Number.MAX_SAFE_INTEGER;
  const n = rng() < 0.1 ? pick(rng, EXTREME_NUMBERS.filter((x) => Number.isSafeInteger(x))) : plausible(rng, key);
  return Math.min(hi, Math.max(lo, n));
}

function plausible(rng: Rng, key: string): number {
  if (/^page$/.test(key)) return 1 + Math.floor(rng() * 3);
  if (/pageSize|limit/i.test(key)) return pick(rng, [1, 20, 200]);
  if (/quantity/i.test(key)) return 1 + Math.floor(rng() * 5);
  if (/taxRate/i.test(key)) return pick(rng, [0, 1300, 10_000]);
  if (key === 'value') return pick(rng, [20_000, 10_000, 5_000, 1_000, 100, 10, 7]);
  if (MONEY_KEY.test(key)) return pick(rng, [0, 10, 100, 1_000, 5_000, 20_000, 100_000, AMOUNT_CEILING]);
  return Math.floor(rng() * 100);
}

function validString(rng: Rng, key: string, def: Def, pools: Pools): string {
  const k = key.toLowerCase();
  if (k === 'registerid') return pick(rng, pools.registerId);
  if (k === 'productid') return pick(rng, pools.productId);
  if (k === 'saleid') return pick(rng, pools.saleId);
  if (k === 'sessionid') return pick(rng, pools.sessionId);
  if (k === 'userid' || k === 'touserid') return pick(rng, pools.userId);
  if (k.endsWith('grantid')) return pick(rng, pools.grantId.length ? pools.grantId : pools.any);
  if (k.endsWith('id') && k !== 'requestid') return pick(rng, pools.any);
  if (k === 'username') return pick(rng, pools.username);
  if (k === 'pin') return pick(rng, ['1111', '2222', '3333', '4444', '5555', '0000', '12345678']);
  if (k === 'requestid') return `fuzz-${Math.floor(rng() * 1e9)}`;
  if (k.includes('date')) return pick(rng, ['2026-11-22', '2026-11-21', '2030-01-01']);
  if (k === 'csv') return pick(rng, ['sku,name,price\nFZ-1,Fuzz,10.50\n', 'sku,name,price\nFZ-2,Fuzz,99999999999999\n', 'sku,name\n']);
  if (k === 'url') return pick(rng, ['https://hq.example.com', 'http://127.0.0.1:9', 'http://evil.example.com']);
  if (k === 'sku') return `FZ-${Math.floor(rng() * 1000)}`;
  if (k.includes('barcode')) return pick(rng, ['7771000000019', '12345678', 'ABC-123']);
  if (k === 'code' || k.endsWith('code')) return pick(rng, ['POS009', 'SUC009', 'TIGO_MONEY', 'BNB']);
  if (k === 'quantity' || k === 'delta' || k === 'stock') return pick(rng, ['1', '1.250', '-2', '0.001']);
  if (k === 'provider') return pick(rng, ['TIGO_MONEY', 'BNB', 'ENTEL', 'NOPE']);
  if (k === 'cardlast4') return '4242';
  if (def.format === 'date') return '2026-11-22';
  return pick(rng, ['Fuzz', 'Cambio', 'Prueba de caja', 'x']);
}

/** A value that fits `schema` as far as its shape says (refinements may still refuse it): the "valid-looking" input. */
export function validFor(schema: unknown, key: string, rng: Rng, pools: Pools, depth = 0): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return rng() < 0.5 ? undefined : validFor(def['innerType'], key, rng, pools, depth);
    case 'default':
      return rng() < 0.4 ? undefined : validFor(def['innerType'], key, rng, pools, depth);
    case 'nullable':
      return rng() < 0.2 ? null : validFor(def['innerType'], key, rng, pools, depth);
    case 'pipe':
      return validFor(def['in'], key, rng, pools, depth);
    case 'object': {
      const shape = def['shape'] as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(shape)) {
        const v = validFor(s, k, rng, pools, depth + 1);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'array': {
      const n = depth > 3 ? 0 : 1 + Math.floor(rng() * 3);
      return Array.from({ length: n }, () => validFor(def['element'], key, rng, pools, depth + 1));
    }
    case 'union':
      return validFor(pick(rng, def['options'] as unknown[]), key, rng, pools, depth);
    case 'enum':
      return pick(rng, Object.values(def['entries'] as Record<string, string>));
    case 'literal':
      return (def['values'] as unknown[])[0];
    case 'boolean':
      return rng() < 0.5;
    case 'number':
      return validNumber(rng, key, schema);
    case 'string':
      return validString(rng, key, def, pools);
    case 'record':
      return {};
    default:
      return undefined;
  }
}

/** Every path to a field of a plain object/array value, for mutating one leaf or branch. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length > 6) return out;
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...prefix, i]), paths(x, [...prefix, i], out)));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push([...prefix, k]), paths(x, [...prefix, k], out));
  return out;
}

function parentOf(root: unknown, p: readonly (string | number)[]): Record<string | number, unknown> | null {
  let cur: unknown = root;
  for (const k of p.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>) : null;
}

/** A malformed input: a valid-looking one with one field replaced, removed or added, or no object at all. */
export function malformed(valid: unknown, rng: Rng): unknown {
  const root = structuredClone(valid);
  const all = paths(root);
  const mode = Math.floor(rng() * 10);
  if (mode === 0) return hostile(rng);
  if (mode === 1 || all.length === 0) {
    if (root !== null && typeof root === 'object') (root as Record<string, unknown>)[pick(rng, ['extra', 'userId', '__proto__', 'constructor', 'role', 'sessionId'])] = hostile(rng);
    return root;
  }
  const p = pick(rng, all);
  const parent = parentOf(root, p);
  const last = p[p.length - 1];
  if (parent === null || last === undefined) return root;
  if (mode === 2) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else if (mode === 3 && parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    (parent[last] as Record<string, unknown>)['extra'] = hostile(rng);
  } else {
    parent[last] = typeof parent[last] === 'number' && rng() < 0.6 ? pick(rng, EXTREME_NUMBERS) : hostile(rng);
  }
  return root;
}

const USER_OF_ROLE: Readonly<Record<Role, string>> = { CASHIER: 'maria', SUPERVISOR: 'sofia', MANAGER: 'gerente', ADMIN: 'admin' };

/** A store with something in it: every role signed in, two open sessions (one near its ceiling), a sale, a count, a grant. */
function buildBase(dir: string, at: Date): { tokens: Record<Role, string> } {
  const { engine } = openEngine(dir, { demo: true, clock: () => at, pinCost: TEST_PIN_COST });
  const call = (name: CommandName, input: unknown, token: string | null) => {
    const r = engine.dispatch(name, input, token);
    if (!r.ok) throw new Error(`fuzz base: ${name} failed: ${r.error.code}`);
    return r.data as Record<string, unknown>;
  };
  const login = (u: string) => (call('auth.login', { username: u, pin: DEMO_PINS[u] }, null) as { token: string }).token;
  const tokens = Object.fromEntries(ROLES.map((r) => [r, login(USER_OF_ROLE[r])])) as Record<Role, string>;
  const registers = engine.store.sqlite.prepare<[], { id: string; code: string }>('SELECT id, code FROM registers').all();
  const pos1 = registers.find((r) => r.code === 'POS001')?.id ?? '';
  const pos3 = registers.find((r) => r.code === 'POS003')?.id ?? '';
  call('cash.open', { registerId: pos1, openingAmount: 50_000 }, tokens.CASHIER);
  call('cash.open', { registerId: pos3, openingAmount: 50_000 }, tokens.SUPERVISOR);
  const product = engine.store.sqlite.prepare<[], { id: string; price: number }>("SELECT id, price FROM products WHERE unit = 'UNIT' LIMIT 1").get();
  if (!product) throw new Error('fuzz base: no product');
  call('sales.create', { lines: [{ productId: product.id, quantity: 2 }], payments: [{ method: 'CASH', amount: product.price * 2 }] }, tokens.CASHIER);
  call('cash.deposit', { amount: 1_000, reason: 'CHANGE_FUND' }, tokens.CASHIER);
  // The cashier's session sits just under its running-total ceiling, so a couple of large amounts reach it.
  for (let i = 0; i < TOTAL_CEILING / AMOUNT_CEILING - 2; i++) call('cash.deposit', { amount: AMOUNT_CEILING, reason: 'CHANGE_FUND' }, tokens.CASHIER);
  call('cash.count', { type: 'PARTIAL', denominations: bobCount(50_000) }, tokens.CASHIER);
  call('auth.verifySupervisor', { pin: '3333', permission: 'cash:movements', username: 'sofia' }, tokens.CASHIER);
  engine.close();
  return { tokens };
}

/** Ids and names of a store to build valid-looking inputs from (`validFor`). */
export function poolsOf(engine: Engine): Pools {
  const col = (sql: string) => engine.store.sqlite.prepare<[], { v: string }>(sql).all().map((r) => r.v);
  const pools = {
    registerId: col('SELECT id AS v FROM registers'),
    productId: col('SELECT id AS v FROM products LIMIT 10'),
    saleId: col('SELECT id AS v FROM sales'),
    sessionId: col('SELECT id AS v FROM sessions'),
    userId: col('SELECT id AS v FROM users'),
    grantId: col('SELECT id AS v FROM grants'),
    username: [...col('SELECT username AS v FROM users'), 'nadie'],
  };
  return { ...pools, any: [...pools.registerId, ...pools.productId, ...pools.saleId, ...pools.sessionId, ...pools.userId, 'no-such-id'] };
}

const short = (v: unknown): string => {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text;
};

/**
 * Runs the fuzzer: for every command and every caller (each role's token, then no token), `casesPerPair` inputs, about
 * half valid-looking and half malformed, each against a fresh copy of a small seeded store per command.
 * Deterministic for a seed. `onProgress` hears each command's name as it starts.
 */
export async function runFuzz(options: { seed: number; casesPerPair: number; commands?: readonly CommandName[]; onProgress?: (name: string) => void }): Promise<FuzzFigures> {
  const rng = prng(options.seed);
  const root = mkdtempSync(path.join(tmpdir(), 'arqueo-fuzz-'));
  const at = new Date('2026-11-22T14:00:00.000Z');
  const byCode: Record<string, number> = {};
  const faults: { command: string; caller: string; input: string; code: string; wrote: boolean }[] = [];
  let calls = 0;
  let internal = 0;
  let refusedWithWrite = 0;
  let keptRefusals = 0;
  const names = options.commands ?? COMMAND_NAMES;
  // The engine logs what it answers INTERNAL for; a fuzz run reports them itself.
  const error = console.error;
  const logged: string[] = [];
  console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' ').slice(0, 500));
  try {
    const baseDir = path.join(root, 'base');
    const { tokens } = buildBase(baseDir, at);
    const callers: [string, string | null][] = [...ROLES.map((r): [string, string | null] => [r, tokens[r]]), ['ANONYMOUS', null]];
    for (const [n, name] of names.entries()) {
      options.onProgress?.(name);
      const dir = path.join(root, `c${n}`);
      mkdirSync(dir);
      copyFileSync(path.join(baseDir, DB_FILE), path.join(dir, DB_FILE));
      const { engine: e } = openEngine(dir, { clock: () => at, pinCost: TEST_PIN_COST });
      try {
        const pools = poolsOf(e);
        const watch = writeWatch(e.store.sqlite);
        const schema = COMMANDS[name].input as z.ZodType;
        for (const [caller, token] of callers) {
          for (let i = 0; i < options.casesPerPair; i++) {
            const valid = validFor(schema, '', rng, pools);
            const input = rng() < 0.5 ? valid : malformed(valid, rng);
            logged.length = 0;
            // invoke, as the hosts call it: the asynchronous commands (backups, the two that talk to HQ) are fuzzed too.
            const reply = await e.invoke(name, input, token);
            calls++;
            const code = reply.ok ? 'OK' : reply.error.code;
            byCode[code] = (byCode[code] ?? 0) + 1;
            const wrote = watch.settle();
            const kept = !reply.ok && e.keptRefusal(reply);
            if (kept) keptRefusals++;
            const bad = code === 'INTERNAL' || (!reply.ok && wrote && !kept);
            if (code === 'INTERNAL') internal++;
            if (!reply.ok && wrote && !kept) refusedWithWrite++;
            if (bad && faults.length < 20) faults.push({ command: name, caller, input: short(input), code: `${code}${logged.length ? ` (${logged[0]})` : ''}`, wrote });
          }
        }
      } finally {
        e.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return { seed: options.seed, commands: names.length, callers: callers.length, casesPerPair: options.casesPerPair, calls, internal, refusedWithWrite, keptRefusals, byCode, faults };
  } finally {
    console.error = error;
    rmSync(root, { recursive: true, force: true });
  }
}
