export * from './document-issued';
export * from './document-acknowledged';
