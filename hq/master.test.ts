// Master data at HQ over real HTTP on loopback, once per backend (a real SQLite file; real PostgreSQL when
// DATABASE_URL_TEST names one): the admin API writes, the change log versions them in order, enrollment codes are single
// use and expire, and a register's pull sees only its own branch's staff and settings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangesPage, Enrollment } from '../src/sync/master';
import { ChangesPageSchema, EnrollmentSchema } from '../src/sync/master';
import { createKey } from './keys';
import { pgTestUrl } from './pg-testing';
import type { Opened } from './store-testing';
import { storeBackends } from './store-testing';
import type { HqServer } from './server';
import { createHqServer } from './server';

const backends = storeBackends('arqueo-hq-master-');
if (!pgTestUrl()) {
  it.skip('PostgreSQL master data (no DATABASE_URL_TEST: run under scripts/pg-test.sh)', () => undefined);
}

for (const backend of backends) {
  describe(`HQ master data (${backend.name})`, () => {
    let opened: Opened;
    let hq: HqServer;
    let url: string;
    let adminKey: string;
    let clock = new Date('2026-11-29T12:00:00.000Z');

    beforeEach(async () => {
      clock = new Date('2026-11-29T12:00:00.000Z');
      opened = await backend.open();
      adminKey = await createKey(opened.store, { role: 'ADMIN' });
      hq = createHqServer({ store: opened.store, now: () => clock, rateLimit: null });
      url = await hq.listen(0);
    });
    afterEach(async () => {
      await hq.close();
      await opened.drop();
    });

    const call = async (method: string, p: string, body?: unknown, key: string | null = adminKey): Promise<{ status: number; json: Record<string, unknown> }> => {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const seed = async () => {
      expect((await call('POST', '/v1/admin/branches', { code: 'SUC001', name: 'Centro', timeZone: 'America/La_Paz', currency: 'BOB', defaultTaxRateBp: 1300 })).status).toBe(201);
      expect((await call('POST', '/v1/admin/branches', { code: 'SUC002', name: 'Norte', timeZone: 'America/La_Paz', currency: 'BOB' })).status).toBe(201);
      const reg = await call('POST', '/v1/admin/registers', { branchCode: 'SUC001', code: 'POS001', name: 'Caja 1' });
      expect(reg.status).toBe(201);
      expect((await call('POST', '/v1/admin/users', { branchCode: 'SUC001', username: 'maria', name: 'María', role: 'CASHIER', pin: '4826' })).status).toBe(201);
      expect((await call('POST', '/v1/admin/users', { branchCode: 'SUC002', username: 'pedro', name: 'Pedro', role: 'CASHIER', pin: '5937' })).status).toBe(201);
      expect((await call('POST', '/v1/admin/users', { branchCode: null, username: 'duena', name: 'Dueña', role: 'ADMIN', pin: '7294' })).status).toBe(201);
      expect((await call('POST', '/v1/admin/products', { sku: 'CAFE', name: 'Café', price: 1250, barcodes: ['7771000000019'], taxRateBp: 1300 })).status).toBe(201);
      return reg.json['code'] as string;
    };
    const enrollWith = async (code: string) => call('POST', '/v1/enroll', { code }, null);
    const pull = async (key: string, after: number, limit = 1000): Promise<ChangesPage> => {
      const r = await call('GET', `/v1/changes?after=${after}&limit=${limit}`, undefined, key);
      expect(r.status).toBe(200);
      return ChangesPageSchema.parse(r.json);
    };

    it('enrolls a register once by code; its pull carries its branch and global data, never another branch', async () => {
      const code = await seed();
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const first = await enrollWith(code.toLowerCase());
      expect(first.status).toBe(201);
      const enrollment: Enrollment = EnrollmentSchema.parse(first.json);
      expect(enrollment).toMatchObject({ branchCode: 'SUC001', registerCode: 'POS001', after: 0 });

      const again = await enrollWith(code);
      expect(again.status).toBe(410);
      expect((again.json['error'] as { code: string }).code).toBe('ENROLLMENT_CODE_USED');
      expect(((await enrollWith('AAAA-BBBB-CCCC-DDDD')).json['error'] as { code: string }).code).toBe('ENROLLMENT_CODE_UNKNOWN');

      const page = await pull(enrollment.key, 0);
      const users = page.changes.flatMap((c) => (c.entity === 'USER' ? [c.data.username] : []));
      expect(users.sort()).toEqual(['duena', 'maria']);
      const branches = page.changes.flatMap((c) => (c.entity === 'BRANCH' ? [c.data.code] : []));
      expect(branches).toEqual(['SUC001']);
      expect(page.changes.some((c) => c.entity === 'PRODUCT' && c.data.sku === 'CAFE' && c.data.price === 1250)).toBe(true);
      expect(page.next).toBe(page.head);
      const versions = page.changes.map((c) => c.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));

      // The delivery key doubles as the pull key; an admin key cannot pull, a register key cannot administer.
      expect((await call('GET', '/v1/changes?after=0', undefined, adminKey)).status).toBe(403);
      expect((await call('POST', '/v1/admin/products', { sku: 'X', name: 'X', price: 1 }, enrollment.key)).status).toBe(403);

      // Later changes arrive after the cursor, whole: a new price, a new PIN hash, a deactivation.
      expect((await call('POST', '/v1/admin/products/CAFE/price', { price: 1300 })).status).toBe(200);
      expect((await call('POST', '/v1/admin/users/maria/pin', { pin: '6183' })).status).toBe(200);
      expect((await call('POST', '/v1/admin/users/pedro/deactivate')).status).toBe(200);
      const next = await pull(enrollment.key, page.next);
      expect(next.changes.map((c) => c.entity)).toEqual(['PRODUCT', 'USER']);
      expect(next.head).toBe(page.head + 3);
      expect(next.next).toBe(next.head);
    });

    it('refuses an expired code, a trivial PIN, a taken barcode and a register in an unknown branch, writing nothing', async () => {
      const code = await seed();
      const head = (await opened.store.masterChanges(0, 'SUC001', 1)).head;
      clock = new Date(clock.getTime() + 24 * 60 * 60 * 1000 + 1);
      const expired = await enrollWith(code);
      expect(expired.status).toBe(410);
      expect((expired.json['error'] as { code: string }).code).toBe('ENROLLMENT_CODE_EXPIRED');
      expect((await call('POST', '/v1/admin/users', { branchCode: 'SUC001', username: 'ana', name: 'Ana', role: 'CASHIER', pin: '1234' })).status).toBe(400);
      const taken = await call('POST', '/v1/admin/products', { sku: 'TE', name: 'Té', price: 900, barcodes: ['7771000000019'] });
      expect(taken.status).toBe(409);
      expect((taken.json['error'] as { code: string }).code).toBe('BARCODE_TAKEN');
      expect((await call('POST', '/v1/admin/registers', { branchCode: 'SUC404', code: 'POS001', name: 'X' })).status).toBe(404);
      expect((await opened.store.masterChanges(0, 'SUC001', 1)).head).toBe(head);
    });

    it('imports a CSV as one change per product and pages a pull by version', async () => {
      await seed();
      const code = ((await call('POST', '/v1/admin/registers/SUC001/POS001/enrollment-code')).json['code'] as string) ?? '';
      const { key } = EnrollmentSchema.parse((await enrollWith(code)).json);
      const csv = ['sku,name,price,barcode', ...Array.from({ length: 25 }, (_, i) => `P${i},Producto ${i},${i + 1}.50,88800000${String(i).padStart(5, '0')}`)].join('\n');
      const res = await fetch(`${url}/v1/admin/products/import?currency=BOB`, { method: 'POST', body: csv, headers: { authorization: `Bearer ${adminKey}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ imported: 25 });
      const seen: string[] = [];
      let after = 0;
      for (let i = 0; i < 20; i++) {
        const page = await pull(key, after, 7);
        seen.push(...page.changes.flatMap((c) => (c.entity === 'PRODUCT' ? [c.data.sku] : [])));
        after = page.next;
        if (page.next === page.head) break;
      }
      expect(seen).toHaveLength(26);
      expect(seen).toContain('P24');
      const list = await call('GET', '/v1/admin/products');
      expect((list.json['products'] as unknown[]).length).toBe(26);
      const users = (await call('GET', '/v1/admin/users')).json['users'] as Record<string, unknown>[];
      expect(users.every((u) => !('pinHash' in u))).toBe(true);
    });

    it("changes a user's role and name and reactivates, refusing the register's trivial PINs (8901 is no run)", async () => {
      await seed();
      const head = (await opened.store.masterChanges(0, 'SUC001', 1)).head;
      for (const pin of ['0000', '4321', '98765', '12', 'abcd']) {
        const r = await call('POST', '/v1/admin/users/maria/pin', { pin });
        expect([pin, r.status, (r.json['error'] as { code: string }).code]).toEqual([pin, 400, 'VALIDATION_FAILED']);
      }
      expect((await call('POST', '/v1/admin/users/maria/pin', { pin: '8901' })).status).toBe(200);
      const changed = await call('POST', '/v1/admin/users/maria', { role: 'SUPERVISOR', name: 'María Q.' });
      expect(changed.status).toBe(200);
      expect(changed.json['user']).toMatchObject({ username: 'maria', role: 'SUPERVISOR', name: 'María Q.', branchCode: 'SUC001', active: true });
      expect(changed.json['user']).not.toHaveProperty('pinHash');
      expect((await call('POST', '/v1/admin/users/maria/deactivate')).status).toBe(200);
      expect(((await call('POST', '/v1/admin/users/maria', { active: true })).json['user'] as { active: boolean }).active).toBe(true);
      const refused = [
        await call('POST', '/v1/admin/users/nadie', { role: 'CASHIER' }),
        await call('POST', '/v1/admin/users/maria', { role: 'KING' }),
        await call('POST', '/v1/admin/users/maria', { branchCode: 'SUC002' }),
      ];
      expect(refused.map((r) => [r.status, (r.json['error'] as { code: string }).code])).toEqual([
        [404, 'USER_NOT_FOUND'],
        [400, 'VALIDATION_FAILED'],
        [400, 'VALIDATION_FAILED'],
      ]);
      // PIN, role+name, deactivate, reactivate: four changes, none for the refusals.
      expect((await opened.store.masterChanges(0, 'SUC001', 1)).head).toBe(head + 4);
    });

    it('edits a product (barcodes, category, tax rate) and publishes a scheduled price at the first pull after its instant', async () => {
      await seed();
      const code = ((await call('POST', '/v1/admin/registers/SUC001/POS001/enrollment-code')).json['code'] as string) ?? '';
      const { key } = EnrollmentSchema.parse((await enrollWith(code)).json);
      const edited = await call('POST', '/v1/admin/products/CAFE', { name: 'Café molido', category: 'Bebidas', taxRateBp: 1500, barcodes: ['7771000000026'] });
      expect(edited.status).toBe(200);
      expect(edited.json['product']).toMatchObject({ sku: 'CAFE', name: 'Café molido', price: 1250, category: 'Bebidas', taxRateBp: 1500, barcodes: ['7771000000026'] });
      // The old barcode is free again; an unknown product is refused.
      expect((await call('POST', '/v1/admin/products', { sku: 'TE', name: 'Té', price: 900, barcodes: ['7771000000019'] })).status).toBe(201);
      const taken = await call('POST', '/v1/admin/products/TE', { barcodes: ['7771000000026'] });
      expect([taken.status, (taken.json['error'] as { code: string }).code]).toEqual([409, 'BARCODE_TAKEN']);
      expect((await call('POST', '/v1/admin/products/NADA', { name: 'x' })).status).toBe(404);

      const head0 = (await pull(key, 0)).head;
      const at = new Date(clock.getTime() + 60 * 60 * 1000);
      const scheduled = await call('POST', '/v1/admin/price-changes', { sku: 'CAFE', price: 1400, effectiveAt: at.toISOString().replace('Z', '+00:00') });
      expect(scheduled.status).toBe(201);
      const later = await call('POST', '/v1/admin/price-changes', { sku: 'CAFE', price: 1500, effectiveAt: new Date(at.getTime() + 1000).toISOString() });
      const cancelled = await call('POST', '/v1/admin/price-changes', { sku: 'TE', price: 950, effectiveAt: at.toISOString() });
      const refused = [
        await call('POST', '/v1/admin/price-changes', { sku: 'CAFE', price: 1400, effectiveAt: clock.toISOString() }),
        await call('POST', '/v1/admin/price-changes', { sku: 'NADA', price: 1400, effectiveAt: at.toISOString() }),
        await call('POST', '/v1/admin/price-changes', { sku: 'CAFE', price: 14.5, effectiveAt: at.toISOString() }),
        await call('POST', '/v1/admin/price-changes/nope/cancel'),
      ];
      expect(refused.map((r) => [r.status, (r.json['error'] as { code: string }).code])).toEqual([
        [400, 'VALIDATION_FAILED'],
        [404, 'PRODUCT_NOT_FOUND'],
        [400, 'VALIDATION_FAILED'],
        [404, 'PRICE_CHANGE_NOT_FOUND'],
      ]);
      const cancelId = (cancelled.json['priceChange'] as { id: string }).id;
      expect((await call('POST', `/v1/admin/price-changes/${cancelId}/cancel`)).status).toBe(200);
      const pending = (await call('GET', '/v1/admin/price-changes')).json['priceChanges'] as { sku: string; price: number; effectiveAt: string }[];
      expect(pending).toEqual([
        expect.objectContaining({ sku: 'CAFE', price: 1400, effectiveAt: at.toISOString() }),
        expect.objectContaining({ sku: 'CAFE', price: 1500 }),
      ]);
      // Not due yet: nothing reaches the register.
      expect((await pull(key, head0)).changes).toEqual([]);
      clock = new Date(at.getTime());
      const first = await pull(key, head0);
      expect(first.changes.map((c) => [c.entity, c.entity === 'PRODUCT' ? c.data.price : null])).toEqual([['PRODUCT', 1400]]);
      // Published once: the next pull and the console's list see it applied, and the other one still pending.
      expect((await pull(key, first.next)).changes).toEqual([]);
      expect(((await call('GET', '/v1/admin/price-changes')).json['priceChanges'] as unknown[]).length).toBe(1);
      clock = new Date(at.getTime() + 5000);
      const products = (await call('GET', '/v1/admin/products')).json['products'] as { sku: string; price: number }[];
      expect(products.find((p) => p.sku === 'CAFE')?.price).toBe(1500);
      expect(products.find((p) => p.sku === 'TE')?.price).toBe(900);
      const last = await pull(key, first.next);
      expect(last.changes.map((c) => (c.entity === 'PRODUCT' ? c.data.price : null))).toEqual([1500]);
      expect(((await call('GET', '/v1/admin/price-changes')).json['priceChanges'] as unknown[]).length).toBe(0);
      expect(later.status).toBe(201);
    });
  });
}
