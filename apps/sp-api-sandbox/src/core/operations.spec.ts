import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODELS_AVAILABLE, SHARED_DIR } from '../testing/model-contract';
import { OPERATIONS, matchOperation } from './operations';

const PLANS_FILE = path.join(SHARED_DIR, 'reference', 'usage-plans.json');
const plansAvailable = fs.existsSync(PLANS_FILE);
const d = plansAvailable ? describe : describe.skip;

d(`usage-plan table vs Amazon's models (${plansAvailable ? PLANS_FILE : `skipped: ${PLANS_FILE} not found (CI provides ../shared)`})`, () => {
  it('has the same method, path, rate and burst as usage-plans.json for every operation the sandbox serves', () => {
    const plans = JSON.parse(fs.readFileSync(PLANS_FILE, 'utf8')) as Record<
      string,
      Record<string, { method: string; path: string; rate: number; burst: number }>
    >;
    for (const op of OPERATIONS) {
      const plan = plans[op.api]?.[op.operationId];
      expect([op.api, op.operationId, plan && { method: plan.method, path: plan.path, rate: plan.rate, burst: plan.burst }]).toEqual([
        op.api,
        op.operationId,
        { method: op.method, path: op.path, rate: op.rate, burst: op.burst },
      ]);
    }
  });

  it('names model files that exist', () => {
    expect(MODELS_AVAILABLE).toBe(true);
    for (const op of OPERATIONS) expect(fs.existsSync(path.join(SHARED_DIR, 'sp-api-models', 'models', op.model))).toBe(true);
  });
});

describe('matchOperation', () => {
  it('tells operations apart by method and path shape and decodes path parameters', () => {
    expect(matchOperation('GET', '/listings/2021-08-01/items/A1/SKU%2F1')).toMatchObject({
      kind: 'found',
      op: { operationId: 'getListingsItem' },
      params: { sellerId: 'A1', sku: 'SKU/1' },
    });
    expect(matchOperation('GET', '/listings/2021-08-01/items/A1')).toMatchObject({ kind: 'found', op: { operationId: 'searchListingsItems' } });
    expect(matchOperation('GET', '/orders/2026-01-01/orders/1-2-3')).toMatchObject({
      kind: 'found',
      op: { api: 'Orders 2026-01-01', operationId: 'getOrder' },
    });
    expect(matchOperation('PUT', '/reports/2021-06-30/reports')).toEqual({ kind: 'wrong-method', allowed: ['GET', 'POST'] });
    expect(matchOperation('GET', '/reports/2021-06-30/nothing')).toEqual({ kind: 'unknown' });
  });
});
