// The IPC transport: one channel, `pos:invoke`, carrying a command name and its input to `engine.invoke` (PINs hash off
// the main thread; backups and the commands that talk to HQ wait on I/O).
// Like browser mode it has no logic of its own; the engine parses, authorizes and runs. Invariants:
// - only our window's main frame, showing our own renderer file, is answered (anything else gets FORBIDDEN);
// - the session token never reaches the renderer: it is kept here per webContents, and the renderer sees 'ipc';
// - no import of 'electron' at all (ipcMain is passed in by main.ts and described structurally below), so this file
//   loads under plain Node and can be driven by fakes in tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reply, ReplyError } from '../src/contract';
import type { Engine } from '../engine';

export const CHANNEL = 'pos:invoke';
/** What the renderer receives in place of the real token after `auth.login`. */
export const TOKEN_PLACEHOLDER = 'ipc';

/** The parts of Electron's IpcMainInvokeEvent this transport reads. */
export interface InvokeEvent {
  readonly sender: { readonly id: number; once(event: 'destroyed', listener: () => void): unknown };
  readonly senderFrame: { readonly url: string; readonly parent: object | null; readonly frameTreeNodeId: number } | null;
}

/** The parts of Electron's WebContents this transport reads. */
export interface WindowContents {
  readonly id: number;
  isDestroyed(): boolean;
  readonly mainFrame: { readonly frameTreeNodeId: number };
}

/** The parts of Electron's ipcMain this transport uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface BindIpcOptions {
  readonly ipcMain: IpcMainLike;
  readonly engine: Pick<Engine, 'invoke' | 'acted'>;
  /** The webContents of our one window, or null while there is none. */
  readonly getWebContents: () => WindowContents | null;
  /** Absolute path of the renderer's index.html. */
  readonly rendererFile: string;
  /** Called after each reply (not awaited): printing the receipt of a sale, for one (electron/printing/host.ts). */
  readonly afterReply?: ((name: string, input: unknown, reply: Reply<unknown>) => unknown) | null;
}

export interface IpcBinding {
  /** Removes the handler and ends every sign-in made through it. */
  dispose(): void;
}

const samePath = (a: string, b: string): boolean =>
  process.platform === 'win32' || process.platform === 'darwin'
    ? path.resolve(a).toLowerCase() === path.resolve(b).toLowerCase()
    : path.resolve(a) === path.resolve(b);

/** True when `url` is a file:// URL of the renderer's index.html (query and fragment ignored). */
export function isRendererUrl(url: string, rendererFile: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:') return false;
  parsed.search = '';
  parsed.hash = '';
  try {
    return samePath(fileURLToPath(parsed), rendererFile);
  } catch {
    return false;
  }
}

const refuse = (code: ReplyError['code'], message: string): Reply<never> => ({ ok: false, error: { code, message } });

function tokenOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('token' in data)) return null;
  return typeof data.token === 'string' ? data.token : null;
}

export function bindIpc(options: BindIpcOptions): IpcBinding {
  const { ipcMain, engine, getWebContents, rendererFile } = options;
  const tokens = new Map<number, string>();
  const watched = new Set<number>();

  const trusted = (event: InvokeEvent): boolean => {
    const contents = getWebContents();
    const frame = event.senderFrame;
    if (contents === null || contents.isDestroyed() || frame === null) return false;
    if (event.sender.id !== contents.id) return false;
    if (frame.parent !== null || frame.frameTreeNodeId !== contents.mainFrame.frameTreeNodeId) return false;
    return isRendererUrl(frame.url, rendererFile);
  };

  const forget = (id: number): void => {
    const token = tokens.get(id);
    tokens.delete(id);
    if (token !== undefined) void engine.invoke('auth.logout', {}, token);
  };

  const handle = async (event: InvokeEvent, name: unknown, input: unknown): Promise<Reply<unknown>> => {
    if (!trusted(event)) return refuse('FORBIDDEN', 'Origen no permitido');
    if (typeof name !== 'string') return refuse('VALIDATION_FAILED', 'Datos inválidos: el nombre del comando debe ser texto');
    const id = event.sender.id;
    // One asynchronous entry: the main process keeps answering other windows while a PIN hashes or a backup copies.
    const reply = await engine.invoke(name, input, tokens.get(id) ?? null);
    if (engine.acted(reply)) options.afterReply?.(name, input, reply);

    if (name === 'auth.login' && reply.ok) {
      const token = tokenOf(reply.data);
      if (token === null) return refuse('INTERNAL', 'Error interno: respuesta de inicio de sesión sin token');
      if (tokens.has(id)) forget(id); // a new sign-in replaces the previous one
      tokens.set(id, token);
      if (!watched.has(id)) {
        watched.add(id);
        event.sender.once('destroyed', () => {
          watched.delete(id);
          forget(id);
        });
      }
      return { ok: true, data: { ...(reply.data as Record<string, unknown>), token: TOKEN_PLACEHOLDER } };
    }
    if (name === 'auth.logout') tokens.delete(id);
    else if (!reply.ok && reply.error.code === 'UNAUTHENTICATED') tokens.delete(id);
    return reply;
  };

  ipcMain.handle(CHANNEL, handle);
  return {
    dispose() {
      ipcMain.removeHandler(CHANNEL);
      for (const id of [...tokens.keys()]) forget(id);
    },
  };
}
