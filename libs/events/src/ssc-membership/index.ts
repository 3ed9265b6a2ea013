export * from './election-opened';
export * from './nomination-accepted';
export * from './nomination-approved';
export * from './vote-cast';
export * from './election-closed';
export * from './member-appointed';
export * from './nomination-declined';
export * from './record-chain-head-published';
