// sync.configure: the register's HQ key never travels over plain http, except to this same machine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schema } from '../db';
import type { Harness } from './testkit';
import { harness } from './testkit';

let h: Harness;
let admin: string;
beforeEach(() => {
  h = harness();
  admin = h.login('admin');
});
afterEach(() => h.close());

const settings = () => h.engine.store.db.select().from(schema.settings).all();
const key = 'hq_reg_0123456789abcdefghijklmnop';

describe('sync.configure', () => {
  it.each(['http://hq.example.com', 'http://192.168.1.10:8787', 'http://127.0.0.1.evil.example', 'http://[::2]:80'])('refuses plain http to %s, writing nothing', (url) => {
    const before = settings();
    const r = h.call('sync.configure', { url, keys: { POS001: key } }, admin);
    expect(r.ok ? 'ok' : r.error.code).toBe('INSECURE_HQ_URL');
    expect(settings()).toEqual(before);
  });

  it.each(['https://hq.example.com', 'http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787'])('accepts %s', (url) => {
    expect(h.call('sync.configure', { url, keys: { POS001: key } }, admin).ok).toBe(true);
  });
});
