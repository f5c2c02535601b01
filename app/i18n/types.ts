// The shape every language implements. Records keyed by the contract's own unions make a missing translation
// (a new error code, status or role) a compile error.
import type { Role } from '../../src/auth/permissions';
import type { ErrorCode } from '../../src/contract/errors';
import type { ParseAmountError } from '../../src/money/money';
import type { SessionStatus } from '../../src/session/state';

export type Language = 'es' | 'en';
export type Specialty = 'SALES_ONLY' | 'AGENTS_ONLY' | 'MIXED';

export interface Messages {
  /** BCP 47 locale for numbers and dates. */
  readonly locale: string;
  readonly languageName: string;
  readonly app: { readonly name: string; readonly tagline: string; readonly loading: string; readonly retry: string };
  readonly signIn: {
    readonly title: string;
    readonly chooseUser: string;
    readonly noUsers: string;
    readonly pin: string;
    readonly pinFor: (name: string) => string;
    readonly pickUserFirst: string;
    readonly submit: string;
    readonly clear: string;
    readonly backspace: string;
    readonly lockedFor: (time: string) => string;
    readonly hint: string;
  };
  readonly home: {
    readonly signOut: string;
    readonly mySession: string;
    readonly noSession: string;
    readonly noSessionHint: string;
    readonly sessionNumber: string;
    readonly status: string;
    readonly register: string;
    readonly openingAmount: string;
    readonly sales: string;
    readonly salesCount: (n: number) => string;
    readonly expectedCash: string;
    readonly openedAt: string;
    readonly registers: string;
    readonly free: string;
    readonly heldBy: (name: string) => string;
    readonly currency: string;
    readonly openSession: string;
    readonly refresh: string;
    readonly noRegisters: string;
  };
  readonly openDialog: {
    readonly title: (register: string) => string;
    readonly amountLabel: string;
    readonly amountHint: (example: string) => string;
    readonly willOpenWith: (amount: string) => string;
    readonly confirm: string;
    readonly cancel: string;
    readonly opened: (number: string) => string;
  };
  readonly sessionStatus: Readonly<Record<SessionStatus, string>>;
  readonly roles: Readonly<Record<Role, string>>;
  readonly specialties: Readonly<Record<Specialty, string>>;
  readonly amountErrors: Readonly<Record<ParseAmountError, string>>;
  readonly errors: Readonly<Record<ErrorCode, string>>;
}
