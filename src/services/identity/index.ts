export * from './identity';
export * from './identity-service';
export { LOCAL_GROUPS } from './local-groups';
