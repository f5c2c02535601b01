import { describe, expect, it } from 'vitest';
import { checkFile, checkTree } from './layers';

describe('layer rules', () => {
  it('the repository has no violations', () => {
    expect(checkTree(process.cwd())).toEqual([]);
  });

  it('refuses the imports ARCHITECTURE.md forbids', () => {
    expect(checkFile('src/money/x.ts', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(checkFile('src/money/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(checkFile('src/money/x.ts', "import { schema } from '../../db';")).toHaveLength(1);
    expect(checkFile('app/screens/x.tsx', "import { openDatabase } from '../../db/open';")).toHaveLength(1);
    expect(checkFile('app/screens/x.tsx', "import { Engine } from '../../electron/engine';")).toHaveLength(1);
    expect(checkFile('db/open.ts', "import { Engine } from '../electron/engine';")).toHaveLength(1);
    expect(checkFile('electron/engine/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(checkFile('electron/engine/x.ts', "import { ui } from '../../app/api';")).toHaveLength(1);
  });

  it('allows the imports it should', () => {
    expect(checkFile('src/money/x.ts', "import { z } from 'zod';\nimport { dinero } from 'dinero.js';\nimport { ok } from '../result';")).toEqual([]);
    expect(checkFile('electron/main.ts', "import { app } from 'electron';\nimport { openDatabase } from '../db';")).toEqual([]);
    expect(checkFile('app/api.ts', "import type { Reply } from '../src/contract';\nimport { create } from 'zustand';")).toEqual([]);
    expect(checkFile('src/sync/sha256.test.ts', "import { createHash } from 'node:crypto';\nimport { it } from 'vitest';")).toEqual([]);
  });
});
