// A report read over a range of business dates (the daily report, over/short): the typed range, the range applied, and
// the report fetched again whenever the applied range changes. Invariant: `report` is the answer for `range`, or null
// while the first answer is pending; a refusal shows in `fb` and keeps the last report.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { z } from 'zod';
import { call } from './api';
import type { Feedback } from './feedback';
import { useFeedback } from './feedback';

/** YYYY-MM-DD of `d` (its UTC date). */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

export interface RangeReport<T> {
  readonly fb: Feedback;
  readonly from: string;
  readonly to: string;
  setFrom(v: string): void;
  setTo(v: string): void;
  /** The range the report answers (applied on submit). */
  readonly range: { readonly from: string; readonly to: string };
  readonly report: T | null;
  submit(e: FormEvent): void;
}

/** GETs `path?from=&to=` parsed by `schema`, from `defaultFrom` to today until the person applies another range. */
export function useRangeReport<S extends z.ZodType>(path: string, schema: S, defaultFrom: Date): RangeReport<z.output<S>> {
  const fb = useFeedback();
  const [from, setFrom] = useState(isoDay(defaultFrom));
  const [to, setTo] = useState(isoDay(new Date()));
  const [range, setRange] = useState({ from, to });
  const [report, setReport] = useState<z.output<S> | null>(null);
  const load = useCallback(async (r: { from: string; to: string }) => {
    const a = await call('GET', `${path}?from=${r.from}&to=${r.to}`, schema);
    if (!a.ok) return fb.refused(a);
    fb.clear();
    setReport(a.data);
    // fb's setters are stable; path and schema are constants of the screen.
  }, []);
  useEffect(() => {
    void load(range);
  }, [load, range]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRange({ from, to });
  };
  return { fb, from, to, setFrom, setTo, range, report, submit };
}
