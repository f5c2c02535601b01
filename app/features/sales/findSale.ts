// Which sale the sales dialog's search box names: the code printed on the receipt (the sale's id, as a scanner types
// it), the last digits of a number of this session, a full sale number of the branch (any register, any day: refunds
// happen anywhere in the branch), else a part of a number of this session that names one sale.
import type { CommandOutput } from '../../../src/contract';
import { invoke } from '../../api';
import type { UiError } from '../../components/ui';

export type SaleItem = CommandOutput<'sales.list'>['sales'][number];

/** A sale's id as printed on the receipt (and typed by a scanner). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a typed search is read: a receipt's code, digits (the end of a number of this session), or a sale number. */
export type SaleQuery = { readonly kind: 'id'; readonly saleId: string } | { readonly kind: 'digits'; readonly digits: string } | { readonly kind: 'number'; readonly text: string };

/** Reads a non-empty, trimmed search. */
export function readSaleQuery(q: string): SaleQuery {
  if (UUID.test(q)) return { kind: 'id', saleId: q.toLowerCase() };
  if (/^\d+$/.test(q)) return { kind: 'digits', digits: q };
  return { kind: 'number', text: q };
}

/** The one sale a listing names, or null (none; or several for a partial number unless `newest`). */
async function single(input: { saleNumber?: string; query?: string; sessionId?: string }, newest: boolean): Promise<SaleItem | null | UiError> {
  const reply = await invoke('sales.list', { ...input, pageSize: 2 });
  if (!reply.ok) return reply.error;
  const [first] = reply.data.sales;
  return first !== undefined && (newest || reply.data.sales.length === 1) ? first : null;
}

/** What a digits or sale-number search names, by sales.list: a sale, none (null), or the reply's error. */
export async function findListed(query: Exclude<SaleQuery, { kind: 'id' }>, sessionId: string): Promise<SaleItem | null | UiError> {
  if (query.kind === 'digits') return single({ sessionId, query: query.digits }, true);
  const exact = await single({ saleNumber: query.text.toUpperCase() }, true);
  return exact === null ? single({ sessionId, query: query.text }, false) : exact;
}

export const isSaleItem = (x: SaleItem | UiError): x is SaleItem => 'saleNumber' in x;
