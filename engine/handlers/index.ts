// The handler table, typed against the command table: a command without a handler does not compile.
import type { AuthedCommandName, PublicCommandName } from '../../src/contract';
import type { NetworkCommandName } from '../../src/contract/commands/setup-enroll';
import type { AsyncCommandName, Handler, PublicHandler } from '../context';
import * as backup from './backup';
import * as setup from './setup';
import * as admin from './admin';
import * as agents from './agents';
import * as print from './print';
import * as products from './products';
import * as auth from './auth';
import * as cash from './cash';
import * as drawer from './drawer';
import * as reports from './reports';
import * as sales from './sales';
import * as sync from './sync';

/**
 * Every command but the asynchronous ones, which Engine.invoke runs outside one synchronous transaction: backup and
 * restore (engine/backup.ts) and the two that talk to HQ, setup.enroll and sync.pull (engine/master-sync.ts).
 */
type Sync<N> = Exclude<N, AsyncCommandName | NetworkCommandName>;
export const HANDLERS: { [N in Sync<PublicCommandName>]: PublicHandler<N> } & { [N in Sync<AuthedCommandName>]: Handler<N> } = {
  'auth.login': auth.login,
  'auth.logout': auth.logout,
  'auth.me': auth.me,
  'auth.users': auth.publicUsers,
  'auth.verifySupervisor': auth.verifySupervisor,
  'users.create': admin.createUser,
  'users.list': admin.listUsers,
  'users.update': admin.updateUser,
  'registers.create': admin.createRegister,
  'registers.list': admin.listRegisters,
  'registers.update': admin.updateRegister,
  'registers.remove': admin.removeRegister,
  'products.create': products.create,
  'products.update': products.update,
  'products.adjustStock': products.adjustStock,
  'products.movements': products.movements,
  'products.search': products.search,
  'products.import': products.importCsv,
  'products.list': products.list,
  'cash.current': cash.current,
  'cash.status': cash.status,
  'cash.open': cash.open,
  'cash.suspend': cash.suspend,
  'cash.resume': cash.resume,
  'cash.deposit': cash.deposit,
  'cash.withdraw': cash.withdraw,
  'cash.movements': cash.movements,
  'cash.count': cash.countDrawer,
  'cash.counts': cash.counts,
  'cash.close': cash.close,
  'cash.transfer': cash.transfer,
  'cash.sessions': cash.list,
  'cash.openDrawer': drawer.openDrawer,
  'sales.create': sales.create,
  'sales.get': sales.get,
  'sales.list': sales.list,
  'sales.void': sales.voidSale,
  'sales.refund': sales.refund,
  'agents.create': agents.create,
  'agents.list': agents.list,
  'agents.providers': agents.providers,
  'agents.saveProvider': agents.saveProvider,
  'reports.session': reports.sessionReport,
  'reports.daily': reports.daily,
  'print.settings': print.settings,
  'print.configure': print.configure,
  'print.jobs': print.jobs,
  'print.retry': print.retry,
  'print.counter': print.counter,
  'print.report': print.report,
  'print.daily': print.daily,
  'print.receipt': print.receipt,
  'sync.status': sync.status,
  'sync.now': sync.now,
  'sync.entries': sync.entries,
  'sync.configure': sync.configure,
  'setup.status': setup.status,
  'setup.initialize': setup.initialize,
  'setup.demo': setup.demo,
  'backup.status': backup.status,
  'backup.configure': backup.configure,
};
