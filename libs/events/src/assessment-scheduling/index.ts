export * from './assessment-scheduled';
export * from './fieldwork-completed';
export * from './assurance-status-set';
export * from './follow-up-requested';
export * from './provider-non-compliant';
export * from './assessment-timing-overridden';
export * from './event-of-default-raised';
