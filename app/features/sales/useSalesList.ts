// This session's sales for the sales dialog, newest first: listed once when the dialog opens; a void or a refund made
// here updates its row from the sale the engine answered with, without listing again.
import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput } from '../../../src/contract';
import { invoke } from '../../api';
import type { UiError } from '../../components/ui';

export type Listed = CommandOutput<'sales.list'>;
type Sale = CommandOutput<'sales.get'>['sale'];

/** The most of this session's sales the list shows; older ones are found by number. */
export const LIST_SIZE = 200;

/** `listed` with the row of `sale` (if listed) showing its new status and refunded total. */
export function withSale(listed: Listed, sale: Pick<Sale, 'id' | 'status' | 'refundedTotal'>): Listed {
  if (!listed.sales.some((s) => s.id === sale.id)) return listed;
  return { ...listed, sales: listed.sales.map((s) => (s.id === sale.id ? { ...s, status: sale.status, refundedTotal: sale.refundedTotal } : s)) };
}

/** The session's listing (null until it arrives) and `update`, for a sale changed by this dialog. */
export function useSalesList(sessionId: string, onError: (error: UiError) => void): { readonly listed: Listed | null; readonly update: (sale: Sale) => void } {
  const [listed, setListed] = useState<Listed | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('sales.list', { sessionId, pageSize: LIST_SIZE }).then((reply) => {
      if (!live) return;
      if (reply.ok) setListed(reply.data);
      else onError(reply.error);
    });
    return () => {
      live = false;
    };
    // onError is the dialog's state setter: the listing depends on the session only.
  }, [sessionId]);
  const update = useCallback((sale: Sale) => setListed((l) => (l === null ? l : withSale(l, sale))), []);
  return { listed, update };
}
