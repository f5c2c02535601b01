import { describe, expect, it } from 'vitest';
import { checkCycles, checkFile, checkTree, findCycles } from './layers';

describe('layer rules', () => {
  it('the repository has no violations', () => {
    expect(checkTree(process.cwd())).toEqual([]);
    expect(checkCycles(process.cwd())).toEqual([]);
  });

  it('refuses the imports ARCHITECTURE.md forbids', () => {
    expect(checkFile('src/money/x.ts', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(checkFile('src/money/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(checkFile('src/money/x.ts', "import { schema } from '../../db';")).toHaveLength(1);
    expect(checkFile('app/screens/x.tsx', "import { openDatabase } from '../../db/open';")).toHaveLength(1);
    expect(checkFile('app/screens/x.tsx', "import { Engine } from '../../engine';")).toHaveLength(1);
    expect(checkFile('app/screens/x.tsx', "import { startServer } from '../../electron/serve';")).toHaveLength(1);
    expect(checkFile('db/open.ts', "import { Engine } from '../engine';")).toHaveLength(1);
    expect(checkFile('engine/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(checkFile('engine/x.ts', "import { syncOnce } from '../electron/sync/worker';")).toHaveLength(1);
    expect(checkFile('engine/x.ts', "import { ui } from '../app/api';")).toHaveLength(1);
    expect(checkFile('engine/handlers/sales.ts', "import { heldSession } from './cash';")).toHaveLength(1);
    expect(checkFile('engine/handlers/reports.ts', "import type { X } from '../handlers/agents';")).toHaveLength(1);
    // The HQ console is a renderer: src only, never HQ's server code, node or a database.
    expect(checkFile('hq/console/x.tsx', "import { People } from '../people';")).toHaveLength(1);
    expect(checkFile('hq/console/x.tsx', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(checkFile('hq/console/x.tsx', "import pg from 'pg';")).toHaveLength(1);
    expect(checkFile('hq/server.ts', "import { App } from './console/App';")).toHaveLength(1);
  });

  it('allows the imports it should', () => {
    expect(checkFile('src/money/x.ts', "import { z } from 'zod';\nimport { dinero } from 'dinero.js';\nimport { ok } from '../result';")).toEqual([]);
    expect(checkFile('electron/main.ts', "import { app } from 'electron';\nimport { openDatabase } from '../db';")).toEqual([]);
    expect(checkFile('app/api.ts', "import type { Reply } from '../src/contract';\nimport { create } from 'zustand';")).toEqual([]);
    expect(checkFile('electron/serve.ts', "import { openEngine } from '../engine';")).toEqual([]);
    expect(checkFile('engine/handlers/sales.ts', "import { heldSession } from '../held';")).toEqual([]);
    expect(checkFile('hq/console/x.tsx', "import { formatMinor } from '../../src/money/money';\nimport { create } from 'zustand';\nimport { Words } from './i18n';")).toEqual([]);
    expect(checkFile('engine/handlers/index.ts', "import * as cash from './cash';")).toEqual([]);
    expect(checkFile('src/sync/sha256.test.ts', "import { createHash } from 'node:crypto';\nimport { it } from 'vitest';")).toEqual([]);
  });

  it('finds an import cycle, type-only imports included, and none in a tree without one', () => {
    const knot = new Map([
      ['engine/engine.ts', "import { HANDLERS } from './handlers';"],
      ['engine/handlers/index.ts', "import * as auth from './auth';"],
      ['engine/handlers/auth.ts', "import type { X } from '../engine';"],
      ['engine/tokens.ts', "import { z } from 'zod';"],
    ]);
    expect(findCycles(knot)).toEqual([['engine/engine.ts', 'engine/handlers/auth.ts', 'engine/handlers/index.ts']]);
    knot.set('engine/handlers/auth.ts', "import { tokenHash } from '../tokens';");
    expect(findCycles(knot)).toEqual([]);
  });
});
