export * from './catalogue-service';
export { lastApprovedRecord, roleStatus } from './role-status';
export { parseSnapshot } from './snapshot';
