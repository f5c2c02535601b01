export * from './commands';
export * from './errors';
export * from './reply';
export * from './schemas';
export * from './print';
