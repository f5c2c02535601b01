// Product lookup for the sell screen: products.search answers exact barcode/SKU matches first, then names.
import type { CommandOutput, ReplyError } from '../../../src/contract';
import { invoke } from '../../api';
import type { CartProduct } from '../../stores/cart';

type Product = CommandOutput<'products.search'>['products'][number];

/** A product the search found, as the cart takes it; `exact` when it matched a barcode or SKU, not a name. */
export interface Found {
  readonly product: CartProduct;
  readonly active: boolean;
  readonly exact: boolean;
}

export function toFound(p: Product): Found {
  return { product: { id: p.id, sku: p.sku, barcode: p.barcode, name: p.name, price: p.price, unit: p.unit }, active: p.active, exact: p.match !== 'NAME' };
}

/** Up to `limit` products for `query`, exact matches first. */
export async function lookup(query: string, limit: number): Promise<{ ok: true; found: Found[] } | { ok: false; error: ReplyError }> {
  const reply = await invoke('products.search', { query: query.trim(), limit });
  if (!reply.ok) return { ok: false, error: reply.error };
  return { ok: true, found: reply.data.products.map(toFound) };
}
