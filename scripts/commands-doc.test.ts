import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderCommandsDoc } from './commands-doc';

it('docs/commands.md is generated from the current command table (run `npm run docs`)', () => {
  expect(readFileSync('docs/commands.md', 'utf8')).toBe(renderCommandsDoc());
});
