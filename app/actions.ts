// Small actions several screens share: refreshing the cash session, signing out, request ids, hotkeys.
import { useLayoutEffect, useRef } from 'react';
import type { ReplyError } from '../src/contract';
import { invoke } from './api';
import { useCart } from './stores/cart';
import { useNav } from './stores/nav';
import { useSession } from './stores/session';

export const newRequestId = (): string => crypto.randomUUID();

/** Reloads the signed-in user's cash session into the store (its `specialty` picks the landing screen). */
export async function refreshCash(): Promise<ReplyError | null> {
  const reply = await invoke('cash.current', {});
  if (!reply.ok) {
    if (reply.error.code === 'UNAUTHENTICATED') useSession.getState().signedOut();
    return reply.error;
  }
  useSession.getState().setCash(reply.data);
  return null;
}

export async function signOut(): Promise<void> {
  await invoke('auth.logout', {});
  useNav.getState().reset();
  useCart.setState({ key: null, lines: [], selected: -1 });
  useSession.getState().signedOut();
}

export type Hotkeys = Readonly<Record<string, (() => void) | undefined>>;

/**
 * Window-level shortcuts (F-keys, Ctrl+P…). Keys are KeyboardEvent.key values, with a "Ctrl+" prefix when held.
 * Attached in a layout effect, so they listen as soon as the screen they belong to is on screen: a passive effect runs
 * after paint, and a key pressed in between (a dialog just closed after an engine reply, F4 at once) was lost.
 */
export function useHotkeys(keys: Hotkeys, enabled = true): void {
  const ref = useRef(keys);
  ref.current = keys;
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const name = (e.ctrlKey || e.metaKey ? 'Ctrl+' : '') + (e.key.length === 1 ? e.key.toLowerCase() : e.key);
      const action = ref.current[name];
      if (action === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
