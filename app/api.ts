// The typed command client. One function, `invoke`, over whichever transport exists: Electron's preload bridge
// (`window.pos.invoke`, the token stays in main) or browser mode's `POST /rpc/<name>` with a bearer token kept in
// sessionStorage. Invariant: never throws; a transport failure is an INTERNAL reply like any other error.
import type { CommandInput, CommandName, CommandOutput, Reply } from '../src/contract';

declare global {
  interface Window {
    /** Present only under Electron (see electron/preload.ts). */
    readonly pos?: { readonly invoke: (name: string, input: unknown) => Promise<unknown> };
  }
}

const TOKEN_KEY = 'arqueo.token';

const bridge = (): Window['pos'] => (typeof window === 'undefined' ? undefined : window.pos);

export const isElectron = (): boolean => typeof bridge()?.invoke === 'function';

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // storage disabled: the sign-in lasts as long as this page
  }
}

/** Whether a sign-in may still be alive (so the app tries `auth.me` on start). */
export function maybeSignedIn(): boolean {
  return isElectron() || readToken() !== null;
}

const internal = (message: string): Reply<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function asReply<T>(raw: unknown): Reply<T> {
  if (isRecord(raw) && raw.ok === true && 'data' in raw) return raw as Reply<T>;
  if (isRecord(raw) && raw.ok === false && isRecord(raw.error) && typeof raw.error.code === 'string' && typeof raw.error.message === 'string') {
    return raw as Reply<T>;
  }
  return internal('Respuesta no válida del servidor');
}

async function overHttp(name: string, input: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = readToken();
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`/rpc/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input ?? {}),
    cache: 'no-store',
    credentials: 'omit',
  });
  try {
    return (await res.json()) as unknown;
  } catch {
    return internal(`Respuesta no válida del servidor (HTTP ${res.status})`);
  }
}

export async function invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Reply<CommandOutput<N>>> {
  const pos = bridge();
  let reply: Reply<CommandOutput<N>>;
  try {
    reply = asReply<CommandOutput<N>>(pos ? await pos.invoke(name, input) : await overHttp(name, input));
  } catch (e) {
    return internal(`No se pudo contactar al motor de la caja: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!pos) {
    if (name === 'auth.login' && reply.ok) {
      const data: unknown = reply.data;
      if (isRecord(data) && typeof data.token === 'string') writeToken(data.token);
    } else if (name === 'auth.logout' || (!reply.ok && reply.error.code === 'UNAUTHENTICATED')) {
      writeToken(null);
    }
  }
  return reply;
}
