import { describe, expect, it } from 'vitest';
import { readProductCsv } from '../../src/catalog/csv';
import { checkAndChunk } from './csv-chunks';

describe('checkAndChunk', () => {
  it('cuts a clean file into chunks that re-read to the same rows, quotes and delimiters included', () => {
    const lines = ['sku;name;price;barcode;category', ...Array.from({ length: 11 }, (_, i) => `P${i};"Caf\u00e9 ""${i}""; molido";${i},50;77710000${String(i).padStart(5, '0')};"Bebidas; calientes"`)];
    const text = lines.join('\r\n');
    const checked = checkAndChunk(text, 'BOB', 4);
    if (!checked.ok) throw new Error('refused');
    expect(checked.rows).toBe(11);
    expect(checked.chunks).toHaveLength(3);
    const strip = (r: { line: number }) => ({ ...r, line: 0 });
    const again = checked.chunks.flatMap((c) => {
      const read = readProductCsv(c, 'BOB');
      expect(read.errors).toEqual([]);
      return read.rows.map(strip);
    });
    expect(again).toEqual(readProductCsv(text, 'BOB').rows.map(strip));
    expect(again[3]).toMatchObject({ sku: 'P3', name: 'Caf\u00e9 "3"; molido', price: 350, category: 'Bebidas; calientes' });
  });

  it('gives every bad row with its line in the file and no chunk', () => {
    const checked = checkAndChunk('sku,name,price\nA,Uno,1.50\nB,,2\nA,Otro,abc\n', 'BOB');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => [e.line, e.code])).toEqual(expect.arrayContaining([[3, 'MISSING_FIELD'], [4, 'BAD_PRICE']]));
  });
});
