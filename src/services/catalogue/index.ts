export * from './catalogue-service';
export type {
  CatalogueScreenRow,
  CatalogueVerification,
  FirstScreenRows,
  StatusCheck,
} from './first-screen';
export {
  type CatalogueVersion,
  catalogueVersionSchema,
  rowsDigest,
  type VersionedRows,
} from './revalidation';
export { lastApprovedRecord, roleStatus } from './role-status';
export { parseSnapshot } from './snapshot';
