export * from './commands';
export * from './errors';
export * from './reply';
export * from './schemas';
export { PrintJobSchema } from './commands/print';
