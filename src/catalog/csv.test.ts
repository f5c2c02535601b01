// The product CSV reader at its edges: RFC 4180 quoting, BOM, CRLF and lone CR, delimiter detection, header mapping,
// money and quantities as text, and every bad row reported with the line it starts on in the file.
import { describe, expect, it } from 'vitest';
import type { ImportError } from './csv';
import { IMPORT_ERROR_CODES, headerKey, importError, parseCsv, readProductCsv } from './csv';

const errorsOf = (csv: string): ImportError[] => readProductCsv(csv, 'BOB').errors;

describe('parseCsv', () => {
  it('quoted fields keep delimiters, doubled quotes and line breaks; lines are counted through them', () => {
    const text = 'sku,name,price\n"A,1","Say ""hi""\nthere",10\nB,plain,3\n';
    const { records, delimiter } = parseCsv(text);
    expect(delimiter).toBe(',');
    expect(records).toEqual([
      { line: 1, fields: ['sku', 'name', 'price'] },
      { line: 2, fields: ['A,1', 'Say "hi"\nthere', '10'] },
      { line: 4, fields: ['B', 'plain', '3'] },
    ]);
  });

  it('strips a BOM, takes CRLF, LF or a lone CR, skips blank lines but still counts them', () => {
    const text = '\uFEFFsku,name,price\r\nA,a,1\r\n\r\nB,b,2\rC,c,3\nD,d,4';
    expect(parseCsv(text).records).toEqual([
      { line: 1, fields: ['sku', 'name', 'price'] },
      { line: 2, fields: ['A', 'a', '1'] },
      { line: 4, fields: ['B', 'b', '2'] },
      { line: 5, fields: ['C', 'c', '3'] },
      { line: 6, fields: ['D', 'd', '4'] },
    ]);
    // A CRLF inside quotes is data, and the record after it starts two lines on.
    expect(parseCsv('a\r\n"x\r\ny"\r\nz').records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['x\r\ny'] },
      { line: 4, fields: ['z'] },
    ]);
  });

  it('picks `;` when the header line has more semicolons than commas (a spreadsheet with decimal commas)', () => {
    const { records, delimiter } = parseCsv('sku;name;price\nA;Arroz, grano largo;10,50\n');
    expect(delimiter).toBe(';');
    expect(records[1]?.fields).toEqual(['A', 'Arroz, grano largo', '10,50']);
  });

  it('keeps empty fields, and a quote inside an unquoted field is literal', () => {
    expect(parseCsv('a,b,c\n,,\nx"y,"",z').records.slice(1)).toEqual([
      { line: 2, fields: ['', '', ''] },
      { line: 3, fields: ['x"y', '', 'z'] },
    ]);
  });

  it('a file that is only a BOM or blank lines has no records', () => {
    expect(parseCsv('\uFEFF').records).toEqual([]);
    expect(parseCsv('\n\r\n\n').records).toEqual([]);
  });
});

describe('header mapping', () => {
  it('English or Spanish names, case, spaces and accents ignored; unknown columns ignored', () => {
    expect(headerKey('  Código ')).toBe('codigo');
    expect(headerKey('Codigo Barras')).toBe('codigo_barras');
    expect(headerKey('CATEGORÍA')).toBe('categoria');
    const { rows, errors } = readProductCsv(
      'Código;Nombre;Precio;Código de proveedor;Codigo Barras;Unidad;Categoría;IVA;Existencia;Activo\nA-1;Arroz;10,50;X9;7791111111116|12345670;kg;Granos;13;2,5;sí\n',
      'BOB',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, sku: 'A-1', name: 'Arroz', price: 1050, barcodes: ['7791111111116', '12345670'], unit: 'KG', category: 'Granos', taxRateBp: 1300, stockMilli: 2500, active: true },
    ]);
  });

  it('names every missing required column on the header line and reads no rows', () => {
    expect(readProductCsv('sku,nombre,cantidad\nA,b,1\n', 'BOB')).toEqual({ rows: [], errors: [{ line: 1, field: 'price', code: 'MISSING_COLUMN', reason: 'missing column' }] });
    expect(errorsOf('\uFEFF\r\nfoo\r\n')).toEqual([
      { line: 2, field: 'sku', code: 'MISSING_COLUMN', reason: 'missing column' },
      { line: 2, field: 'name', code: 'MISSING_COLUMN', reason: 'missing column' },
      { line: 2, field: 'price', code: 'MISSING_COLUMN', reason: 'missing column' },
    ]);
    expect(errorsOf('')).toEqual([{ line: 1, field: null, code: 'EMPTY_FILE', reason: 'empty file' }]);
    expect(readProductCsv('sku,name,price\r\n', 'BOB')).toEqual({ rows: [], errors: [] });
  });

  it('an absent column is left alone (undefined/null), an empty category cell clears it', () => {
    const { rows } = readProductCsv('sku,name,price,category,barcodes\nA,a,1,,\nB,b,2,Bebidas,7791111111116\n', 'BOB');
    expect(rows.map((r) => [r.category, r.barcodes, r.unit, r.stockMilli, r.active, r.taxRateBp])).toEqual([
      [null, [], null, null, null, null],
      ['Bebidas', ['7791111111116'], null, null, null, null],
    ]);
    expect(readProductCsv('sku,name,price\nA,a,1\n', 'BOB').rows[0]).toMatchObject({ category: undefined, barcodes: null });
  });
});

describe('values', () => {
  it('prices are text in the currency units with `.` or `,` as decimal point; never read through a float', () => {
    const price = (p: string, currency: 'BOB' | 'CLP' = 'BOB') => readProductCsv(`sku,name,price\nA,a,"${p}"\n`, currency);
    expect(price('10.50').rows[0]?.price).toBe(1050);
    expect(price('10,5').rows[0]?.price).toBe(1050);
    expect(price('0.1').rows[0]?.price).toBe(10);
    expect(price('19.99').rows[0]?.price).toBe(1999);
    expect(price('1500', 'CLP').rows[0]?.price).toBe(1500);
    // A third decimal, a thousands separator, a sign or nothing: refused, never guessed.
    expect(price('10.505').errors).toEqual([{ line: 2, field: 'price', code: 'BAD_PRICE', reason: 'invalid amount (TOO_MANY_DECIMALS)', params: { amountError: 'TOO_MANY_DECIMALS' } }]);
    expect(price('1.234').errors[0]?.reason).toBe('invalid amount (TOO_MANY_DECIMALS)');
    expect(price('1.234,50').errors[0]?.reason).toBe('invalid amount (MALFORMED)');
    expect(price('-5').errors[0]?.reason).toBe('invalid amount (MALFORMED)');
    expect(price('').errors[0]?.reason).toBe('invalid amount (EMPTY)');
    expect(price('1500,5', 'CLP').errors[0]?.reason).toBe('invalid amount (TOO_MANY_DECIMALS)');
  });

  it('stock to 3 decimals (weighed items), whole for UNIT; tax as a percentage to 2 decimals; active yes/no in either language', () => {
    const { rows, errors } = readProductCsv(
      [
        'sku,name,price,unit,stock,tax_rate,active',
        'A,a,1,KG,"1,234",13.5,TRUE',
        'B,b,1,UN,-3,0,no',
        'C,c,1,,0,13%,1',
        'D,d,1,U,,"13,25",',
      ].join('\n'),
      'BOB',
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.unit, r.stockMilli, r.taxRateBp, r.active])).toEqual([
      ['KG', 1234, 1350, true],
      ['UNIT', -3000, 0, false],
      [null, 0, 1300, true],
      ['UNIT', null, 1325, null],
    ]);
    expect(errorsOf('sku,name,price,unit,stock\nA,a,1,KG,1.2345\nB,b,1,UNIT,1.5\nC,c,1,LB,1\n')).toEqual([
      { line: 2, field: 'stock', code: 'BAD_QUANTITY', reason: 'number with up to 3 decimals' },
      { line: 3, field: 'stock', code: 'WHOLE_UNITS_ONLY', reason: 'whole units for UNIT products' },
      { line: 4, field: 'unit', code: 'UNKNOWN_UNIT', reason: 'UNIT or KG' },
    ]);
    expect(errorsOf('sku,name,price,tax_rate,active\nA,a,1,101,si\nB,b,1,13.555,quizás\n')).toEqual([
      { line: 2, field: 'tax_rate', code: 'BAD_TAX_RATE', reason: 'percentage between 0 and 100, up to 2 decimals' },
      { line: 3, field: 'tax_rate', code: 'BAD_TAX_RATE', reason: 'percentage between 0 and 100, up to 2 decimals' },
      { line: 3, field: 'active', code: 'BAD_BOOLEAN', reason: 'true/false' },
    ]);
  });
});

describe('bad rows', () => {
  it('are reported with the line they start on (after multi-line cells and blank lines), the good rows kept', () => {
    const csv = [
      'sku,name,price,barcodes',
      'OK-1,"Fideo\nlargo",5,7791111111116', // lines 2-3
      '',
      ',sin sku,5,', // line 5
      'OK-2,Bueno,6,12345670',
      'OK-1,Repetido,7,', // line 7: SKU of line 2
      'X-1,Código repetido,8,12345670', // line 8: barcode of line 6
      'X-2,Código malo,9,AB', // line 9
      'X-3,Campos de más,9,,extra', // line 10
      `X-4,${'n'.repeat(121)},1,`, // line 11
      `${'S'.repeat(41)},largo,1,`, // line 12
    ].join('\r\n');
    const { rows, errors } = readProductCsv(csv, 'BOB');
    expect(rows.map((r) => [r.line, r.sku])).toEqual([
      [2, 'OK-1'],
      [6, 'OK-2'],
    ]);
    expect(rows[0]?.name).toBe('Fideo\nlargo');
    expect(errors).toEqual([
      { line: 5, field: 'sku', code: 'MISSING_FIELD', reason: 'required' },
      { line: 7, field: 'sku', code: 'DUPLICATE_SKU', reason: 'repeated (line 2)', params: { otherLine: 2 } },
      { line: 8, field: 'barcodes', code: 'DUPLICATE_BARCODE', reason: 'barcode 12345670 repeated (line 6)', params: { barcode: '12345670', otherLine: 6 } },
      { line: 9, field: 'barcodes', code: 'BAD_BARCODE', reason: 'invalid barcode AB', params: { barcode: 'AB' } },
      { line: 10, field: null, code: 'FIELD_COUNT', reason: 'expected 4 fields, found 5', params: { expected: 4, found: 5 } },
      { line: 11, field: 'name', code: 'TOO_LONG', reason: 'longer than 120', params: { max: 120 } },
      { line: 12, field: 'sku', code: 'TOO_LONG', reason: 'longer than 40', params: { max: 40 } },
    ]);
  });

  it('a row with several problems lists each of them, on its line', () => {
    expect(errorsOf('sku;name;price;unit\n;;abc;box\n')).toEqual([
      { line: 2, field: 'sku', code: 'MISSING_FIELD', reason: 'required' },
      { line: 2, field: 'name', code: 'MISSING_FIELD', reason: 'required' },
      { line: 2, field: 'price', code: 'BAD_PRICE', reason: 'invalid amount (MALFORMED)', params: { amountError: 'MALFORMED' } },
      { line: 2, field: 'unit', code: 'UNKNOWN_UNIT', reason: 'UNIT or KG' },
    ]);
  });
});

describe('error codes', () => {
  it('every code has its own English reason', () => {
    const reasons = IMPORT_ERROR_CODES.map((code) => importError(1, null, code).reason);
    expect(new Set(reasons).size).toBe(IMPORT_ERROR_CODES.length);
    for (const r of reasons) expect(r).not.toBe('');
  });
});
