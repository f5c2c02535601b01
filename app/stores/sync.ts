// The sync badge's state: polled from `sync.status` while someone is signed in.
import { create } from 'zustand';
import type { CommandOutput } from '../../src/contract';
import { invoke } from '../api';

export type SyncStatus = CommandOutput<'sync.status'>;

export interface SyncState {
  readonly status: SyncStatus | null;
  refresh(): Promise<void>;
}

export const useSync = create<SyncState>()((set) => ({
  status: null,
  refresh: async () => {
    const reply = await invoke('sync.status', {});
    if (reply.ok) set({ status: reply.data });
  },
}));
