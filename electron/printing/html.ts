// The HTML target lives in the core (src/print/html.ts) since HQ's console prints the same pages; kept here by name
// for the register's printing modules.
export { documentToHtml, PAPER_MM } from '../../src/print/html';
