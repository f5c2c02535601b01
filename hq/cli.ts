// `npm run hq -- --port PORT --data-dir DIR [--host 127.0.0.1]`        serve
// `npm run hq -- keys add --branch SUC001 --register POS001 --data-dir DIR`  create a register key (printed once)
// `npm run hq -- keys add-admin --data-dir DIR`                             create a manager (read) key (printed once)
// The server binds to loopback unless --host says otherwise; put a TLS-terminating proxy in front of it for a WAN.
// HQ_ADMIN_KEY in the environment is accepted as an admin key as well. On start it prints `HQ storage: <where>` and
// `HQ listening on <url>`.
// Storage: DATABASE_URL set → PostgreSQL (--data-dir is then not needed and not used); else SQLite in --data-dir.
import { keyDigest, createKey } from './keys';
import { openHqStore } from './open-store';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import { createHqServer } from './server';

const CODE = /^[A-Z0-9_-]{1,16}$/;

function parseFlags(args: readonly string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
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

async function main(): Promise<void> {
  const { positional, flags } = parseFlags(process.argv.slice(2));
  const dataDir = flags.get('data-dir') ?? process.env['HQ_DATA_DIR'];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!dataDir && !databaseUrl) {
    die('usage: hq --port PORT --data-dir DIR | hq keys add --branch CODE --register CODE --data-dir DIR | hq keys add-admin --data-dir DIR\n(with DATABASE_URL set, storage is PostgreSQL and --data-dir is not needed)');
  }
  const { store, description } = await openHqStore({ databaseUrl, dataDir });

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
