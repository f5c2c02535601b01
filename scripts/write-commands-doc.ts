import { writeFileSync } from 'node:fs';
import { renderCommandsDoc } from './commands-doc';

writeFileSync('docs/commands.md', renderCommandsDoc());
console.log('docs/commands.md written');
