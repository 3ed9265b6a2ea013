export * from './party-registered';
export * from './party-updated';
export * from './domestic-premises-recorded';
export * from './shared-resource-registered';
export * from './shared-resource-provider-designated';
export * from './engagement-started';
export * from './engagement-ended';
export * from './engagement-notification-recorded';
