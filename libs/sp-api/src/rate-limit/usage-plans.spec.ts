import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../testing/shared-paths';
import type { SpApiOperation } from './usage-plans';
import { USAGE_PLANS } from './usage-plans';

const file = path.join(sharedDir(), 'reference/usage-plans.json');
const present = existsSync(file);
const d = present ? describe : describe.skip;

const API_PREFIX: Record<string, string> = {
  'Sellers v1': 'sellers',
  'Reports 2021-06-30': 'reports',
  'Feeds 2021-06-30': 'feeds',
  'Listings Items 2021-08-01': 'listings',
  'Listings Restrictions 2021-08-01': 'listingsRestrictions',
  'Catalog Items 2022-04-01': 'catalog',
  'Product Type Definitions 2020-09-01': 'definitions',
  'Orders v0': 'ordersV0',
  'Orders 2026-01-01': 'orders',
  'Tokens 2021-03-01': 'tokens',
  'Notifications v1': 'notifications',
  'FBA Inventory v1': 'fbaInventory',
};

d(
  present
    ? 'USAGE_PLANS matches shared/reference/usage-plans.json'
    : 'USAGE_PLANS vs usage-plans.json (skipped: ../shared/reference/usage-plans.json is absent)',
  () => {
    // read lazily: Jest runs the body of a skipped describe too, and the file may be absent
    let reference: Record<string, Record<string, { method: string; path: string; rate: number; burst: number }>> = {};
    beforeAll(() => {
      reference = JSON.parse(readFileSync(file, 'utf8')) as typeof reference;
    });

    it('has the same rate, burst, method and path for every operation in the reference', () => {
      const mismatches: string[] = [];
      for (const [api, ops] of Object.entries(reference)) {
        const prefix = API_PREFIX[api];
        if (!prefix) {
          mismatches.push(`unknown API section ${api}`);
          continue;
        }
        for (const [operationId, ref] of Object.entries(ops)) {
          const key = `${prefix}.${operationId}` as SpApiOperation;
          const ours = USAGE_PLANS[key];
          if (!ours) mismatches.push(`${key} missing`);
          else if (ours.rate !== ref.rate || ours.burst !== ref.burst || ours.method !== ref.method || ours.path !== ref.path) {
            mismatches.push(`${key}: ours ${ours.method} ${ours.path} ${ours.rate}/${ours.burst} vs ${ref.method} ${ref.path} ${ref.rate}/${ref.burst}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('has no operation the reference does not know', () => {
      const known = new Set(Object.entries(reference).flatMap(([api, ops]) => Object.keys(ops).map((op) => `${API_PREFIX[api]}.${op}`)));
      expect(Object.keys(USAGE_PLANS).filter((k) => !known.has(k))).toEqual([]);
    });
  },
);
