// The command table: the whole public contract of the engine, merged from one file per feature. Each command has an
// input schema (strict: unknown fields are refused), an output schema, whether it needs a signed-in user, and the
// permission it needs. Invariants: transports add no logic; a handler exists for every name here (the engine's table
// is typed against it); a command is mutating exactly when it is declared with `mutation` (define.ts); no name is
// declared twice (each feature table keeps to its own prefix).
import type { z } from 'zod';
import { CountTypeSchema, DenominationInput } from '../schemas';
import { AUTH_COMMANDS } from './auth';
import { USERS_COMMANDS } from './users';
import { REGISTERS_COMMANDS } from './registers';
import { PRODUCTS_COMMANDS } from './products';
import { CASH_COMMANDS } from './cash';
import { DRAWER_COMMANDS } from './drawer';
import { SALES_COMMANDS } from './sales';
import { AGENTS_COMMANDS } from './agents';
import { REPORTS_COMMANDS } from './reports';
import { SYNC_COMMANDS } from './sync';
import { PRINT_COMMANDS } from './print';
import { SETUP_COMMANDS } from './setup';
import { BACKUP_COMMANDS } from './backup';
import { SETUP_ENROLL_COMMANDS } from './setup-enroll';

export type { CommandDef } from './define';

// Spread in this order: docs/commands.md lists the commands as they come here. Each feature table only holds names
// under its own prefix (define.ts `Feature`), so no spread overrides another's command.
export const COMMANDS = {
  ...AUTH_COMMANDS,
  ...USERS_COMMANDS,
  ...REGISTERS_COMMANDS,
  ...PRODUCTS_COMMANDS,
  ...CASH_COMMANDS,
  ...DRAWER_COMMANDS,
  ...SALES_COMMANDS,
  ...AGENTS_COMMANDS,
  ...REPORTS_COMMANDS,
  ...SYNC_COMMANDS,
  ...PRINT_COMMANDS,
  ...SETUP_COMMANDS,
  ...BACKUP_COMMANDS,
  ...SETUP_ENROLL_COMMANDS,
} as const;

export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
/** What a caller sends (defaults may be omitted). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What a handler receives, after parsing. */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

/** Commands a signed-out screen may call. */
export type PublicCommandName = { [N in CommandName]: Commands[N]['auth'] extends false ? N : never }[CommandName];
export type AuthedCommandName = Exclude<CommandName, PublicCommandName>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

// Re-exported for clients that need the count line shape without importing zod schemas piecemeal.
export { DenominationInput, CountTypeSchema };
