export * from './approval-service';
