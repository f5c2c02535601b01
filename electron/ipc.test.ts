// The IPC transport with structural fakes of Electron's ipcMain and webContents, over a real engine on SQLite.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../src/contract';
import type { Harness } from '../engine/testkit';
import { harness } from '../engine/testkit';
import type { InvokeEvent, IpcBinding } from './ipc';
import { CHANNEL, TOKEN_PLACEHOLDER, bindIpc } from './ipc';

const RENDERER = path.resolve('/opt/arqueo/dist/app/index.html');
const MAIN_FRAME = 7;

let h: Harness;
let listener: ((event: InvokeEvent, ...args: unknown[]) => unknown) | null;
let binding: IpcBinding;
let destroyed: (() => void) | null;

const event = (overrides: { url?: string; frame?: number; parent?: object | null; sender?: number } = {}): InvokeEvent => ({
  sender: { id: overrides.sender ?? 1, once: (_e: 'destroyed', fn: () => void) => (destroyed = fn) },
  senderFrame: { url: overrides.url ?? pathToFileURL(RENDERER).href, parent: overrides.parent ?? null, frameTreeNodeId: overrides.frame ?? MAIN_FRAME },
});
const invoke = async (name: unknown, input: unknown, ev = event()) => (await listener?.(ev, name, input)) as Reply<Record<string, unknown>>;

beforeEach(() => {
  h = harness();
  listener = null;
  destroyed = null;
  binding = bindIpc({
    ipcMain: {
      handle: (channel, fn) => {
        expect(channel).toBe(CHANNEL);
        listener = fn;
      },
      removeHandler: () => (listener = null),
    },
    engine: h.engine,
    getWebContents: () => ({ id: 1, isDestroyed: () => false, mainFrame: { frameTreeNodeId: MAIN_FRAME } }),
    rendererFile: RENDERER,
  });
});
afterEach(() => {
  binding.dispose();
  h.close();
});

describe('IPC transport', () => {
  it('keeps the token in main: the renderer sees a placeholder, and the sign-in works until logout', async () => {
    const login = await invoke('auth.login', { username: 'maria', pin: '4444' });
    expect(login).toMatchObject({ ok: true, data: { token: TOKEN_PLACEHOLDER, user: { username: 'maria' } } });
    expect(await invoke('auth.me', {})).toMatchObject({ ok: true, data: { user: { username: 'maria' } } });
    expect(await invoke('auth.logout', {})).toMatchObject({ ok: true });
    expect(await invoke('auth.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers only our window main frame showing our renderer', async () => {
    await invoke('auth.login', { username: 'maria', pin: '4444' });
    expect(await invoke('auth.me', {}, event({ url: 'https://evil.example/' }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('auth.me', {}, event({ url: pathToFileURL('/tmp/other.html').href }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('auth.me', {}, event({ frame: 99, parent: {} }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('auth.me', {}, event({ sender: 2 }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(42, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await invoke('auth.me', {}, event({ url: `${pathToFileURL(RENDERER).href}#/sell` }))).toMatchObject({ ok: true });
  });

  it('ends the sign-in when the window goes away', async () => {
    await invoke('auth.login', { username: 'maria', pin: '4444' });
    destroyed?.();
    expect(await invoke('auth.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(h.engine.store.sqlite.prepare('SELECT COUNT(*) AS n FROM auth_tokens WHERE revoked_at IS NULL').get()).toEqual({ n: 0 });
  });
});
