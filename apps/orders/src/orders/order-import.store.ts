/**
 * Table names moved to `database/tables.ts` (the one way they are built). This re-export keeps the
 * PII redaction job, changed on another branch, compiling until it imports from there.
 */
export { T } from '../database/tables';
