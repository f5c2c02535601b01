// Delivery of sealed sessions to headquarters.
import { z } from 'zod';
import { SyncEntrySchema, SyncStatusSchema } from '../../sync/protocol';
import { Code, OutboxStatusSchema } from '../schemas';
import type { Feature } from './define';
import { query, mutation } from './define';

export const SYNC_COMMANDS = {
  'sync.status': query({
    input: {},
    output: SyncStatusSchema,
    auth: true,
    permission: null,
    summary: 'Where delivery to headquarters stands: pending, sent, rejected, last success, last error, next attempt.',
  }),
  'sync.now': mutation({
    input: {},
    output: z.object({ due: z.int().min(0) }),
    auth: true,
    permission: null,
    summary: 'Make every pending session due now and wake the sync worker; returns how many are due.',
  }),
  'sync.entries': query({
    input: { status: OutboxStatusSchema.optional(), limit: z.int().min(1).max(500).default(100) },
    output: z.object({ entries: z.array(SyncEntrySchema) }),
    auth: true,
    permission: 'cash:report_all',
    summary: 'The outbox, newest first, for the manager: every closed or transferred session and its delivery state.',
  }),
  'sync.configure': mutation({
    input: { url: z.url({ protocol: /^https?$/ }).nullable(), keys: z.record(Code, z.string().min(20).max(200)).optional() },
    output: z.object({ configured: z.boolean(), registers: z.array(z.string()) }),
    auth: true,
    permission: 'registers:manage',
    summary: 'Set the headquarters address (null: keep everything in the outbox) and per-register keys. Keys are never returned.',
  }),
  'sync.pull': mutation({
    input: {},
    output: z.object({ version: z.int().min(0), head: z.int().min(0), applied: z.int().min(0), complete: z.boolean() }),
    auth: true,
    permission: null,
    summary: "Enrolled registers: pull headquarters' master data changes now (the sync worker also pulls every minute); returns the version reached, HQ's head and how many changes were applied.",
  }),
} as const satisfies Feature<'sync'>;
