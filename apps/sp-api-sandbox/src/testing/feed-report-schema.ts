import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { MODELS_AVAILABLE, MODELS_DIR } from './model-contract';

/**
 * Validates a processing report against Amazon's `listings-feed-processing-report-schema-v2.json`.
 * Returns the number of checks made (0 when the models are absent, in which case nothing is checked).
 */
export function checkProcessingReport(report: unknown): number {
  if (!MODELS_AVAILABLE) return 0;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'schemas', 'feeds', 'listings-feed-processing-report-schema-v2.json'), 'utf8')) as object;
  const validate = ajv.compile(schema);
  if (!validate(report)) throw new Error(`processing report does not match Amazon's schema: ${ajv.errorsText(validate.errors)}`);
  return 1;
}
