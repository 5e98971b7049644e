export {
  ImportService,
  type ImportPort,
  type ImportProgress,
  type ImportServiceOptions,
  type SaveOutcome,
  type SkippedApproval,
} from './import-service';
