// `npm run hq -- --port PORT --data-dir DIR [--host 127.0.0.1]`        serve
// `npm run hq -- keys add --branch SUC001 --register POS001 --data-dir DIR`  create a register key (printed once)
// `npm run hq -- keys add-admin --data-dir DIR`                             create a manager (read) key (printed once)
// `npm run hq -- branches add --code SUC001 --name "Sucursal Centro" --time-zone America/La_Paz --currency BOB
//      [--tax-id --address --phone --default-tax-rate-bp 1300 --receipt-name --receipt-footer]`
// `npm run hq -- registers add --branch SUC001 --code POS001 --name "Caja 1" [--specialty MIXED --tolerance 1000
//      --no-blind-close --refund-approval-above 5000 --no-negative-stock, and any setting of `registers set`]`
//      prints a one-time enrollment code (24 h)
// `npm run hq -- registers code --branch SUC001 --register POS001`            a new enrollment code for it
// `npm run hq -- registers set --branch SUC001 --code POS001 [--name --specialty --tolerance N --blind-close on|off
//      --refund-approval-above N --negative-stock on|off --no-sale-needs-approval on|off --cash-rounding N|default
//      --discount-max-bp N --discount-max-amount N --printer JSON --active on|off]`   (minor units, basis points;
//      --printer takes the register's printer settings, e.g. '{"target":{"kind":"ESCPOS_TCP","host":"192.168.1.50",
//      "paper":"MM80"},"autoPrintReceipt":true,"drawer":{"pin":2,"onMs":100,"offMs":500}}' or '{"target":{"kind":"NONE"},
//      "autoPrintReceipt":false,"drawer":null}')
// `npm run hq -- branches set --code SUC001 [--name --time-zone --tax-id --address --phone --default-tax-rate-bp
//      --receipt-name --receipt-footer]`            the receipt header its registers print, and the rest of the branch
// `npm run hq -- users add --branch SUC001|--global --username maria --name "María" --role CASHIER --pin 4826`
// `npm run hq -- users add --username ana --name "Ana" [--role OWNER|HQ_MANAGER|AUDITOR]`   a person at HQ (console);
//      no --pin: the password is read from the terminal (asked twice, no echo) or the first line of stdin, never argv
// `npm run hq -- users set-pin --username maria --pin 5937` · `users deactivate --username maria`
// `npm run hq -- products add --sku SKU-1 --name "Café" --price 1250 [--barcode 7771..,7772.. --category --tax-rate-bp
//      1300 --unit KG]` (price in minor units) · `products set-price --sku SKU-1 --price 1300` ·
//      `products import FILE.csv --currency BOB` (the register's CSV format; prices as typed)
// `npm run hq -- providers add --code TIGO_MONEY --name "Tigo Money" --kinds CASH_IN,CASH_OUT,TOP_UP`
// The server binds to loopback unless --host says otherwise; put a TLS-terminating proxy in front of it for a WAN.
// HQ_ADMIN_KEY in the environment is accepted as an admin key as well. On start it prints `HQ storage: <where>` and
// `HQ listening on <url>`.
// Storage: DATABASE_URL set → PostgreSQL (--data-dir is then not needed and not used); else SQLite in --data-dir.
import { readFileSync } from 'node:fs';
import { CURRENCY_CODES } from '../src/money/currencies';
import type { CurrencyCode } from '../src/money/currencies';
import { keyDigest, createKey } from './keys';
import { MasterError, addBranch, addProduct, addRegister, addUser, deactivateUser, importProducts, issueEnrollmentCode, putProvider, setProductPrice, setUserPin, updateBranch, updateRegister } from './master';
import type { HqStore } from './store';
import { openHqStore } from './open-store';
import { People, PeopleError } from './people';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import { createHqServer } from './server';

const CODE = /^[A-Z0-9_-]{1,16}$/;

/** Flags that take no value. */
const SWITCHES = new Set(['global', 'no-blind-close', 'no-negative-stock', 'inactive']);

function parseFlags(args: readonly string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (SWITCHES.has(a.slice(2))) flags.set(a.slice(2), 'true');
      else {
        flags.set(a.slice(2), args[i + 1] ?? '');
        i++;
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

function die(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const MASTER_COMMANDS = new Set(['branches', 'registers', 'users', 'products', 'providers']);

const optional = (flags: Map<string, string>, name: string): string | undefined => flags.get(name);
const int = (flags: Map<string, string>, name: string): number | undefined => {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) die(`--${name} must be a whole number (minor units or basis points)`);
  return Number(v);
};
const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const onOff = (flags: Map<string, string>, name: string): boolean | undefined => {
  const v = flags.get(name)?.toLowerCase();
  if (v === undefined) return undefined;
  if (['on', 'true', 'yes'].includes(v)) return true;
  if (['off', 'false', 'no'].includes(v)) return false;
  return die(`--${name} must be on or off`);
};
const jsonFlag = (flags: Map<string, string>, name: string): unknown => {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return die(`--${name} must be JSON`);
  }
};

/** One master-data command; returns what to print (the enrollment code, or the record as JSON). */
async function masterCommand(store: HqStore, positional: readonly string[], flags: Map<string, string>): Promise<string> {
  const [what, verb, arg] = positional;
  const json = (v: unknown) => JSON.stringify(v, (k, x: unknown) => (k === 'pinHash' ? undefined : x));
  switch (`${what}:${verb}`) {
    case 'branches:add':
      return json(
        await addBranch(
          store,
          defined({
            code: flags.get('code'),
            name: flags.get('name'),
            timeZone: flags.get('time-zone'),
            currency: flags.get('currency'),
            taxId: optional(flags, 'tax-id'),
            address: optional(flags, 'address'),
            phone: optional(flags, 'phone'),
            defaultTaxRateBp: int(flags, 'default-tax-rate-bp'),
            receiptName: optional(flags, 'receipt-name'),
            receiptFooter: optional(flags, 'receipt-footer'),
          }),
        ),
      );
    case 'registers:add': {
      const r = await addRegister(
        store,
        defined({
          branchCode: flags.get('branch'),
          code: flags.get('code'),
          name: flags.get('name'),
          specialty: optional(flags, 'specialty'),
          differenceTolerance: int(flags, 'tolerance'),
          refundApprovalAbove: int(flags, 'refund-approval-above'),
          blindClose: flags.has('no-blind-close') ? false : undefined,
          allowNegativeStock: flags.has('no-negative-stock') ? false : undefined,
          noSaleNeedsApproval: onOff(flags, 'no-sale-needs-approval'),
          cashRounding: int(flags, 'cash-rounding'),
          discountMaxBp: int(flags, 'discount-max-bp'),
          discountMaxAmount: int(flags, 'discount-max-amount'),
          printer: jsonFlag(flags, 'printer'),
        }),
      );
      return `register ${r.register.branchCode}/${r.register.code} added\nenrollment code (single use, valid until ${r.expiresAt}): ${r.code}`;
    }
    case 'registers:set': {
      const rounding = flags.get('cash-rounding');
      return json(
        await updateRegister(
          store,
          flags.get('branch') ?? '',
          flags.get('code') ?? '',
          defined({
            name: optional(flags, 'name'),
            specialty: optional(flags, 'specialty'),
            differenceTolerance: int(flags, 'tolerance'),
            blindClose: flags.has('no-blind-close') ? false : onOff(flags, 'blind-close'),
            refundApprovalAbove: int(flags, 'refund-approval-above'),
            allowNegativeStock: flags.has('no-negative-stock') ? false : onOff(flags, 'negative-stock'),
            noSaleNeedsApproval: onOff(flags, 'no-sale-needs-approval'),
            cashRounding: rounding === 'default' ? null : int(flags, 'cash-rounding'),
            discountMaxBp: int(flags, 'discount-max-bp'),
            discountMaxAmount: int(flags, 'discount-max-amount'),
            printer: jsonFlag(flags, 'printer'),
            active: onOff(flags, 'active'),
          }),
        ),
      );
    }
    case 'branches:set':
      return json(
        await updateBranch(
          store,
          flags.get('code') ?? '',
          defined({
            name: optional(flags, 'name'),
            timeZone: optional(flags, 'time-zone'),
            taxId: optional(flags, 'tax-id'),
            address: optional(flags, 'address'),
            phone: optional(flags, 'phone'),
            defaultTaxRateBp: int(flags, 'default-tax-rate-bp'),
            receiptName: optional(flags, 'receipt-name'),
            receiptFooter: optional(flags, 'receipt-footer'),
          }),
        ),
      );
    case 'registers:code': {
      const r = await issueEnrollmentCode(store, flags.get('branch') ?? '', flags.get('register') ?? '');
      return `enrollment code (single use, valid until ${r.expiresAt}): ${r.code}`;
    }
    case 'users:add':
      // Without --pin it is a person at HQ (the console), not a register user: see `addHqPerson`.
      if (!flags.has('pin')) return addHqPerson(store, flags);
      if (!flags.has('global') && !flags.get('branch')) die('users add needs --branch CODE (or --global for a chain-wide user)');
      return json(await addUser(store, { branchCode: flags.has('global') ? null : flags.get('branch'), username: flags.get('username'), name: flags.get('name'), role: flags.get('role'), pin: flags.get('pin') }));
    case 'users:set-pin':
      return json(await setUserPin(store, flags.get('username') ?? '', flags.get('pin') ?? ''));
    case 'users:deactivate':
      return json(await deactivateUser(store, flags.get('username') ?? ''));
    case 'products:add':
      return json(
        await addProduct(
          store,
          defined({
            sku: flags.get('sku'),
            name: flags.get('name'),
            price: int(flags, 'price'),
            unit: optional(flags, 'unit'),
            category: optional(flags, 'category'),
            taxRateBp: int(flags, 'tax-rate-bp'),
            barcodes: flags.get('barcode')?.split(',').map((b) => b.trim()),
          }),
        ),
      );
    case 'products:set-price':
      return json(await setProductPrice(store, flags.get('sku') ?? '', int(flags, 'price') ?? -1));
    case 'products:import': {
      if (!arg) die('products import FILE.csv --currency BOB');
      const currency = flags.get('currency') ?? '';
      if (!(CURRENCY_CODES as readonly string[]).includes(currency)) die(`--currency must be one of ${CURRENCY_CODES.join(', ')}`);
      const r = await importProducts(store, readFileSync(arg, 'utf8'), currency as CurrencyCode);
      return `${r.imported} products imported`;
    }
    case 'providers:add':
      return json(await putProvider(store, { code: flags.get('code'), name: flags.get('name'), kinds: (flags.get('kinds') ?? '').split(',').filter(Boolean), active: !flags.has('inactive') }));
    default:
      return die(`unknown command: ${positional.join(' ')} (see the header of hq/cli.ts)`);
  }
}

/**
 * Reads a password: from the terminal without echo (asked twice), or the first line of piped stdin. Never from argv,
 * where other users of the machine and the shell history would see it.
 */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string): Promise<string> =>
    new Promise((resolve) => {
      process.stderr.write(prompt);
      stdin.setRawMode(true);
      stdin.resume();
      let typed = '';
      const onData = (d: Buffer): void => {
        for (const ch of d.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') process.exit(130);
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
        }
      };
      stdin.on('data', onData);
    });
  const first = await ask('Contraseña (12 caracteres o más): ');
  if ((await ask('Repita la contraseña: ')) !== first) die('the two passwords differ; nothing was written');
  return first;
}

/** `users add --username U --name N [--role OWNER|HQ_MANAGER|AUDITOR]`: a person at HQ; the first one must be an OWNER. */
async function addHqPerson(store: HqStore, flags: Map<string, string>): Promise<string> {
  const people = new People(store.sql);
  const role = flags.get('role') ?? 'OWNER';
  if ((await people.count()) === 0 && role !== 'OWNER') die('the first person at HQ must be an OWNER (--role OWNER)');
  const password = await readPassword();
  try {
    const person = await people.add({ username: flags.get('username'), name: flags.get('name'), role, password }, new Date());
    return `HQ ${person.role} ${person.username} added; sign in to the console at http://<host>:<port>/`;
  } catch (e) {
    if (e instanceof PeopleError) die(`${e.code}: ${e.message}`);
    throw e;
  }
}

async function main(): Promise<void> {
  const { positional, flags } = parseFlags(process.argv.slice(2));
  const dataDir = flags.get('data-dir') ?? process.env['HQ_DATA_DIR'];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!dataDir && !databaseUrl) {
    die('usage: hq --port PORT --data-dir DIR | hq keys add --branch CODE --register CODE --data-dir DIR | hq keys add-admin --data-dir DIR\n(with DATABASE_URL set, storage is PostgreSQL and --data-dir is not needed)');
  }
  const { store, description } = await openHqStore({ databaseUrl, dataDir });

  if (positional[0] && MASTER_COMMANDS.has(positional[0])) {
    try {
      process.stdout.write(`${await masterCommand(store, positional, flags)}\n`);
    } catch (e) {
      if (e instanceof MasterError) die(`${e.code}: ${e.message}`);
      throw e;
    } finally {
      await store.close();
    }
    return;
  }

  if (positional[0] === 'keys') {
    try {
      if (positional[1] === 'add') {
        const branchCode = flags.get('branch') ?? '';
        const registerCode = flags.get('register') ?? '';
        if (!CODE.test(branchCode) || !CODE.test(registerCode)) die('keys add needs --branch CODE --register CODE (A-Z, 0-9, _ and -, up to 16)');
        process.stdout.write(`${await createKey(store, { role: 'REGISTER', branchCode, registerCode })}\n`);
      } else if (positional[1] === 'add-admin') {
        process.stdout.write(`${await createKey(store, { role: 'ADMIN' })}\n`);
      } else die('usage: hq keys add --branch CODE --register CODE --data-dir DIR | hq keys add-admin --data-dir DIR');
    } finally {
      await store.close();
    }
    return;
  }

  const port = Number(flags.get('port') ?? process.env['HQ_PORT'] ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) die('--port must be 0..65535');
  const host = flags.get('host') ?? '127.0.0.1';
  const adminKey = process.env['HQ_ADMIN_KEY'];
  // HQ_RATE_BURST / HQ_RATE_PER_SECOND tune the per-key delivery limit (hq/rate-limit.ts); HQ_RATE_BURST=0 turns it off.
  const burst = Number(process.env['HQ_RATE_BURST'] ?? DEFAULT_RATE_LIMIT.burst);
  const perSecond = Number(process.env['HQ_RATE_PER_SECOND'] ?? DEFAULT_RATE_LIMIT.perSecond);
  if (!(Number.isInteger(burst) && burst >= 0 && perSecond > 0)) die('HQ_RATE_BURST must be a whole number >= 0 and HQ_RATE_PER_SECOND > 0');
  const hq = createHqServer({ store, adminKeyDigests: adminKey ? [keyDigest(adminKey)] : [], rateLimit: burst === 0 ? null : { burst, perSecond } });
  const url = await hq.listen(port, host);
  process.stdout.write(`HQ storage: ${description}\nHQ listening on ${url}\n`);
  const stop = () => {
    void hq.close().then(() => store.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
