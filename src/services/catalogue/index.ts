export * from './catalogue-service';
export {
  type CatalogueVersion,
  catalogueVersionSchema,
  rowsDigest,
  type VersionedRows,
} from './revalidation';
export { lastApprovedRecord, roleStatus } from './role-status';
export { parseSnapshot } from './snapshot';
