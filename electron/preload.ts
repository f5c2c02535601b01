// Preload (sandboxed, context-isolated): the renderer's only door to main is `window.pos.invoke(name, input)`.
// Invariant: nothing else is exposed; in particular no ipcRenderer, no channel name choice, no token.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('pos', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('pos:invoke', name, input),
});
