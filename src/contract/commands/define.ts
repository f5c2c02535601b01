// How a command is declared, and the input pieces the feature files share.
// Invariant: a command is mutating exactly when it is declared with `mutation`, which is also what gives its input the
// optional `requestId`; `query` declares one that writes nothing. Every input is a strict object: unknown fields are
// refused.
import { z } from 'zod';
import type { Permission } from '../../auth/permissions';
import { RequestId } from '../schemas';

export interface CommandDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** false only for commands a signed-out screen needs. */
  readonly auth: boolean;
  readonly permission: Permission | null;
  /** Mutating commands accept `requestId`; a repeat returns the first reply. */
  readonly mutating: boolean;
  readonly summary: string;
}

/** A feature's table: only commands named `<feature>.<verb>`, so merging the tables never overrides one. */
export type Feature<F extends string> = Readonly<Record<`${F}.${string}`, CommandDef>>;

type Shape = Record<string, z.ZodType>;

/** A command as declared: `input` is the shape of its strict input object. */
interface CommandSpec<S extends Shape, O extends z.ZodType, A extends boolean> {
  readonly input: S;
  readonly output: O;
  readonly auth: A;
  readonly permission: Permission | null;
  readonly summary: string;
}

/** A command that writes nothing: its input is exactly `spec.input`. */
export const query = <S extends Shape, O extends z.ZodType, A extends boolean>(spec: CommandSpec<S, O, A>) => ({
  ...spec,
  input: z.strictObject(spec.input),
  mutating: false as const,
});

/** A command that writes: its input also takes the optional `requestId` that makes a repeat return the first reply. */
export const mutation = <S extends Shape, O extends z.ZodType, A extends boolean>(spec: CommandSpec<S, O, A>) => ({
  ...spec,
  input: z.strictObject({ ...spec.input, requestId: RequestId.optional() }),
  mutating: true as const,
});

export const Name = z.string().trim().min(1).max(120);
export const Text = (max: number) => z.string().trim().min(1).max(max);
/**
 * Keyset paging of a list (never OFFSET): `cursor` is the previous page's `pagination.nextCursor`, opaque, absent for the
 * first page; at most 200 rows a page.
 */
export const Page = { cursor: z.string().min(1).max(400).optional(), pageSize: z.int().min(1).max(200).default(20) };
