export * from './approval-service';
export * from './approval-types';
// The snapshot reader belongs to the read model; re-exported for the approval screens.
export { parseSnapshot } from '../catalogue/snapshot';
