export * from './document-issued';
export * from './document-acknowledged';
export * from './document-recipient-added';
export * from './document-recipient-withdrawn';
export * from './document-copy-issued-in-error';
export * from './document-recipient-restored';
export * from './record-chain-head-published';
