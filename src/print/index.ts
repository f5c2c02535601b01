export * from './document';
export * from './format';
export * from './receipts';
export * from './cash';
export * from './reports';
export * from './samples';
export * from './settings';
export * from './schema';
