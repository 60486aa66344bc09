import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OperationDef } from '../core/operations';

/** Repository root (apps/sp-api-sandbox/src/testing → four levels up). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** `../shared` next to the repository: Amazon's models live there in CI, never in the repo. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');
/** Amazon's models folder inside `../shared`. */
export const MODELS_DIR = path.join(SHARED_DIR, 'sp-api-models');
/** True when Amazon's models are available for contract checks. */
export const MODELS_AVAILABLE = fs.existsSync(path.join(MODELS_DIR, 'models'));
/** Why contract suites are skipped when the models are absent. */
export const MODELS_SKIP_REASON = `skipped: Amazon's SP-API models not found at ${MODELS_DIR} (CI provides ../shared)`;

interface SwaggerOperation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; $ref?: string }>;
  responses: Record<
    string,
    {
      schema?: unknown;
      headers?: Record<string, unknown>;
      'x-amzn-api-sandbox'?: { static?: Array<{ request: { parameters: Record<string, { value: unknown }> }; response: unknown }> };
    }
  >;
}

interface SwaggerModel {
  paths: Record<string, Record<string, SwaggerOperation | unknown>>;
  definitions: Record<string, unknown>;
}

/**
 * Validates sandbox responses against the response schemas of Amazon's Swagger 2.0 models with
 * ajv (`#/definitions/...` resolved inside each model file) and counts every check made.
 */
export class ModelContract {
  private readonly ajv: Ajv;
  private readonly models = new Map<string, SwaggerModel>();
  private readonly validators = new Map<string, ValidateFunction | null>();
  /** Number of responses checked against a model schema. */
  checks = 0;

  constructor(readonly modelsDir = MODELS_DIR) {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'binary', 'password']) this.ajv.addFormat(f, true);
  }

  /** The parsed model file (e.g. `reports-api-model/reports_2021-06-30.json`). */
  model(file: string): SwaggerModel {
    let m = this.models.get(file);
    if (!m) {
      m = JSON.parse(fs.readFileSync(path.join(this.modelsDir, 'models', file), 'utf8')) as SwaggerModel;
      this.models.set(file, m);
      this.ajv.addSchema({ $id: `model:${file}`, definitions: m.definitions });
    }
    return m;
  }

  /** The Swagger operation for one of the sandbox's operations. */
  operation(op: OperationDef): SwaggerOperation {
    const m = this.model(op.model);
    const found = m.paths[op.path]?.[op.method.toLowerCase()] as SwaggerOperation | undefined;
    if (!found || found.operationId !== op.operationId) throw new Error(`${op.operationId} not found at ${op.method} ${op.path} in ${op.model}`);
    return found;
  }

  private validator(op: OperationDef, status: number): ValidateFunction | null {
    const key = `${op.model}|${op.operationId}|${op.path}|${status}`;
    if (!this.validators.has(key)) {
      const response = this.operation(op).responses[String(status)];
      if (!response) throw new Error(`${op.operationId}: the model declares no ${status} response`);
      const schema =
        response.schema === undefined ? null : JSON.parse(JSON.stringify(response.schema).replace(/"#\/definitions\//g, `"model:${op.model}#/definitions/`));
      this.validators.set(key, schema === null ? null : this.ajv.compile(schema as object));
    }
    return this.validators.get(key) ?? null;
  }

  /**
   * Checks one response: the status is declared for the operation, the body matches its schema
   * (or is empty when none is declared) and `x-amzn-RequestId` is present. Throws with ajv's
   * errors on a mismatch.
   */
  check(op: OperationDef, status: number, body: string, headers: Headers): void {
    this.checks++;
    if (!headers.get('x-amzn-requestid')) throw new Error(`${op.operationId} ${status}: x-amzn-RequestId header missing`);
    const validate = this.validator(op, status);
    if (validate === null) {
      if (body.length > 0) throw new Error(`${op.operationId} ${status}: the model declares no body but got ${body.slice(0, 200)}`);
      return;
    }
    const parsed: unknown = JSON.parse(body);
    if (!validate(parsed)) {
      throw new Error(
        `${op.operationId} ${status} does not match the model: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}\n${body.slice(0, 500)}`,
      );
    }
  }

  /** Writes this suite's count where `contract-count` (and the lead's report) can sum them. */
  record(suite: string, extra: Record<string, unknown> = {}): void {
    const dir = path.join(os.tmpdir(), 'sp-api-sandbox-contract-checks');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${suite}.json`), JSON.stringify({ suite, checks: this.checks, ...extra }));
  }
}
