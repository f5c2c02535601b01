// Opening an engine on a data folder: the database file lives at <dataDir>/arqueo.db.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db';
import { seedDemo } from './demo';
import type { EngineOptions } from './engine';
import { Engine } from './engine';

export { Engine } from './engine';
export type { EngineOptions } from './engine';

export const DB_FILE = 'arqueo.db';

export interface OpenEngineOptions extends EngineOptions {
  readonly demo?: boolean;
  readonly migrationsFolder?: string;
}

export function openEngine(dataDir: string, options: OpenEngineOptions = {}): { engine: Engine; seeded: boolean; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const store = openDatabase(file, options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {});
  const seeded = options.demo ? seedDemo(store, options.clock?.() ?? new Date(), options.pinCost) : false;
  return { engine: new Engine(store, options), seeded, file };
}
